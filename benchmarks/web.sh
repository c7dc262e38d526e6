#!/usr/bin/env bash
# Dashboard and API figures (issue 6), on a real `envmon serve` with STATIONS simulated stations (default 5,000), measured
# with wrk over loopback while the stations keep sending live (`envmon simulate` in another process):
#   - first the national stations send the last day and a half, so that yesterday (Beijing) is a complete day with a
#     published (reviewed) daily AQI for every city; then all STATIONS send the last 70 minutes and go on live;
#   - the dashboard's first load: every request the page makes (HTML, scripts, styles, ECharts, the province's map,
#     the session and the overview of all stations), one after another with a cold connection each: an upper bound
#     of what the browser does in parallel; then the same with compression, as a browser asks;
#   - latest values of every station: /api/v1/overview (what the map and its live feed build) and /api/v1/readings/latest
#     (every parameter), latency percentiles with 1 and with 8 connections;
#   - the live feed (/api/v1/live) over a minute: the snapshot, then the updates and the points they carry;
#   - the public API's stations and latest AQI (/api/v1/public/stations, /aqi/cities/latest), requests/s under 32
#     connections, with the per-client rate limit raised for the run (one wrk process is one client address).
#   benchmarks/web.sh [STATIONS] [SECONDS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
stations="${1:-5000}" seconds="${2:-20}"
command -v wrk >/dev/null || { as_root=""; [ "$(id -u)" -ne 0 ] && as_root="sudo"; $as_root apt-get install -y -qq wrk >/dev/null; }
# shellcheck source=benchmarks/fleet-server.sh
. "$root/benchmarks/fleet-server.sh"
Envmon__Server__PublicPermitsPerMinute=10000000 serve_fleet "$stations"
auth=(-H "Authorization: Bearer $token")
national="$(awk -F, 'NR > 1 && $4 == "national_air"' "$work/stations.csv" | wc -l)"
cities="$(awk -F, 'NR > 1 && $4 == "national_air" { print $6 }' "$work/stations.csv" | sort -u | wc -l)"
yesterday="$(TZ=Asia/Shanghai date -d yesterday +%F)"
history="$(( 10#$(TZ=Asia/Shanghai date +%H) + 21 ))h"
echo "== the $national national stations send the last $history (yesterday, $yesterday Beijing, complete)"
started=$SECONDS
"${envmon[@]}" simulate --target "$hj212" --stations "$national" --speed 3600 --history "$history" --duration 10m >"$work/national.log" 2>&1 &
replay=$!
published=0
until [ "$published" -ge "$cities" ] || [ $((SECONDS - started)) -gt 600 ]; do
  sleep 5
  published="$(curl -s "${auth[@]}" "$http/api/v1/aqi/cities/daily?date=$yesterday&version=reviewed" | { grep -o '"aqi":[0-9]' || true; } | wc -l)"
done
kill "$replay" 2>/dev/null || true; wait "$replay" 2>/dev/null || true
echo "cities with a reviewed daily AQI for $yesterday: $published of $cities, after $((SECONDS - started)) s"

echo "== all $stations stations: the last 70 minutes at 70x, then live"
"${envmon[@]}" simulate --target "$hj212" --stations "$stations" --speed 70 --history 70m --spread 20s >"$work/live.log" 2>&1 &
live=$!
sleep 100
tail -1 "$work/live.log"
echo "stations with an hourly AQI: $(curl -s "${auth[@]}" "$http/api/v1/overview" | grep -o '"aqi":[0-9]' | wc -l) of $stations"

echo "== dashboard first load (sequential, cold connections)"
total=0
for path in / /css/app.css /lib/echarts.min.js /js/app.js /js/i18n.js /js/core.js /js/map.js /js/rankings.js /js/station.js /js/network.js \
  /js/review.js /js/cases.js /js/sections.js /geo/henan.geojson /api/v1/session /api/v1/overview; do
  read -r code size seconds_taken < <(curl -s -o /dev/null -w '%{http_code} %{size_download} %{time_total}\n' "${auth[@]}" "$http$path")
  printf '  %-24s %s %9s B %7.1f ms\n' "$path" "$code" "$size" "$(echo "$seconds_taken * 1000" | bc -l)"
  total="$(echo "$total + $seconds_taken" | bc -l)"
done
printf 'first load, all requests one after another: %.0f ms\n' "$(echo "$total * 1000" | bc -l)"
total=0 bytes=0
for path in / /css/app.css /lib/echarts.min.js /js/app.js /js/i18n.js /js/core.js /js/map.js /js/rankings.js /js/station.js /js/network.js \
  /js/review.js /js/cases.js /js/sections.js /geo/henan.geojson /api/v1/session /api/v1/overview; do
  read -r size seconds_taken < <(curl -s --compressed -o /dev/null -w '%{size_download} %{time_total}\n' "${auth[@]}" "$http$path")
  total="$(echo "$total + $seconds_taken" | bc -l)" bytes=$((bytes + size))
done
printf 'the same, compressed as a browser asks (gzip, br): %.0f ms, %d bytes transferred\n' "$(echo "$total * 1000" | bc -l)" "$bytes"

for path in /api/v1/overview /api/v1/readings/latest; do
  echo "== latest values of all stations: $path ($(curl -s "${auth[@]}" "$http$path" | wc -c) bytes)"
  for connections in 1 8; do
    echo "  $connections connection(s):"
    wrk -t1 -c"$connections" -d"${seconds}s" --latency "${auth[@]}" "$http$path" | grep -E 'Requests/sec|^ +(50|90|99)%'
  done
  echo "  8 connections, gzip accepted as a browser does ($(curl -s --compressed -w '%{size_download}' -o /dev/null "${auth[@]}" "$http$path") bytes):"
  wrk -t1 -c8 -d"${seconds}s" --latency "${auth[@]}" -H 'Accept-Encoding: gzip' "$http$path" | grep -E 'Requests/sec|^ +(50|90|99)%'
done

echo "== live feed (/api/v1/live) for 60 s"
timeout 60 curl -sN "${auth[@]}" "$http/api/v1/live" >"$work/live.sse" || true
echo "snapshot: $(grep -A1 '^event: snapshot' "$work/live.sse" | grep -o '"mn"' | wc -l) points; updates: $(grep -c '^event: update' "$work/live.sse"), carrying $(grep -A1 '^event: update' "$work/live.sse" | grep -o '"mn"' | wc -l) points"
tail -1 "$work/live.log"

echo "== public API: stations ($(curl -s "$http/api/v1/public/stations" | wc -c) bytes)"
wrk -t2 -c32 -d"${seconds}s" --latency "$http/api/v1/public/stations" | grep -E 'Requests/sec|Non-2xx|^ +(50|99)%'
echo "== public API: latest AQI ($(curl -s "$http/api/v1/public/aqi/cities/latest" | wc -c) bytes: $(curl -s "$http/api/v1/public/aqi/cities/latest" | head -c 160)...)"
wrk -t2 -c32 -d"${seconds}s" --latency "$http/api/v1/public/aqi/cities/latest" | grep -E 'Requests/sec|Non-2xx|^ +(50|99)%'
echo "server memory: $(awk '/VmRSS/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$server/status")"
