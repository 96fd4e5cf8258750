// basin_sgemm's front end: degenerate cases, one-time CPU dispatch, thread-local scratch, and
// the portable baseline kernel. The fast paths live in gemm_avx512.c and gemm_avx2.c.
//
// Design (after Goto & van de Geijn, "Anatomy of high-performance matrix multiplication",
// ACM TOMS 2008, and the BLIS microkernel design of Van Zee & van de Geijn, 2015): a
// register-blocked FMA microkernel computes an MR × NR tile of C from a k-long sliver of op(A)
// and op(B); the driver blocks k and n so the B block it streams stays in L2 and the A sliver
// in L1. Unlike BLIS, operands that are already laid out the way the microkernel reads them are
// not copied — at the 100-sized products Basin trains with, packing A would cost as much as the
// arithmetic it enables (the libxsmm observation). Only op(B) = Bᵀ is packed (transposed in
// registers, 16×16 or 8×8 at a time), plus, on AVX2, large untransposed B blocks for TLB locality.
#include "gemm.h"
#include "gemm_internal.h"
#include "ckernels.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

// MARK: - Scratch

// The pointer is thread-local for a fast lookup; the pthread key only exists so that the buffer
// is freed when its thread exits.
static _Thread_local float *scratch_base;
static _Thread_local size_t scratch_floats;
static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;

static void scratch_make_key(void) { pthread_key_create(&scratch_key, free); }

float *basin_gemm_scratch(size_t floats) {
    if (floats <= scratch_floats) return scratch_base;
    size_t want = floats + floats / 2 + 1024;           // grow geometrically
    size_t bytes = (want * sizeof(float) + 63) & ~(size_t)63;
    float *p = aligned_alloc(64, bytes);
    if (!p) return NULL;
    pthread_once(&scratch_once, scratch_make_key);
    free(scratch_base);
    scratch_base = p;
    scratch_floats = bytes / sizeof(float);
    pthread_setspecific(scratch_key, p);
    return p;
}

// MARK: - Dispatch

typedef void (*gemm_fn)(BASIN_GEMM_ARGS);

static const gemm_fn level_fns[3] = {basin_sgemm_baseline, basin_sgemm_avx2, basin_sgemm_avx512};

const char *basin_sgemm_isa(void) { return basin_isa_name(basin_isa_level()); }

static void run(gemm_fn fn, BASIN_GEMM_ARGS) {
    if (m == 0 || n == 0) return;
    if (k == 0 || alpha == 0.0f) {
        // Like BLAS: op(A)·op(B) is not evaluated, so NaNs in A or B do not reach C.
        for (size_t i = 0; i < m; i++) {
            float *c = C + i * ldc;
            if (beta == 0.0f) memset(c, 0, n * sizeof(float));
            else if (beta != 1.0f) for (size_t j = 0; j < n; j++) c[j] *= beta;
        }
        return;
    }
    fn(transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
}

void basin_sgemm(BASIN_GEMM_ARGS) {
    run(level_fns[basin_isa_level()], transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
}

int basin_sgemm_using(const char *isa, BASIN_GEMM_ARGS) {
    int level = basin_isa_level_named(isa);
    if (level < 0 || level > basin_isa_cpu_level()) return -1;
    run(level_fns[level], transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
    return 0;
}

// MARK: - FMA reference

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
// The AVX paths' own arithmetic without their scratch space, for when it cannot be allocated:
// each element accumulates by FMA from 0 over 256-deep blocks of k, alpha and beta applied as
// the microkernels apply them — so the result is the same bits as the vector kernels'.
__attribute__((target("avx2,fma"))) void basin_sgemm_fma_reference(BASIN_GEMM_ARGS) {
    for (size_t i = 0; i < m; i++) {
        for (size_t j = 0; j < n; j++) {
            float *c = C + i * ldc + j;
            for (size_t pc = 0; pc < k; pc += 256) {
                size_t end = k - pc < 256 ? k : pc + 256;
                float acc = 0.0f;
                for (size_t p = pc; p < end; p++) {
                    float a = transA ? A[p * lda + i] : A[i * lda + p];
                    float b = transB ? B[j * ldb + p] : B[p * ldb + j];
                    acc = __builtin_fmaf(a, b, acc);
                }
                float r = acc * alpha;
                if (pc > 0 || beta == 1.0f) *c = r + *c;
                else if (beta == 0.0f) *c = r;
                else *c = __builtin_fmaf(beta, *c, r);
            }
        }
    }
}
#else
void basin_sgemm_fma_reference(BASIN_GEMM_ARGS) { basin_sgemm_baseline(transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc); }
#endif

int basin_sgemm_fma_elementwise(BASIN_GEMM_ARGS) {
    if (basin_isa_cpu_level() < 1) return -1;
    run(basin_sgemm_fma_reference, transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
    return 0;
}

// MARK: - Portable kernel

// Straightforward loops in an order that keeps the innermost access contiguous; compilers
// vectorize them for the target's baseline ISA. Used on CPUs without AVX2+FMA.
void basin_sgemm_baseline(BASIN_GEMM_ARGS) {
    for (size_t i = 0; i < m; i++) {
        float *restrict c = C + i * ldc;
        if (beta == 0.0f) memset(c, 0, n * sizeof(float));
        else if (beta != 1.0f) for (size_t j = 0; j < n; j++) c[j] *= beta;
        if (transB) {
            // c[j] += alpha · Σ_p op(A)(i,p) · B[j, p]: dot products along contiguous rows of B.
            for (size_t j = 0; j < n; j++) {
                const float *b = B + j * ldb;
                float s = 0.0f;
                for (size_t p = 0; p < k; p++) s += (transA ? A[p * lda + i] : A[i * lda + p]) * b[p];
                c[j] += alpha * s;
            }
        } else {
            // c[:] += (alpha · op(A)(i,p)) · B[p, :]: axpy over contiguous rows of B.
            for (size_t p = 0; p < k; p++) {
                float a = alpha * (transA ? A[p * lda + i] : A[i * lda + p]);
                const float *restrict b = B + p * ldb;
                for (size_t j = 0; j < n; j++) c[j] += a * b[j];
            }
        }
    }
}
