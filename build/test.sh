#!/usr/bin/env bash
# The whole test run, as CI runs it (.ci/run calls this and nothing else):
#   installs what the tests need (Chromium and CJK fonts for the browser tests, AFL++), restores, checks
#   formatting, builds in Release, installs envmon with build/install.sh into a scratch prefix, runs every test project (the
#   installed program's among them, tests/Envmon.Cli.Tests/Installed),
#   fuzzes the HJ 212 reader briefly, and ends with one line "tests: N passed, M failed" counted from the
#   TRX results of the test runs (errored, timed-out, aborted and skipped tests count as failed: in this run every test
#   runs). A step that fails outside them (install, restore, format, build, a test project
#   that wrote no results, the fuzz run) adds one failure, so the line can never read clean when something broke.
# Usage: build/test.sh [--no-fuzz]
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
fuzz=1
[ "${1:-}" = "--no-fuzz" ] && fuzz=0

passed=0
failed=0
check() { # name, status: a failed step counts as one failure; a passed step adds nothing
  if [ "$2" -ne 0 ]; then failed=$((failed + 1)); echo "FAILED: $1"; fi
}
count() { # a counter of a TRX file's <Counters> element, in $counters
  local n
  n="$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters")"
  echo "${n:-0}"
}
finish() {
  echo "tests: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}

echo "== installing test dependencies"
# Debian's Chromium drives the browser tests (Playwright never downloads a browser), with CJK fonts for the Chinese UI;
# AFL++ the fuzz step; Debian's Node.js and npm where the machine has none (the build installs ECharts with them, from
# web/package-lock.json). build/install.sh installs what Native AOT links with (clang, zlib's headers) itself.
packages=()
command -v npm >/dev/null || packages+=(nodejs npm)
[ -x /usr/bin/chromium ] || packages+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || packages+=(fonts-noto-cjk)
[ "$fuzz" -eq 1 ] && ! command -v afl-fuzz >/dev/null && packages+=(afl++)
if [ "${#packages[@]}" -gt 0 ]; then
  as_root=""; [ "$(id -u)" -ne 0 ] && as_root="sudo"
  $as_root apt-get update -qq && $as_root apt-get install -y -qq "${packages[@]}" >/dev/null || { echo "cannot install ${packages[*]}"; check "install ${packages[*]}" 1; }
fi

echo "== restore"
if ! dotnet restore Envmon.slnx --nologo -v quiet || ! dotnet tool restore >/dev/null; then
  check restore 1
  finish
fi

echo "== format"
dotnet format Envmon.slnx --verify-no-changes --no-restore -v quiet
status=$?
[ $status -ne 0 ] && echo "run 'dotnet format Envmon.slnx' to fix the formatting"
check format $status

echo "== build (Release)"
if ! dotnet build Envmon.slnx -c Release --no-restore --nologo -v quiet -clp:ErrorsOnly; then
  check build 1
  finish
fi

echo "== install (build/install.sh into a scratch prefix: native code, tested with the rest)"
prefix="$root/artifacts/install-check"
rm -rf "$prefix"
build/install.sh "$prefix" >/dev/null
check install $?
export ENVMON_INSTALLED="$prefix/bin/envmon"

echo "== test"
results="$root/artifacts/test-results"
rm -rf "$results"
for project in tests/*.Tests/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$results"
  status=$?
  trx="$results/$name.trx"
  if [ ! -f "$trx" ]; then
    check "$name (no results)" 1
    continue
  fi
  # Tests that errored, timed out or were aborted (a crashed test host) count as failed too, and so do skipped ones (total - executed).
  counters="$(grep -o '<Counters [^>]*>' "$trx")"
  f=$(( $(count failed) + $(count error) + $(count timeout) + $(count aborted) + $(count total) - $(count executed) ))
  passed=$((passed + $(count passed)))
  failed=$((failed + f))
  # A run that failed with no failed test in its results (the host stopped early) is one failure.
  [ "$status" -ne 0 ] && [ "$f" -eq 0 ] && check "$name (test run exited $status)" 1
done

rm -rf "$prefix"

if [ "$fuzz" -eq 1 ]; then
  echo "== fuzz (AFL++, 45 s)"
  build/fuzz.sh 45
  check fuzz $?
fi

finish
