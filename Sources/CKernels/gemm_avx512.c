// basin_sgemm for AVX-512F: MR × (16·nv) microkernels of zmm FMA accumulators, a 16×16
// in-register transpose to pack Bᵀ, and a driver that blocks k and n (see gemm.c for the design
// and references). Every function carries its own target attribute, so this file builds with
// the package's baseline flags and is only ever called after the CPU check in gemm.c.
#include "gemm_internal.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#include <stdint.h>

#define AVX512 __attribute__((target("avx512f,avx2,fma")))
#define INLINE static inline __attribute__((always_inline))

// Tile: MR rows × nv ≤ NV vectors of 16 columns. 8 × 3 keeps 24 of the 32 zmm registers as
// accumulators, leaves room for the 3 B vectors and a broadcast, and needs 11 loads per 24 FMAs.
// Zen 5 and Skylake-X retire two FMAs a cycle at a latency of 4, so a tile needs at least 8
// independent accumulators: a block's vectors are split into panels of 3, and a remainder of 4
// becomes 2 + 2, never 3 + 1 (a lone 8 × 1 panel would leave the FMA units waiting; measured
// +4–10% on the MLP's 100-wide products). Taller tiles for 1- or 2-vector-wide blocks (16 × 1,
// 12 × 2) measured within noise of 8 rows, so there is one row count.
enum { MR = 8, NV = 3, NR = 16 * NV };
// Blocking: a KC-deep sliver of op(A) (MR·KC·4 = 8 KiB) stays in L1 while the microkernel sweeps
// the B block (KC × NC, 480 KiB at most) that stays in L2.
enum { KC = 256, NC = 10 * NR };

/// Vectors in the next panel when `left` vectors of the block remain.
static inline size_t panel_vectors(size_t left) { return left == 4 ? 2 : left < NV ? left : NV; }

// MARK: - Microkernel

// C[0:mr, 0:16·nv] (=|+=) alpha · Σ_p A(i, p) · B(p, :), last vector's lanes limited by `mask`.
// A(i, p) is a[i + p·lda] when a_kmajor (op(A) = Aᵀ as stored), else a[i·lda + p]; B(p, :) is at
// b + p·bks (a packed panel, or the rows of an untransposed B). `mr`, `nv` and `a_kmajor` are
// compile-time constants in every instantiation below, so acc[][] lives in registers.
// beta_mode: 0 → C = acc·alpha (C not read), 1 → C += acc·alpha, 2 → C = acc·alpha + beta·C.
INLINE AVX512 void microkernel(const int mr, const int nv, const int a_kmajor, size_t k,
                               const float *restrict a, size_t lda, const float *restrict b, size_t bks,
                               __mmask16 mask, float *restrict c, size_t ldc, float alpha, float beta,
                               int beta_mode) {
    __m512 acc[MR][NV];
#pragma GCC unroll 8
    for (int i = 0; i < mr; i++)
#pragma GCC unroll 3
        for (int v = 0; v < nv; v++) acc[i][v] = _mm512_setzero_ps();

    for (size_t p = 0; p < k; p++) {
        __m512 bv[NV];
#pragma GCC unroll 3
        for (int v = 0; v < nv; v++)
            bv[v] = v == nv - 1 ? _mm512_maskz_loadu_ps(mask, b + 16 * v) : _mm512_loadu_ps(b + 16 * v);
#pragma GCC unroll 8
        for (int i = 0; i < mr; i++) {
            __m512 ai = _mm512_set1_ps(a_kmajor ? a[i] : a[i * lda]);
#pragma GCC unroll 3
            for (int v = 0; v < nv; v++) acc[i][v] = _mm512_fmadd_ps(ai, bv[v], acc[i][v]);
        }
        a += a_kmajor ? lda : 1;
        b += bks;
    }

    const __m512 va = _mm512_set1_ps(alpha), vb = _mm512_set1_ps(beta);
#pragma GCC unroll 8
    for (int i = 0; i < mr; i++) {
#pragma GCC unroll 3
        for (int v = 0; v < nv; v++) {
            float *cp = c + i * ldc + 16 * v;
            __mmask16 mk = v == nv - 1 ? mask : (__mmask16)0xFFFF;
            __m512 r = _mm512_mul_ps(acc[i][v], va);
            if (beta_mode == 1) r = _mm512_add_ps(r, _mm512_maskz_loadu_ps(mk, cp));
            else if (beta_mode == 2) r = _mm512_fmadd_ps(vb, _mm512_maskz_loadu_ps(mk, cp), r);
            _mm512_mask_storeu_ps(cp, mk, r);
        }
    }
}

typedef void (*ukernel_fn)(size_t k, const float *a, size_t lda, const float *b, size_t bks, __mmask16 mask,
                           float *c, size_t ldc, float alpha, float beta, int beta_mode);

// One function per (mr, nv, layout); the table below indexes them as [a_kmajor][nv-1][mr-1].
#define UK(R, V, KM)                                                                                 \
    static AVX512 void uk_##R##_##V##_##KM(size_t k, const float *a, size_t lda, const float *b,     \
                                           size_t bks, __mmask16 mask, float *c, size_t ldc,         \
                                           float alpha, float beta, int beta_mode) {                 \
        microkernel(R, V, KM, k, a, lda, b, bks, mask, c, ldc, alpha, beta, beta_mode);               \
    }
#define UK8(V, KM) UK(1, V, KM) UK(2, V, KM) UK(3, V, KM) UK(4, V, KM) UK(5, V, KM) UK(6, V, KM) UK(7, V, KM) UK(8, V, KM)
UK8(1, 0) UK8(2, 0) UK8(3, 0)
UK8(1, 1) UK8(2, 1) UK8(3, 1)
#define R8(V, KM) {uk_1_##V##_##KM, uk_2_##V##_##KM, uk_3_##V##_##KM, uk_4_##V##_##KM, \
                   uk_5_##V##_##KM, uk_6_##V##_##KM, uk_7_##V##_##KM, uk_8_##V##_##KM}
static const ukernel_fn ukernels[2][NV][MR] = {{R8(1, 0), R8(2, 0), R8(3, 0)}, {R8(1, 1), R8(2, 1), R8(3, 1)}};

// MARK: - Packing op(B)

// In-register transpose of a 16×16 block: r[i] holds row i on entry and column i on exit.
// Three shuffle stages (pairs, quads, 128-bit lanes) — 64 shuffles per 256 elements.
INLINE AVX512 void transpose16(__m512 r[16]) {
    __m512 t[16];
    for (int i = 0; i < 8; i++) {
        t[2 * i] = _mm512_unpacklo_ps(r[2 * i], r[2 * i + 1]);
        t[2 * i + 1] = _mm512_unpackhi_ps(r[2 * i], r[2 * i + 1]);
    }
    // u[4g + q], lane l: column 4l + q of rows 4g … 4g+3.
    __m512 u[16];
    for (int g = 0; g < 4; g++) {
        __m512d t0 = _mm512_castps_pd(t[4 * g]), t1 = _mm512_castps_pd(t[4 * g + 1]);
        __m512d t2 = _mm512_castps_pd(t[4 * g + 2]), t3 = _mm512_castps_pd(t[4 * g + 3]);
        u[4 * g + 0] = _mm512_castpd_ps(_mm512_unpacklo_pd(t0, t2));
        u[4 * g + 1] = _mm512_castpd_ps(_mm512_unpackhi_pd(t0, t2));
        u[4 * g + 2] = _mm512_castpd_ps(_mm512_unpacklo_pd(t1, t3));
        u[4 * g + 3] = _mm512_castpd_ps(_mm512_unpackhi_pd(t1, t3));
    }
    // 4×4 transpose of 128-bit lanes across the four row groups, for each q.
    for (int q = 0; q < 4; q++) {
        __m512 v0 = _mm512_shuffle_f32x4(u[q], u[4 + q], 0x44);       // u0.l0 u0.l1 u1.l0 u1.l1
        __m512 v1 = _mm512_shuffle_f32x4(u[q], u[4 + q], 0xEE);       // u0.l2 u0.l3 u1.l2 u1.l3
        __m512 v2 = _mm512_shuffle_f32x4(u[8 + q], u[12 + q], 0x44);
        __m512 v3 = _mm512_shuffle_f32x4(u[8 + q], u[12 + q], 0xEE);
        r[q] = _mm512_shuffle_f32x4(v0, v2, 0x88);                    // lane 0 of each group
        r[4 + q] = _mm512_shuffle_f32x4(v0, v2, 0xDD);                // lane 1
        r[8 + q] = _mm512_shuffle_f32x4(v1, v3, 0x88);                // lane 2
        r[12 + q] = _mm512_shuffle_f32x4(v1, v3, 0xDD);               // lane 3
    }
}

static inline __mmask16 lanes(size_t count) { return count >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << count) - 1); }

// Packs op(B)[0:kc, 0:nc] into the driver's panels: a panel starting at column j0 and nv
// vectors wide holds kc rows of 16·nv floats at dst + j0·kc (so panels tile a kc × 16·⌈nc/16⌉
// buffer). Columns past nc are zero. transB: op(B)(p, j) = b[j·ldb + p], else b[p·ldb + j].
static AVX512 void pack_b(int transB, size_t kc, size_t nc, const float *b, size_t ldb, float *dst) {
    size_t vectors = (nc + 15) / 16;
    for (size_t j0 = 0; j0 < nc;) {
        size_t width = 16 * panel_vectors(vectors - j0 / 16);
        size_t nr = nc - j0 < width ? nc - j0 : width;
        float *panel = dst + j0 * kc;
        if (!transB) {
            for (size_t p = 0; p < kc; p++)
                for (size_t v = 0; v < width; v += 16)
                    _mm512_store_ps(panel + p * width + v, _mm512_maskz_loadu_ps(lanes(nr - v), b + p * ldb + j0 + v));
        } else {
            for (size_t v = 0; v < width; v += 16) {
                size_t rows = nr - v < 16 ? nr - v : 16;     // columns of op(B) = rows of B
                for (size_t p0 = 0; p0 < kc; p0 += 16) {
                    size_t depth = kc - p0 < 16 ? kc - p0 : 16;
                    __mmask16 mk = lanes(depth);
                    __m512 r[16];
                    for (size_t i = 0; i < 16; i++)
                        r[i] = i < rows ? _mm512_maskz_loadu_ps(mk, b + (j0 + v + i) * ldb + p0) : _mm512_setzero_ps();
                    transpose16(r);
                    for (size_t q = 0; q < depth; q++) _mm512_store_ps(panel + (p0 + q) * width + v, r[q]);
                }
            }
        }
        j0 += width;
    }
}

// MARK: - Driver

// Untransposed B is always read in place: copying blocks of it into panels measured 2–5% slower
// on Zen 5 at every size tried (300×700×70, 500×500×256, 1000³, 2048³).

AVX512 void basin_sgemm_avx512(BASIN_GEMM_ARGS) {
    for (size_t jc = 0; jc < n; jc += NC) {
        size_t nc = n - jc < NC ? n - jc : NC;
        for (size_t pc = 0; pc < k; pc += KC) {
            size_t kc = k - pc < KC ? k - pc : KC;
            int beta_mode = pc > 0 || beta == 1.0f ? 1 : beta == 0.0f ? 0 : 2;
            // Phase 1: the B block, packed or in place.
            const float *bblk = transB ? B + jc * ldb + pc : B + pc * ldb + jc;
            int packed = transB;
            float *buf = NULL;
            size_t vectors = (nc + 15) / 16;
            if (packed) {
                buf = basin_gemm_scratch(kc * 16 * vectors);
                if (!buf) { basin_sgemm_fma_reference(transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc); return; }
                pack_b(transB, kc, nc, bblk, ldb, buf);
            }
            // Phase 2: rows of C in slivers of MR, each swept across the block in panels.
            for (size_t ic = 0; ic < m; ic += MR) {
                size_t mr = m - ic < MR ? m - ic : MR;
                const float *a = transA ? A + pc * lda + ic : A + ic * lda + pc;
                for (size_t jr = 0; jr < nc;) {
                    size_t nv = panel_vectors(vectors - jr / 16);
                    size_t nr = nc - jr < 16 * nv ? nc - jr : 16 * nv;
                    const float *b = packed ? buf + jr * kc : bblk + jr;
                    size_t bks = packed ? 16 * nv : ldb;
                    ukernels[transA ? 1 : 0][nv - 1][mr - 1](kc, a, lda, b, bks, lanes(nr - 16 * (nv - 1)),
                                                           C + ic * ldc + jc + jr, ldc, alpha, beta, beta_mode);
                    jr += 16 * nv;
                }
            }
        }
    }
}
#else
void basin_sgemm_avx512(BASIN_GEMM_ARGS) { basin_sgemm_baseline(transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc); }
#endif
