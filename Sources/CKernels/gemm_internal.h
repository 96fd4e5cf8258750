// Private to CKernels: the per-ISA entry points of basin_sgemm and their shared scratch space.
// Every entry point has basin_sgemm's signature and may assume m, n, k ≥ 1 and alpha ≠ 0
// (gemm.c handles the degenerate cases before dispatching).
#ifndef BASIN_GEMM_INTERNAL_H
#define BASIN_GEMM_INTERNAL_H
#include <stddef.h>

#define BASIN_GEMM_ARGS                                                                          \
    int transA, int transB, size_t m, size_t n, size_t k, float alpha, const float *A, size_t lda, \
        const float *B, size_t ldb, float beta, float *C, size_t ldc

void basin_sgemm_avx512(BASIN_GEMM_ARGS);
void basin_sgemm_avx2(BASIN_GEMM_ARGS);
void basin_sgemm_baseline(BASIN_GEMM_ARGS);
/// The FMA paths' arithmetic element by element, needing no scratch: their fallback when scratch
/// cannot be allocated (same bits as the vector kernels).
void basin_sgemm_fma_reference(BASIN_GEMM_ARGS);

/// A 64-byte-aligned scratch buffer of at least `floats` floats, owned by the calling thread.
/// It grows on demand and is reused by every later call on the same thread (freed at thread
/// exit), so steady-state products allocate nothing. Returns NULL only if allocation fails.
float *basin_gemm_scratch(size_t floats);
#endif
