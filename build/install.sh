#!/usr/bin/env bash
# Installs the `envmon` command: a Release build published ReadyToRun (compiled ahead of time, so a command starts in
# about half the time and runs its first seconds at full speed) for this machine's .NET 10 runtime, with the
# dashboard's files, into PREFIX/lib/envmon, and a link PREFIX/bin/envmon.
# Usage: build/install.sh [PREFIX]     (default: ~/.local; /usr/local needs root)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
prefix="${1:-$HOME/.local}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64 | arm64) rid=linux-arm64 ;;
  *) echo "install.sh: no .NET runtime identifier for $(uname -m)" >&2; exit 2 ;;
esac

target="$prefix/lib/envmon"
staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
dotnet publish "$root/src/Envmon.Cli" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true \
  -o "$staging" --nologo -v quiet -clp:ErrorsOnly
# Replace the previous installation whole, so that no file of an older version stays behind.
rm -rf "$target"
mkdir -p "$(dirname "$target")" "$prefix/bin"
mv "$staging" "$target"
chmod 755 "$target"
trap - EXIT
ln -sfn "$target/envmon" "$prefix/bin/envmon"

echo "installed $prefix/bin/envmon -> $target/envmon ($("$prefix/bin/envmon" --version))"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "add $prefix/bin to PATH to run it as envmon" ;;
esac
