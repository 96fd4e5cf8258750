#!/usr/bin/env bash
# Builds and runs the libFuzzer target of the language front end (lexer, parser, registry,
# diagnostics). Usage: scripts/fuzz.sh [SECONDS] [extra libFuzzer flags…]   (default 120 s)
#
# The Diagnostics and Language modules are compiled separately (static libraries with
# coverage and AddressSanitizer instrumentation), then linked with the harness in
# Fuzz/LanguageFuzz.swift and the registry Basin runs (Fuzz/StandardRegistry.swift, generated from
# the command types by InterpreterTests; BASIN_UPDATE_DOCS=1 rewrites it). Leak detection is off: LeakSanitizer reports the lazily built global
# registry as leaked at exit (a false positive; the front end has no classes). New inputs are
# added to Fuzz/corpus/; crashes land in fuzz-out/ (reproduce: fuzz-out/language-fuzz FILE).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/fuzz-out"
seconds="${1:-120}"
shift || true
mkdir -p "$out/build" "$root/Fuzz/corpus"

flags=(-O -g -parse-as-library -sanitize=fuzzer,address)
cd "$out/build"
swiftc "${flags[@]}" -emit-module -emit-library -static -module-name Diagnostics \
  "$root"/Sources/Diagnostics/*.swift -o libDiagnostics.a
swiftc "${flags[@]}" -emit-module -emit-library -static -module-name Language -I . \
  "$root"/Sources/Language/*.swift "$root"/Sources/Language/Registry/*.swift -o libLanguage.a
swiftc "${flags[@]}" -I . -L . -lLanguage -lDiagnostics -lm \
  "$root"/Fuzz/LanguageFuzz.swift "$root"/Fuzz/StandardRegistry.swift -o "$out/language-fuzz"

cd "$out"
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$out/language-fuzz" \
  -max_total_time="$seconds" -max_len=1024 -timeout=10 -print_final_stats=1 \
  -detect_leaks=0 -artifact_prefix="$out/" -dict="$root/Fuzz/basin.dict" "$@" "$root/Fuzz/corpus"
