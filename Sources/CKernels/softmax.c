// Fused softmax cross-entropy over rows of logits, vectorized: the exponentials of a whole
// block are computed at once with a polynomial exp (Cephes-style range reduction), then reduced
// per row. NOTE: every row is shifted by its maximum first, so exp only sees x ≤ 0 and never
// overflows; log-sum-exp is formed in double per row.
#include "ckernels.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) && defined(__ELF__)
#define MULTIVERSION __attribute__((target_clones("avx512f", "arch=haswell", "default")))
#else
#define MULTIVERSION
#endif

// exp(x) for x in [-87, 0]: x = n·ln2 + r with |r| ≤ ln2/2, exp(r) by a degree-6 polynomial
// (relative error < 2e-7, about one float ulp), 2^n assembled in the exponent bits.
static inline float exp_poly(float x) {
    x = x < -87.0f ? -87.0f : x;
    float n = __builtin_floorf(x * 1.44269504088896341f + 0.5f);
    float r = x - n * 0.693359375f + n * 2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * r * r + r + 1.0f;
    int32_t bits = ((int32_t)n + 127) << 23;
    float scale;
    memcpy(&scale, &bits, sizeof scale);
    return p * scale;
}

// log(x) for normal positive x: x = m·2^e with m in [√½, √2), log m = 2·atanh(t), t = (m−1)/(m+1),
// by its odd series to t^9 (|t| < 0.172, relative error < 1e-7).
static inline float log_poly(float x) {
    int32_t bits;
    memcpy(&bits, &x, sizeof bits);
    int32_t e = ((bits >> 23) & 0xFF) - 127;
    bits = (bits & 0x007FFFFF) | 0x3F800000;
    float m;
    memcpy(&m, &bits, sizeof m);
    if (m > 1.41421356f) { m *= 0.5f; e += 1; }
    float t = (m - 1.0f) / (m + 1.0f), t2 = t * t;
    float p = 2.0f + t2 * (0.666666667f + t2 * (0.4f + t2 * (0.285714286f + t2 * 0.222222222f)));
    return t * p + (float)e * 0.693147181f;
}

// Phase 2 of the loss: e = exp(z − max of its row), vectorized along each row.
MULTIVERSION static void shifted_exp(size_t rows, size_t k, const float *restrict z, const float *restrict maxima,
                                     float *restrict e) {
    for (size_t r = 0; r < rows; r++) {
        float m = maxima[r];
        const float *zr = z + r * k;
        float *er = e + r * k;
        for (size_t j = 0; j < k; j++) er[j] = exp_poly(zr[j] - m);
    }
}

// Phase 3a: Σ over each row of e, then log, vectorized across rows.
MULTIVERSION static void row_log_sums(size_t rows, size_t k, const float *restrict e, float *restrict logs) {
    for (size_t r = 0; r < rows; r++) {
        float s = 0.0f;
        for (size_t j = 0; j < k; j++) s += e[r * k + j];
        logs[r] = s;
    }
    for (size_t r = 0; r < rows; r++) logs[r] = log_poly(logs[r]);
}

// Per-thread scratch for maxima and exponentials: grows to the largest block seen, then is
// reused, so steady-state calls allocate nothing.
static _Thread_local float *scratch_buffer;
static _Thread_local size_t scratch_count;

static float *scratch_for(size_t count) {
    if (count > scratch_count) {
        float *grown = realloc(scratch_buffer, count * sizeof(float));
        if (!grown) return NULL;
        scratch_buffer = grown;
        scratch_count = count;
    }
    return scratch_buffer;
}

double basin_softmax_xent(size_t rows, size_t k, const float *restrict logits, const int32_t *restrict labels,
                          float *restrict grad, float inv_batch, size_t *correct) {
    float *scratch = scratch_for(rows * (k + 2));
    if (!scratch || k == 0) { *correct = 0; return NAN; }
    float *maxima = scratch, *logs = scratch + rows, *e = scratch + 2 * rows;
    // Phase 1: row maxima and predictions (the first maximum wins, like argmax), branch-free:
    // a max reduction, then the first index holding it by selects.
    size_t right = 0;
    for (size_t r = 0; r < rows; r++) {
        const float *row = logits + r * k;
        float m = row[0];
        for (size_t j = 1; j < k; j++) m = row[j] > m ? row[j] : m;
        size_t first = k;
        for (size_t j = k; j-- > 0;) first = row[j] == m ? j : first;
        maxima[r] = m;
        right += (int32_t)first == labels[r];
    }
    // Phase 2: exponentials of the shifted logits, vectorized.
    shifted_exp(rows, k, logits, maxima, e);
    // Phase 3: per-row log-sum-exp and loss; the gradient (softmax − onehot)/B if asked.
    row_log_sums(rows, k, e, logs);
    double total = 0.0;
    for (size_t r = 0; r < rows; r++) {
        int32_t y = labels[r];
        total += (double)logs[r] - (double)(logits[r * k + y] - maxima[r]);
        if (grad) {
            const float *er = e + r * k;
            float sum = 0.0f;
            for (size_t j = 0; j < k; j++) sum += er[j];
            float scale = inv_batch / sum;
            float *g = grad + r * k;
            for (size_t j = 0; j < k; j++) g[j] = er[j] * scale;
            g[y] -= inv_batch;
        }
    }
    *correct = right;
    return total;
}
