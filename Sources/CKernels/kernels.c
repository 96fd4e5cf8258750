// Elementwise, reduction and optimizer kernels; see include/ckernels.h.
#include "ckernels.h"
#include <math.h>
#include <string.h>

#if defined(__x86_64__) && defined(__ELF__)
#define MULTIVERSION __attribute__((target_clones("avx512f", "arch=haswell", "default")))
#else
#define MULTIVERSION
#endif

const char *basin_kernel_isa(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return "avx512";
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return "avx2";
#endif
    return "baseline";
}

MULTIVERSION void basin_relu_forward(size_t n, const float *restrict x, float *restrict y) {
    for (size_t i = 0; i < n; i++) y[i] = x[i] > 0.0f ? x[i] : 0.0f;
}

MULTIVERSION void basin_relu_backward(size_t n, const float *restrict x, const float *restrict dy,
                                      float *restrict dx) {
    for (size_t i = 0; i < n; i++) { float d = dy[i]; dx[i] = x[i] > 0.0f ? d : 0.0f; }
}

MULTIVERSION void basin_leaky_forward(size_t n, float slope, const float *restrict x, float *restrict y) {
    for (size_t i = 0; i < n; i++) { float v = x[i]; y[i] = v > 0.0f ? v : slope * v; }
}

MULTIVERSION void basin_leaky_backward(size_t n, float slope, const float *restrict x, const float *restrict dy,
                                       float *restrict dx) {
    for (size_t i = 0; i < n; i++) { float d = dy[i]; dx[i] = x[i] > 0.0f ? d : slope * d; }
}

MULTIVERSION void basin_add_row_vector(size_t rows, size_t cols, const float *restrict bias, float *restrict y) {
    for (size_t r = 0; r < rows; r++) {
        float *restrict row = y + r * cols;
        for (size_t c = 0; c < cols; c++) row[c] += bias[c];
    }
}

// Each column's sum is formed from 0 in row order, then added to out.
// NOTE: from 16 columns on, 16-column blocks are summed down all rows in registers; when 16 ∤ cols
// the last block overlaps the one before it and adds only its new columns, so no scalar tail is
// left (measured 2–3× faster on the CNN's [B·Lo × 25] bias gradients than a row-by-row add into
// `out`).
MULTIVERSION void basin_accumulate_column_sums(size_t rows, size_t cols, const float *restrict x,
                                               float *restrict out) {
    if (cols < 16) {
        float acc[16] = {0};
        for (size_t r = 0; r < rows; r++)
            for (size_t c = 0; c < cols; c++) acc[c] += x[r * cols + c];
        for (size_t c = 0; c < cols; c++) out[c] += acc[c];
        return;
    }
    for (size_t c0 = 0; c0 < cols; c0 += 16) {
        size_t base = c0 + 16 <= cols ? c0 : cols - 16;
        float acc[16] = {0};
        for (size_t r = 0; r < rows; r++)
            for (int j = 0; j < 16; j++) acc[j] += x[r * cols + base + j];
        for (size_t j = c0 - base; j < 16; j++) out[base + j] += acc[j];
    }
}

MULTIVERSION void basin_axpy(size_t n, float alpha, const float *restrict x, float *restrict y) {
    for (size_t i = 0; i < n; i++) y[i] += alpha * x[i];
}

MULTIVERSION void basin_scale(size_t n, float alpha, float *restrict y) {
    for (size_t i = 0; i < n; i++) y[i] *= alpha;
}

// NOTE: sums run in Float over blocks of 1024 (vectorizable with 16 partial sums) and fold the
// blocks into a double, so a 10⁶-long reduction loses almost nothing to rounding.
MULTIVERSION double basin_dot(size_t n, const float *restrict x, const float *restrict y) {
    double total = 0.0;
    for (size_t i = 0; i < n; i += 1024) {
        size_t end = i + 1024 < n ? i + 1024 : n;
        float acc[16] = {0};
        size_t j = i;
        for (; j + 16 <= end; j += 16)
            for (int k = 0; k < 16; k++) acc[k] += x[j + k] * y[j + k];
        float s = 0.0f;
        for (int k = 0; k < 16; k++) s += acc[k];
        for (; j < end; j++) s += x[j] * y[j];
        total += (double)s;
    }
    return total;
}

MULTIVERSION double basin_sum(size_t n, const float *restrict x) {
    double total = 0.0;
    for (size_t i = 0; i < n; i += 1024) {
        size_t end = i + 1024 < n ? i + 1024 : n;
        float acc[16] = {0};
        size_t j = i;
        for (; j + 16 <= end; j += 16)
            for (int k = 0; k < 16; k++) acc[k] += x[j + k];
        float s = 0.0f;
        for (int k = 0; k < 16; k++) s += acc[k];
        for (; j < end; j++) s += x[j];
        total += (double)s;
    }
    return total;
}

// x·0 is 0 for finite x and NaN for ±inf or NaN, so one vectorizable pass finds any of them.
// NOTE: finite ⇔ the exponent bits are not all ones ⇔ (bits & 0x7fffffff) < 0x7f800000. An
// integer max reduction vectorizes (a float sum of x·0 cannot without reassociation, and made
// this check a quarter of an MLP training step).
MULTIVERSION int basin_all_finite(size_t n, const float *restrict x) {
    uint32_t worst = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t bits;
        memcpy(&bits, x + i, sizeof bits);
        bits &= 0x7fffffffu;
        worst = bits > worst ? bits : worst;
    }
    return worst < 0x7f800000u;
}

MULTIVERSION void basin_sgd(size_t n, float lr, float *restrict p, const float *restrict g) {
    for (size_t i = 0; i < n; i++) p[i] -= lr * g[i];
}

MULTIVERSION void basin_sgd_momentum(size_t n, float lr, float mu, int nesterov, float *restrict p,
                                     const float *restrict g, float *restrict buf) {
    if (nesterov) {
        for (size_t i = 0; i < n; i++) { float b = mu * buf[i] + g[i]; buf[i] = b; p[i] -= lr * (g[i] + mu * b); }
    } else {
        for (size_t i = 0; i < n; i++) { float b = mu * buf[i] + g[i]; buf[i] = b; p[i] -= lr * b; }
    }
}

MULTIVERSION void basin_adam(size_t n, float step_size, float b1, float b2, float inv_sqrt_bc2, float eps,
                             float *restrict p, const float *restrict g, float *restrict m, float *restrict v) {
    for (size_t i = 0; i < n; i++) {
        float gi = g[i];
        float mi = b1 * m[i] + (1.0f - b1) * gi;
        float vi = b2 * v[i] + (1.0f - b2) * gi * gi;
        m[i] = mi; v[i] = vi;
        p[i] -= step_size * mi / (sqrtf(vi) * inv_sqrt_bc2 + eps);
    }
}

MULTIVERSION void basin_rmsprop(size_t n, float lr, float alpha, float eps, float mu, float *restrict p,
                                const float *restrict g, float *restrict v, float *restrict buf) {
    for (size_t i = 0; i < n; i++) {
        float vi = alpha * v[i] + (1.0f - alpha) * g[i] * g[i];
        v[i] = vi;
        float d = g[i] / (sqrtf(vi) + eps);
        if (mu != 0.0f) { float b = mu * buf[i] + d; buf[i] = b; p[i] -= lr * b; }
        else p[i] -= lr * d;
    }
}

MULTIVERSION void basin_penalties(size_t n, float l2, float l1, const float *restrict p,
                                  const float *restrict mask, float *restrict g) {
    for (size_t i = 0; i < n; i++) {
        float w = p[i];
        float sign = (float)(w > 0.0f) - (float)(w < 0.0f);
        float k = mask ? mask[i] : 1.0f;
        g[i] += k * (l2 * w + l1 * sign);
    }
}

MULTIVERSION void basin_decay(size_t n, float decay, const float *restrict mask, float *restrict p) {
    for (size_t i = 0; i < n; i++) p[i] -= decay * (mask ? mask[i] : 1.0f) * p[i];
}

MULTIVERSION void basin_combine3(size_t n, const float *restrict a, float beta, const float *restrict b, float gamma,
                                 const float *restrict c, float *restrict y) {
    for (size_t i = 0; i < n; i++) y[i] = a[i] + beta * b[i] + gamma * c[i];
}

MULTIVERSION void basin_add2(size_t n, const float *restrict a, const float *restrict b, float *restrict y) {
    for (size_t i = 0; i < n; i++) y[i] = a[i] + b[i];
}
