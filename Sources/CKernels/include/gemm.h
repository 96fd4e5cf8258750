// Basin's own single-precision matrix product with runtime CPU dispatch.
//
// basin_sgemm has exactly the semantics of row-major cblas_sgemm:
//     C[m×n] = alpha · op(A)[m×k] · op(B)[k×n] + beta · C
// where op(X) is X or Xᵀ, every matrix is row-major with leading dimensions lda/ldb/ldc, and
// beta == 0 means C is written without being read (NaN or garbage in C is ignored).
//
// It is tuned for the small products of training small networks on one core (m, n, k from 1 to
// a few hundred), where call overhead, packing cost and edge handling dominate, and stays
// correct (cache-blocked, never quadratic in memory) for large ones. One product runs on the
// calling thread only; parallelism belongs to the caller. Scratch buffers are thread-local,
// grown on first use and reused, so steady-state calls never allocate.
//
// The instruction set is the kernel path of isa.c: AVX-512F, else AVX2+FMA, else a portable
// loop, or BASIN_ISA's choice where the CPU can run it.
//
// NOTE (determinism): on the AVX-512 and AVX2 paths every element of C is the same function of
// the inputs: alpha · (Σ over p of op(A)(i,p)·op(B)(p,j), accumulated by FMA in increasing p from
// 0 within each 256-deep block of k), the blocks added to C in increasing order. Register
// tiling, masks and packing only move data, so the two paths agree bit for bit. The portable
// loop (no FMA) may differ in the last bits.
#ifndef BASIN_GEMM_H
#define BASIN_GEMM_H
#include <stddef.h>

/// C = alpha·op(A)·op(B) + beta·C, row-major; transA/transB are 0 (no transpose) or 1.
/// lda ≥ (transA ? m : k), ldb ≥ (transB ? k : n), ldc ≥ n.
void basin_sgemm(int transA, int transB, size_t m, size_t n, size_t k, float alpha,
                 const float *A, size_t lda, const float *B, size_t ldb, float beta,
                 float *C, size_t ldc);

/// The kernel family basin_sgemm dispatches to: "avx512", "avx2" or "baseline".
const char *basin_sgemm_isa(void);

/// basin_sgemm on a named kernel family ("avx512", "avx2", "baseline"), for tests of the
/// fallbacks. Returns 0 when it ran, -1 (C untouched) when this CPU lacks that instruction set.
int basin_sgemm_using(const char *isa, int transA, int transB, size_t m, size_t n, size_t k, float alpha,
                      const float *A, size_t lda, const float *B, size_t ldb, float beta,
                      float *C, size_t ldc);
/// The FMA paths' arithmetic computed element by element (their fallback when scratch cannot be
/// allocated), for the test that it gives the vector kernels' bits. -1 when the CPU lacks FMA.
int basin_sgemm_fma_elementwise(int transA, int transB, size_t m, size_t n, size_t k, float alpha,
                                const float *A, size_t lda, const float *B, size_t ldb, float beta,
                                float *C, size_t ldc);
#endif
