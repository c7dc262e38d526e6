#!/usr/bin/env bash
# Prints the performance figures the issues name (issue 2: the HJ 212 codec; issue 4: the indicator engine, AirYear; issue 5: QC
# kernels, one QC hour, interference detection, and the detectors' precision and recall). Takes about 15 minutes; run it on a
# quiet machine, as the figures are per core and the 2-core CI machines are shared.
#   benchmarks/run.sh [--quick | --summary]
#     --quick: BenchmarkDotNet's short job (less precise, about 2 minutes); --summary: only issue 2's decode summary
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
job=()
[ "${1:-}" = "--quick" ] && job=(--job short)
summary_only=0
[ "${1:-}" = "--summary" ] && summary_only=1

dotnet build benchmarks/Envmon.Benchmarks -c Release -v quiet -nologo >/dev/null
dotnet build src/Envmon.Cli -c Release -v quiet -nologo >/dev/null

if [ "$summary_only" -eq 0 ]; then
  echo "== HJ 212 codec and indicator engine, one core (BenchmarkDotNet); Ops/s = frames per second (segments for the CRC)"
  echo "   targets: FrameCrcAndScan >= 1,000,000 frames/s with 0 B allocated; FullDecode >= 500,000 frames/s"
  echo "   issue 4: DailyAqiAndAnnualEvaluation (2,000 stations x 6 pollutants x 1 year, engine only) under 5 s;"
  echo "            DailyAqiAndAnnualEvaluationFromTheStore (the same, 105 M readings read from the embedded store) under 60 s"
  echo "              (its store is built once, several minutes, in artifacts/bench/year-store)"
  echo "            OneNewHourFor5000Stations (one new hour committed -> every station and city hour and day stored) under 1 s"
  echo "   issue 5: QcKernelBenchmarks, 10 M values, one core: GrossRange <= 0.03 s, Spike <= 0.05 s, RateOfChange <= 0.05 s,"
  echo "            FlatLine <= 0.15 s, RollingStd24Hours <= 0.15 s; QcHourBenchmarks.OneNewHour (5,000 stations x 10 parameters with"
  echo "            neighbours) <= 50 ms; InterferenceBenchmarks.OneMonthFor2000Stations <= 30 s"
  dotnet run --project benchmarks/Envmon.Benchmarks -c Release --no-build -- --filter '*' "${job[@]}" \
    | grep -E '^\|' || true
fi

echo
echo "== envmon hj212 decode --summary vs wc -l over 200 MB of air minute frames (target: at most 4x)"
file="$root/artifacts/bench/air-minute-200MB.hj212"
if [ ! -f "$file" ]; then
  mkdir -p "$(dirname "$file")"
  dotnet run --project benchmarks/Envmon.Benchmarks -c Release --no-build -- stream "$file" 200
fi
# RUNS DROP command...: the best wall time of RUNS runs in seconds, each from a dropped page cache when DROP is "cold"
fastest() {
  local runs="$1" drop="$2" best=999
  shift 2
  for _ in $(seq "$runs"); do
    [ "$drop" = cold ] && sync && echo 3 >/proc/sys/vm/drop_caches
    local t
    t="$( { /usr/bin/time -f '%e' "$@" >/dev/null; } 2>&1 | tail -1)"
    best="$(awk -v a="$t" -v b="$best" 'BEGIN { print (a < b) ? a : b }')"
  done
  echo "$best"
}
best() { fastest 5 warm "$@"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
# The envmon users run: build/install.sh's native (AOT) build; and, for comparison, the build output under `dotnet`.
build/install.sh "$root/artifacts/bench/envmon" >/dev/null
installed=("$root/artifacts/bench/envmon/bin/envmon" hj212 decode --summary "$file")
built=(dotnet src/Envmon.Cli/bin/Release/net10.0/envmon.dll hj212 decode --summary "$file")
wc_warm="$(best wc -l "$file")"
summary_warm="$(best "${installed[@]}")"
built_warm="$(best "${built[@]}")"
echo "warm cache: wc -l ${wc_warm} s, summary ${summary_warm} s (ratio $(ratio "$summary_warm" "$wc_warm")); under dotnet from the build output ${built_warm} s"
if [ "$(id -u)" -eq 0 ] && sync && echo 3 >/proc/sys/vm/drop_caches 2>/dev/null; then
  wc_cold="$(fastest 3 cold wc -l "$file")"
  summary_cold="$(fastest 3 cold "${installed[@]}")"
  built_cold="$(fastest 3 cold "${built[@]}")"
  echo "cold cache: wc -l ${wc_cold} s, summary ${summary_cold} s (ratio $(ratio "$summary_cold" "$wc_cold")); under dotnet from the build output ${built_cold} s (ratio $(ratio "$built_cold" "$wc_cold"))"
fi
echo "(start-up alone, envmon --help: installed $(best "$root/artifacts/bench/envmon/bin/envmon" --help) s, under dotnet $(best dotnet src/Envmon.Cli/bin/Release/net10.0/envmon.dll --help) s)"

[ "$summary_only" -eq 1 ] && exit 0

echo
echo "== interference detectors on a simulated month of 500 stations with injected episodes (issue 5: drop recall >= 0.9, < 1 false case per 100 station-days)"
dotnet src/Envmon.Cli/bin/Release/net10.0/envmon.dll cases evaluate --stations 500 --days 30 --seed 7 | sed -n '1,/^false cases/p'
