// exp and log as short polynomials for the fused softmax cross-entropy (kernels_body.h).
// Inlined into each kernel path; on the FMA paths `p * r + c` is one FMA, the same on both.
#ifndef BASIN_KERNELS_MATH_H
#define BASIN_KERNELS_MATH_H
#include <stdint.h>
#include <string.h>

// exp(x) for x in [-87, 0]: x = n·ln2 + r with |r| ≤ ln2/2, exp(r) by a degree-6 polynomial
// (relative error < 2e-7, about one float ulp), 2^n assembled in the exponent bits.
static inline float basin_exp_poly(float x) {
    x = x < -87.0f ? -87.0f : x;
    // fmaxf also turns a NaN into -126, so the conversion and shift below are always defined
    // (finite x ≥ -87 gives n ≥ -126 anyway: results for them are unchanged).
    float n = __builtin_fmaxf(__builtin_floorf(x * 1.44269504088896341f + 0.5f), -126.0f);
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
static inline float basin_log_poly(float x) {
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
// Attention's key rows padded to whole 16-float vectors (kernels_body.h).
static inline size_t basin_attention_padded(size_t L) { return (L + 15) & ~(size_t)15; }
#endif
