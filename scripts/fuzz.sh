#!/usr/bin/env bash
# Builds and runs a libFuzzer target. Usage: scripts/fuzz.sh [language|files] [SECONDS] [libFuzzer flags…]
#   language (default): the language front end (lexer, parser, registry, diagnostics), below.
#   files: the CSV, NPY and safetensors readers and the `basin trial` config (Fuzz/FilesFuzz.swift),
#          built by SwiftPM with the sanitizers into fuzz-out/spm; corpus Fuzz/corpus-files.
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
target=language
if [ "${1:-}" = language ] || [ "${1:-}" = files ]; then target="$1"; shift; fi
seconds="${1:-120}"
shift || true
mkdir -p "$out/build" "$root/Fuzz/corpus"

if [ "$target" = files ]; then
  spm="$out/spm"
  swift build -c release --package-path "$root" --target TestSupport --scratch-path "$spm" \
    -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address
  b="$spm/release"
  objects=()
  for m in CKernels Kernels Networks Datasets Lab Search Language Charts Diagnostics Interpreter TestSupport; do
    objects+=("$b/$m.build/"*.o)
  done
  swiftc -O -g -parse-as-library -sanitize=fuzzer,address -I "$b/Modules" \
    -Xcc -fmodule-map-file="$b/CKernels.build/module.modulemap" -Xcc -I"$root/Sources/CKernels/include" \
    -Xcc -fmodule-map-file="$root/Sources/COpenBLAS/module.modulemap" -I "$root/Sources/COpenBLAS" \
    "$root/Fuzz/FilesFuzz.swift" "${objects[@]}" -lopenblas -llapacke -o "$out/files-fuzz"
  cd "$out"
  exec env SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$out/files-fuzz" \
    -max_total_time="$seconds" -max_len=4096 -timeout=10 -print_final_stats=1 \
    -detect_leaks=0 -artifact_prefix="$out/" "$@" "$root/Fuzz/corpus-files"
fi

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
