#!/usr/bin/env bash
# Gateway load figures (issue 3): a real `envmon serve` on a fresh embedded store (or on a copy of the store in
# $ENVMON_GATEWAY_STORE, to see how the throughput changes as the store grows) and `envmon simulate` in another
# process, over loopback. Prints the simulator's progress lines (acknowledged frames/s and reply latency per 10 s
# window, replies sent only after the durable commit), the server's own figures per 10 s window (frames stored per
# second, CPU time and bytes allocated per frame, GC pauses), its resident memory, and its store metrics.
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
# frames stored, CPU seconds, bytes allocated, GC pause seconds, gen2 collections: one line from /metrics
counters() {
  curl -s "$http/metrics" | awk '
    /^envmon_gateway_frames_total\{.*outcome="ok"/ { f = $NF }
    /^dotnet_process_cpu_time_seconds_total/ { c += $NF }
    /^dotnet_gc_heap_total_allocated_bytes_total/ { a = $NF }
    /^dotnet_gc_pause_time_seconds_total/ { p = $NF }
    /^dotnet_gc_collections_total\{.*gen2/ { g = $NF }
    /^dotnet_gc_collections_total\{.*gen[01]/ { y += $NF }
    /^envmon_store_commit_duration_milliseconds_count/ { n = $NF }
    /^envmon_store_commit_duration_milliseconds_sum/ { d = $NF }
    /^envmon_store_commit_duration_milliseconds_bucket\{.*le="1000"/ { q = $NF }
    END { printf "%d %f %f %f %d %d %d %f %d\n", f, c, a, p, g, y, n, d, q }'
}
# the simulator's CPU seconds so far (user + system, from /proc)
ticks="$(getconf CLK_TCK)"
simulator_cpu() { awk -v t="$ticks" '{ printf "%f", ($14 + $15) / t }' "/proc/$simulator/stat" 2>/dev/null || echo 0; }
peak=0 tick=0 last="$(counters) $(simulator_cpu)"
while kill -0 "$simulator" 2>/dev/null; do
  now="$(awk '/VmRSS/ { print $2 }' "/proc/$server/status")"
  [ "$now" -gt "$peak" ] && peak="$now"
  sleep 1
  tick=$((tick + 1))
  if [ $((tick % 10)) -eq 0 ]; then
    next="$(counters) $(simulator_cpu)"
    echo "$last $next" | awk '{ f = $11 - $1; n = $17 - $7; if (n < 1) n = 1
      per = f > 0 ? sprintf("%.0f us CPU per frame, %.1f KB allocated per frame", ($12 - $2) * 1e6 / f, ($13 - $3) / 1024 / f) \
        : sprintf("%.0f%% of a core, %.0f KB allocated per second", ($12 - $2) * 10, ($13 - $3) / 10240)
      simulator = f > 0 ? sprintf("%.0f us per frame", ($20 - $10) * 1e6 / f) : sprintf("%.0f%% of a core", ($20 - $10) * 10)
      printf "server, last 10 s: %d frames/s, %s, GC pauses %.0f ms in %d gen0/1 and %d gen2 GCs; %d commits of %.0f ms on average, %d over 1 s; simulator CPU %s\n",
        f / 10, per, ($14 - $4) * 1000, $16 - $6, $15 - $5, $17 - $7, ($18 - $8) / n, ($17 - $19) - ($7 - $9), simulator }'
    last="$next"
  fi
done
wait "$simulator" || true
echo "server memory peak: $((peak / 1024)) MiB, after: $(rss)"
curl -s "$http/metrics" | grep -E '^envmon_(store|gateway_frames|gateway_rejected)' | sed 's/{otel_scope_name="Envmon",\?/{/' || true
