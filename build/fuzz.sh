#!/usr/bin/env bash
# Fuzzes the HJ 212 frame reader and decoder (tests/Envmon.Fuzz) with AFL++ for SECONDS (default 60).
# Seeds: tests/Envmon.Fuzz/corpus (the sample frames). Any crash is copied to
# tests/Envmon.Hj212.Tests/FuzzRegressions/, where FuzzRegressionTests replays it forever, and the script fails.
# Prints "fuzz: N execs, M crashes" on success. Needs afl++ (build/test.sh installs it).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-60}"
work="$root/artifacts/fuzz"
rm -rf "$work" && mkdir -p "$work"

cd "$root"
dotnet tool restore >/dev/null
dotnet build tests/Envmon.Fuzz -c Release -o "$work/bin" -v quiet -nologo >/dev/null
# Instrument the library under test in place (a rebuild overwrites it, so this comes after the build).
dotnet sharpfuzz "$work/bin/Envmon.Hj212.dll" >/dev/null

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_QUIET=1
afl-fuzz -i tests/Envmon.Fuzz/corpus -o "$work/out" -t 10000 -m none -V "$seconds" -- dotnet "$work/bin/Envmon.Fuzz.dll" \
  >"$work/afl.log" 2>&1 || { tail -20 "$work/afl.log"; echo "fuzz: afl-fuzz failed"; exit 1; }

execs="$(awk -F: '/^execs_done/ {gsub(/ /, "", $2); print $2}' "$work/out/default/fuzzer_stats")"
crashes=0
for crash in "$work"/out/default/crashes/id:*; do
  [ -e "$crash" ] || continue
  crashes=$((crashes + 1))
  name="crash-$(sha256sum "$crash" | cut -c1-16).bin"
  cp "$crash" "tests/Envmon.Hj212.Tests/FuzzRegressions/$name"
  echo "fuzz: crash kept as tests/Envmon.Hj212.Tests/FuzzRegressions/$name"
done
echo "fuzz: $execs execs, $crashes crashes in ${seconds}s"
[ "$crashes" -eq 0 ]
