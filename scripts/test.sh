#!/usr/bin/env bash
# Runs Basin's whole test suite from a fresh clone: set-up, a release build (the end-to-end tests
# drive the real binaries), then every test target. Tests build in release because the numeric
# tests train real networks; no test times anything.
#
# Same seed, same numbers: where the CPU has AVX-512, the golden transcripts run a second time on
# the AVX2 kernel path (BASIN_ISA=avx2) and must match the same files exactly. The suite never
# depends on OPENBLAS_CORETYPE; it passes with it unset, Haswell or SkylakeX.
#
# Formatting first (a second): every Swift file as swift-format writes it with .swift-format;
# `swift format format -i -r -p Sources Tests Package.swift` fixes what the lint reports.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests
if swift format --version >/dev/null 2>&1; then
    echo "== swift format lint"
    swift format lint --strict --configuration .swift-format -r -p Sources Tests Package.swift
else
    echo "== swift format lint SKIPPED: this Swift toolchain has no swift-format"
fi
swift build -c release
swift test -c release "$@"
if [ $# -eq 0 ] && grep -qw avx512f /proc/cpuinfo; then
    echo "== golden transcripts again on the AVX2 kernel path (BASIN_ISA=avx2)"
    BASIN_ISA=avx2 swift test -c release --skip-build --filter "GoldenTests|KernelPathTests"
fi
