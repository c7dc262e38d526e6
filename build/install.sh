#!/usr/bin/env bash
# Installs the `envmon` command: compiled ahead of time to native code for this machine (Native AOT: it starts in a few
# milliseconds and runs at full speed from its first frame), with the embedded store's library and the dashboard's files,
# into PREFIX/lib/envmon, and a link PREFIX/bin/envmon. docs/decisions/0003-native-aot.md says why and what it costs.
# Usage: build/install.sh [PREFIX]     (default: ~/.local; /usr/local needs root)
# ENVMON_INSTRUCTION_SET: the processors the code may run on. Default "native": this machine's (the build runs where
# envmon is installed); "x86-64-v2" or "x86-64-v3" for a copy that is to run on other machines as well.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
prefix="${1:-$HOME/.local}"
instruction_set="${ENVMON_INSTRUCTION_SET:-native}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64 | arm64) rid=linux-arm64 ;;
  *) echo "install.sh: no .NET runtime identifier for $(uname -m)" >&2; exit 2 ;;
esac

# Native AOT links with the platform's C toolchain (clang) and zlib.
if ! command -v clang >/dev/null || [ ! -f /usr/include/zlib.h ]; then
  as_root=""; [ "$(id -u)" -ne 0 ] && as_root="sudo"
  if ! command -v apt-get >/dev/null || ! { $as_root apt-get update -qq && $as_root apt-get install -y -qq clang zlib1g-dev >/dev/null; }; then
    echo "install.sh: compiling envmon to native code needs clang and zlib's headers; install them (Debian: apt-get install clang zlib1g-dev) and run this again" >&2
    exit 2
  fi
fi

target="$prefix/lib/envmon"
staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
dotnet publish "$root/src/Envmon.Cli" -c Release -r "$rid" -p:IlcInstructionSet="$instruction_set" \
  -o "$staging" --nologo -v quiet -clp:ErrorsOnly
# What the native program does not use: the managed assemblies' symbols and documentation, and the native debug
# symbols (100 MB; stack traces keep their method names without them).
find "$staging" -maxdepth 1 \( -name '*.pdb' -o -name '*.xml' -o -name '*.dbg' \) -delete
# Replace the previous installation whole, so that no file of an older version stays behind.
rm -rf "$target"
mkdir -p "$(dirname "$target")" "$prefix/bin"
mv "$staging" "$target"
chmod 755 "$target"
trap - EXIT
ln -sfn "$target/envmon" "$prefix/bin/envmon"

echo "installed $prefix/bin/envmon -> $target/envmon ($("$prefix/bin/envmon" --version), native code for $rid, $instruction_set)"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "add $prefix/bin to PATH to run it as envmon" ;;
esac
