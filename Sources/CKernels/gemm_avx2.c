// basin_sgemm for AVX2 + FMA (Haswell and later, Zen 1–3): an MR × (8·NV) microkernel of ymm
// FMA accumulators, an 8×8 in-register transpose to pack Bᵀ, and the same blocking driver as
// gemm_avx512.c (see gemm.c for the design and references). Masked loads and stores use
// vmaskmovps, which never touches memory in masked-off lanes.
#include "gemm_internal.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#include <stdint.h>

#define AVX2 __attribute__((target("avx2,fma")))
#define INLINE static inline __attribute__((always_inline))

// Tile: 6 rows × 2 vectors of 8 columns — 12 of the 16 ymm registers are accumulators, 2 hold
// B and 1 the broadcast (the classic Haswell sgemm shape).
enum { MR = 6, NV = 2, NR = 8 * NV };
// Blocking: the A sliver (6·256·4 = 6 KiB) stays in L1; the B block (256 × 240, 240 KiB) in L2.
enum { KC = 256, NC = 15 * NR };

// The first `count` lanes set (count ≤ 8), as vmaskmovps wants: -1 in active lanes.
static inline __m256i AVX2 lanes(size_t count) {
    static const int32_t table[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};
    return _mm256_loadu_si256((const __m256i *)(table + 8 - (count > 8 ? 8 : count)));
}

// MARK: - Microkernel

// Same contract as the AVX-512 microkernel, with 8-lane vectors.
INLINE AVX2 void microkernel(const int mr, const int nv, const int a_kmajor, size_t k,
                             const float *restrict a, size_t lda, const float *restrict b, size_t bks,
                             __m256i mask, float *restrict c, size_t ldc, float alpha, float beta,
                             int beta_mode) {
    __m256 acc[MR][NV];
#pragma GCC unroll 6
    for (int i = 0; i < mr; i++)
#pragma GCC unroll 2
        for (int v = 0; v < nv; v++) acc[i][v] = _mm256_setzero_ps();

    for (size_t p = 0; p < k; p++) {
        __m256 bv[NV];
#pragma GCC unroll 2
        for (int v = 0; v < nv; v++)
            bv[v] = v == nv - 1 ? _mm256_maskload_ps(b + 8 * v, mask) : _mm256_loadu_ps(b + 8 * v);
#pragma GCC unroll 6
        for (int i = 0; i < mr; i++) {
            __m256 ai = _mm256_broadcast_ss(a_kmajor ? a + i : a + i * lda);
#pragma GCC unroll 2
            for (int v = 0; v < nv; v++) acc[i][v] = _mm256_fmadd_ps(ai, bv[v], acc[i][v]);
        }
        a += a_kmajor ? lda : 1;
        b += bks;
    }

    const __m256 va = _mm256_set1_ps(alpha), vb = _mm256_set1_ps(beta);
    const __m256i full = _mm256_set1_epi32(-1);
#pragma GCC unroll 6
    for (int i = 0; i < mr; i++) {
#pragma GCC unroll 2
        for (int v = 0; v < nv; v++) {
            float *cp = c + i * ldc + 8 * v;
            int last = v == nv - 1;
            __m256i mk = last ? mask : full;
            __m256 r = _mm256_mul_ps(acc[i][v], va);
            if (beta_mode != 0) {
                __m256 old = last ? _mm256_maskload_ps(cp, mk) : _mm256_loadu_ps(cp);
                r = beta_mode == 1 ? _mm256_add_ps(r, old) : _mm256_fmadd_ps(vb, old, r);
            }
            if (last) _mm256_maskstore_ps(cp, mk, r);
            else _mm256_storeu_ps(cp, r);
        }
    }
}

typedef void (*ukernel_fn)(size_t k, const float *a, size_t lda, const float *b, size_t bks, __m256i mask,
                           float *c, size_t ldc, float alpha, float beta, int beta_mode);

#define UK(R, V, KM)                                                                                 \
    static AVX2 void uk_##R##_##V##_##KM(size_t k, const float *a, size_t lda, const float *b,       \
                                         size_t bks, __m256i mask, float *c, size_t ldc, float alpha,\
                                         float beta, int beta_mode) {                                \
        microkernel(R, V, KM, k, a, lda, b, bks, mask, c, ldc, alpha, beta, beta_mode);               \
    }
#define UK_ROW(R, KM) UK(R, 1, KM) UK(R, 2, KM)
#define UK_ALL(KM) UK_ROW(1, KM) UK_ROW(2, KM) UK_ROW(3, KM) UK_ROW(4, KM) UK_ROW(5, KM) UK_ROW(6, KM)
UK_ALL(0)
UK_ALL(1)
#define UK_REF(R, KM) {uk_##R##_1_##KM, uk_##R##_2_##KM}
#define UK_TABLE(KM) {UK_REF(1, KM), UK_REF(2, KM), UK_REF(3, KM), UK_REF(4, KM), UK_REF(5, KM), UK_REF(6, KM)}
static const ukernel_fn ukernels[2][MR][NV] = {UK_TABLE(0), UK_TABLE(1)};

// MARK: - Packing op(B)

// In-register transpose of an 8×8 block: r[i] holds row i on entry and column i on exit.
INLINE AVX2 void transpose8(__m256 r[8]) {
    __m256 t[8], u[8];
    for (int i = 0; i < 4; i++) {
        t[2 * i] = _mm256_unpacklo_ps(r[2 * i], r[2 * i + 1]);
        t[2 * i + 1] = _mm256_unpackhi_ps(r[2 * i], r[2 * i + 1]);
    }
    // u[4g + q], half h: column 4h + q of rows 4g … 4g+3.
    for (int g = 0; g < 2; g++) {
        __m256d t0 = _mm256_castps_pd(t[4 * g]), t1 = _mm256_castps_pd(t[4 * g + 1]);
        __m256d t2 = _mm256_castps_pd(t[4 * g + 2]), t3 = _mm256_castps_pd(t[4 * g + 3]);
        u[4 * g + 0] = _mm256_castpd_ps(_mm256_unpacklo_pd(t0, t2));
        u[4 * g + 1] = _mm256_castpd_ps(_mm256_unpackhi_pd(t0, t2));
        u[4 * g + 2] = _mm256_castpd_ps(_mm256_unpacklo_pd(t1, t3));
        u[4 * g + 3] = _mm256_castpd_ps(_mm256_unpackhi_pd(t1, t3));
    }
    for (int q = 0; q < 4; q++) {
        r[q] = _mm256_permute2f128_ps(u[q], u[4 + q], 0x20);
        r[4 + q] = _mm256_permute2f128_ps(u[q], u[4 + q], 0x31);
    }
}

// Packs op(B)[0:kc, 0:nc] into panels of NR columns (layout as in gemm_avx512.c).
static AVX2 void pack_b(int transB, size_t kc, size_t nc, const float *b, size_t ldb, float *dst) {
    for (size_t j0 = 0; j0 < nc; j0 += NR) {
        size_t nr = nc - j0 < NR ? nc - j0 : NR;
        size_t width = 8 * ((nr + 7) / 8);
        float *panel = dst + (j0 / NR) * kc * NR;
        if (!transB) {
            for (size_t p = 0; p < kc; p++)
                for (size_t v = 0; v < width; v += 8)
                    _mm256_store_ps(panel + p * width + v, _mm256_maskload_ps(b + p * ldb + j0 + v, lanes(nr - v)));
            continue;
        }
        for (size_t v = 0; v < width; v += 8) {
            size_t rows = nr - v < 8 ? nr - v : 8;
            for (size_t p0 = 0; p0 < kc; p0 += 8) {
                size_t depth = kc - p0 < 8 ? kc - p0 : 8;
                __m256i mk = lanes(depth);
                __m256 r[8];
                for (size_t i = 0; i < 8; i++)
                    r[i] = i < rows ? _mm256_maskload_ps(b + (j0 + v + i) * ldb + p0, mk) : _mm256_setzero_ps();
                transpose8(r);
                for (size_t q = 0; q < depth; q++) _mm256_store_ps(panel + (p0 + q) * width + v, r[q]);
            }
        }
    }
}

// MARK: - Driver

// Large untransposed B blocks are copied into panels too: on 2048³ that measured 108 vs 91 GFLOP/s
// (TLB and prefetch locality); below about L1 size the copy does not pay.
static int pack_untransposed(size_t m, size_t kc, size_t nc) { return m >= 4 * MR && kc * nc >= 32768; }

AVX2 void basin_sgemm_avx2(BASIN_GEMM_ARGS) {
    for (size_t jc = 0; jc < n; jc += NC) {
        size_t nc = n - jc < NC ? n - jc : NC;
        for (size_t pc = 0; pc < k; pc += KC) {
            size_t kc = k - pc < KC ? k - pc : KC;
            int beta_mode = pc > 0 || beta == 1.0f ? 1 : beta == 0.0f ? 0 : 2;
            // Phase 1: the B block, packed or in place.
            const float *bblk = transB ? B + jc * ldb + pc : B + pc * ldb + jc;
            int packed = transB || pack_untransposed(m, kc, nc);
            float *buf = NULL;
            if (packed) {
                buf = basin_gemm_scratch(kc * ((nc + NR - 1) / NR) * NR);
                if (!buf) { basin_sgemm_fma_reference(transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc); return; }
                pack_b(transB, kc, nc, bblk, ldb, buf);
            }
            // Phase 2: rows of C in slivers of MR, each swept across the block in panels of NR.
            for (size_t ic = 0; ic < m; ic += MR) {
                size_t mr = m - ic < MR ? m - ic : MR;
                const float *a = transA ? A + pc * lda + ic : A + ic * lda + pc;
                for (size_t jr = 0; jr < nc; jr += NR) {
                    size_t nr = nc - jr < NR ? nc - jr : NR;
                    size_t nv = (nr + 7) / 8;
                    const float *b = packed ? buf + (jr / NR) * kc * NR : bblk + jr;
                    size_t bks = packed ? 8 * nv : ldb;
                    ukernels[transA ? 1 : 0][mr - 1][nv - 1](kc, a, lda, b, bks, lanes(nr - 8 * (nv - 1)),
                                                           C + ic * ldc + jc + jr, ldc, alpha, beta, beta_mode);
                }
            }
        }
    }
}
#else
void basin_sgemm_avx2(BASIN_GEMM_ARGS) { basin_sgemm_baseline(transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc); }
#endif
