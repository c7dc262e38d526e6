#!/usr/bin/env bash
# Gateway load figures (issue 3): a real `envmon serve` on a fresh embedded store (or on a copy of the store in
# $ENVMON_GATEWAY_STORE, to see how the throughput changes as the store grows) and `envmon simulate` in another
# process, over loopback. Prints the simulator's progress lines (acknowledged frames/s and reply latency per 10 s
# window, replies sent only after the durable commit), the server's resident memory, and its store metrics.
#   benchmarks/gateway.sh STATIONS SPEED DURATION [HISTORY] [SPREAD]
#     STATIONS  simulated stations (one connection each)
#     SPEED     how many times faster than real time the stations' clocks run while they replay HISTORY; each
#               station sends one minute frame per 60/SPEED s (so 10,000 stations at speed 180 offer 30,000 frames/s)
#     DURATION  how long the simulator runs, e.g. 90s
#     HISTORY   how far back the stations start (default 24h; 0s = live: one frame per minute per station)
#     SPREAD    each station's fixed delay after the minute is drawn from [0, SPREAD) (default 00:01:00: an even load;
#               00:00:20 is the simulator's default, closer to a province's loggers)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
stations="${1:?stations}" speed="${2:?speed}" duration="${3:?duration}" history="${4:-24h}" spread="${5:-1m}"
# shellcheck source=benchmarks/fleet-server.sh
. "$root/benchmarks/fleet-server.sh"
serve_fleet "$stations" "${ENVMON_GATEWAY_STORE:-}"
rss() { awk '/VmRSS/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$server/status"; }
echo "== $stations stations, speed $speed, history $history, spread $spread, for $duration (server pid $server, HJ 212 on $hj212)"
echo "server memory before: $(rss); store: $(du -sh "$work/data" | cut -f1)"
"${envmon[@]}" simulate --target "$hj212" --stations "$stations" --speed "$speed" --history "$history" --spread "$spread" --duration "$duration" 2>&1 &
simulator=$!
peak=0
while kill -0 "$simulator" 2>/dev/null; do
  now="$(awk '/VmRSS/ { print $2 }' "/proc/$server/status")"
  [ "$now" -gt "$peak" ] && peak="$now"
  sleep 1
done
wait "$simulator" || true
echo "server memory peak: $((peak / 1024)) MiB, after: $(rss)"
curl -s "$http/metrics" | grep -E '^envmon_(store|gateway_frames|gateway_rejected)' | sed 's/{otel_scope_name="Envmon",\?/{/' || true
