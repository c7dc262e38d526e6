# Sourced by benchmarks/gateway.sh and benchmarks/web.sh: builds envmon, and `serve_fleet STATIONS [STORE]` starts a real
# `envmon serve` on loopback ports with the demo fleet's first STATIONS stations registered, on a new data directory (a
# copy of the store in STORE when given). Environment for the server goes before the call's command, as usual
# (`Envmon__Server__X=1 serve_fleet 100`). Sets envmon (the command), work (a temporary directory), server (its pid),
# hj212, http (no trailing slash) and token; on exit, every background job of the script is stopped and work removed.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build "$root/src/Envmon.Cli" -c Release -v quiet -nologo >/dev/null
envmon=(dotnet "$root/src/Envmon.Cli/bin/Release/net10.0/envmon.dll")
work="$(mktemp -d /tmp/envmon-bench-XXXXXX)"
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
ulimit -n "$(ulimit -Hn)"

serve_fleet() {
  local stations="$1" store="${2:-}"
  "${envmon[@]}" simulate --stations "$stations" --write-stations "$work/stations.csv" 2>/dev/null
  if [ -n "$store" ]; then
    cp -r "$store" "$work/data"
    rm -f "$work/data/complete"
  fi
  "${envmon[@]}" stations import "$work/stations.csv" --data "$work/data" >/dev/null
  "${envmon[@]}" serve --data "$work/data" --hj212-listen 127.0.0.1:0 --http-listen 127.0.0.1:0 \
    --max-connections-per-address $((stations + 100)) >"$work/serve.log" 2>&1 &
  server=$!
  # A large store takes a while to open.
  for _ in $(seq 600); do [ -f "$work/data/server.json" ] && break; sleep 0.1; done
  hj212="$(sed -E 's/.*"hj212":"([^"]+)".*/\1/' "$work/data/server.json")"
  http="$(sed -E 's/.*"http":"([^"]+)".*/\1/' "$work/data/server.json")"
  http="${http%/}"
  token="$(sed -E 's/.*"token":"([^"]+)".*/\1/' "$work/data/server.json")"
}
