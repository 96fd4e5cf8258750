// Data movement for channels-last activations: im2col / col2im of convolutions over
// [B × H × W × C] images ([B × L × C] signals are H = 1), and batched transposes (layout conversions at a network's entry, in
// flatten, and the small weight permutes of conv). See include/ckernels.h for the shapes.
//
// Why C: each of these is thousands of short runs per training step. In channels-last, one
// conv window is ONE contiguous run of K·C floats, so im2col is a copy per output position and
// col2im an add per output position; `restrict` lets both vectorize without alias checks.
#include "ckernels.h"
#include <string.h>

#if defined(__x86_64__) && defined(__ELF__)
#define MULTIVERSION __attribute__((target_clones("avx512f", "arch=haswell", "default")))
#else
#define MULTIVERSION
#endif

/// Taps k0 ≤ k < k1 of the window starting at input position `start` that land inside [0, L).
static inline void valid_taps(ptrdiff_t start, size_t kernel, size_t length, size_t *k0, size_t *k1) {
    ptrdiff_t lo = start < 0 ? -start : 0;
    ptrdiff_t hi = (ptrdiff_t)length - start;
    if (hi > (ptrdiff_t)kernel) hi = (ptrdiff_t)kernel;
    if (hi < lo) hi = lo;
    *k0 = (size_t)lo;
    *k1 = (size_t)hi;
}

// A window row (ky fixed) of kw taps starting at column `start` of one input row: zeros for
// taps in the padding before the row, the taps inside it as one contiguous run of C-long
// positions, zeros for the padding after it. `src_row` NULL: the whole row is padding.
static inline void copy_window_row(float *restrict dst, const float *restrict src_row, ptrdiff_t start,
                                   size_t kw, size_t width, size_t c) {
    const size_t n = kw * c;
    if (!src_row) {
        for (size_t i = 0; i < n; i++) dst[i] = 0.0f;
        return;
    }
    size_t k0, k1;
    valid_taps(start, kw, width, &k0, &k1);
    for (size_t i = 0; i < k0 * c; i++) dst[i] = 0.0f;
    const float *restrict src = src_row + (start + (ptrdiff_t)k0) * (ptrdiff_t)c;
    for (size_t i = k0 * c; i < k1 * c; i++) dst[i] = src[i - k0 * c];
    for (size_t i = k1 * c; i < n; i++) dst[i] = 0.0f;
}

// NOTE: a window wholly inside the image (most of them) is copied without any bounds work: the
// runs are short (3 floats for a 3×3 kernel on one channel, 76,800 a batch of 16×16 images), so
// the per-run bookkeeping of the padded path cost as much as the copies (measured on
// peer_conv2d.py's CNN: im2col 14 % of a training step before, 10 % after).
MULTIVERSION void basin_im2col_cl(size_t batch, basin_conv_geometry g, const float *restrict x,
                                  float *restrict cols) {
    const size_t c = g.channels, rowlen = g.kernel_w * c, kc = g.kernel_h * rowlen;
    const size_t plane = g.height * g.width * c, outputs = g.out_height * g.out_width, stride_row = g.width * c;
    for (size_t b = 0; b < batch; b++) {
        const float *restrict xb = x + b * plane;
        for (size_t oy = 0; oy < g.out_height; oy++) {
            const ptrdiff_t top = (ptrdiff_t)(oy * g.stride_h) - (ptrdiff_t)g.pad_h;
            const int rows_inside = top >= 0 && top + (ptrdiff_t)g.kernel_h <= (ptrdiff_t)g.height;
            for (size_t ox = 0; ox < g.out_width; ox++) {
                float *restrict row = cols + (b * outputs + oy * g.out_width + ox) * kc;
                const ptrdiff_t left = (ptrdiff_t)(ox * g.stride_w) - (ptrdiff_t)g.pad_w;
                if (rows_inside && left >= 0 && left + (ptrdiff_t)g.kernel_w <= (ptrdiff_t)g.width) {
                    // The whole window inside the image: KH runs of KW·C floats, no bounds.
                    const float *restrict src = xb + (size_t)top * stride_row + (size_t)left * c;
                    for (size_t ky = 0; ky < g.kernel_h; ky++) {
                        const float *restrict s = src + ky * stride_row;
                        float *restrict d = row + ky * rowlen;
                        for (size_t i = 0; i < rowlen; i++) d[i] = s[i];
                    }
                    continue;
                }
                for (size_t ky = 0; ky < g.kernel_h; ky++) {
                    const ptrdiff_t iy = top + (ptrdiff_t)ky;
                    const float *src = iy >= 0 && iy < (ptrdiff_t)g.height ? xb + (size_t)iy * stride_row : NULL;
                    copy_window_row(row + ky * rowlen, src, left, g.kernel_w, g.width, c);
                }
            }
        }
    }
}

MULTIVERSION void basin_col2im_cl(size_t batch, basin_conv_geometry g, const float *restrict dcols,
                                  float *restrict dx) {
    const size_t c = g.channels, rowlen = g.kernel_w * c, kc = g.kernel_h * rowlen;
    const size_t plane = g.height * g.width * c, outputs = g.out_height * g.out_width;
    memset(dx, 0, batch * plane * sizeof(float));
    for (size_t b = 0; b < batch; b++) {
        float *restrict db = dx + b * plane;
        for (size_t oy = 0; oy < g.out_height; oy++) {
            const ptrdiff_t top = (ptrdiff_t)(oy * g.stride_h) - (ptrdiff_t)g.pad_h;
            for (size_t ox = 0; ox < g.out_width; ox++) {
                const float *restrict row = dcols + (b * outputs + oy * g.out_width + ox) * kc;
                const ptrdiff_t left = (ptrdiff_t)(ox * g.stride_w) - (ptrdiff_t)g.pad_w;
                size_t k0, k1;
                valid_taps(left, g.kernel_w, g.width, &k0, &k1);
                for (size_t ky = 0; ky < g.kernel_h; ky++) {
                    const ptrdiff_t iy = top + (ptrdiff_t)ky;
                    if (iy < 0 || iy >= (ptrdiff_t)g.height) continue;
                    const float *restrict src = row + ky * rowlen;
                    float *restrict dst = db + ((size_t)iy * g.width) * c + (left + (ptrdiff_t)k0) * (ptrdiff_t)c;
                    for (size_t i = k0 * c; i < k1 * c; i++) dst[i - k0 * c] += src[i];
                }
            }
        }
    }
}

// The inner loop runs along the longer side, contiguous on one end and strided on the other
// (measured: 1.6× faster than the other order for the [5 × 25] ↔ [25 × 5] of flatten in the
// MNIST-1D CNN; both orders are the same elementwise copy).
MULTIVERSION void basin_transpose_batch(size_t batch, size_t rows, size_t cols, const float *restrict src,
                                        float *restrict dst) {
    const size_t n = rows * cols;
    for (size_t b = 0; b < batch; b++) {
        const float *restrict s = src + b * n;
        float *restrict d = dst + b * n;
        if (cols >= rows) {
            for (size_t i = 0; i < rows; i++)
                for (size_t j = 0; j < cols; j++) d[j * rows + i] = s[i * cols + j];
        } else {
            for (size_t j = 0; j < cols; j++)
                for (size_t i = 0; i < rows; i++) d[j * rows + i] = s[i * cols + j];
        }
    }
}

MULTIVERSION void basin_transpose_add_batch(size_t batch, size_t rows, size_t cols, const float *restrict src,
                                            float *restrict dst) {
    const size_t n = rows * cols;
    for (size_t b = 0; b < batch; b++) {
        const float *restrict s = src + b * n;
        float *restrict d = dst + b * n;
        if (cols >= rows) {
            for (size_t i = 0; i < rows; i++)
                for (size_t j = 0; j < cols; j++) d[j * rows + i] += s[i * cols + j];
        } else {
            for (size_t j = 0; j < cols; j++)
                for (size_t i = 0; i < rows; i++) d[j * rows + i] += s[i * cols + j];
        }
    }
}

// Pooling over channels-last images (a signal is H = 1): windows of KH × KW positions with
// strides SH, SW and no padding (the geometry's pads are ignored). The inner loops run over the
// C channels of one position, contiguous, so they vectorize; the window visits its positions in
// row-major order and a later position replaces the maximum only when strictly larger (ties go
// to the first), as the reference loops do.
MULTIVERSION void basin_maxpool_forward_cl(size_t batch, basin_conv_geometry g, const float *restrict x,
                                           float *restrict y, float *restrict arg) {
    const size_t c = g.channels, plane = g.height * g.width * c, outputs = g.out_height * g.out_width;
    for (size_t b = 0; b < batch; b++) {
        const float *restrict xb = x + b * plane;
        for (size_t oy = 0; oy < g.out_height; oy++) {
            for (size_t ox = 0; ox < g.out_width; ox++) {
                const size_t out = (b * outputs + oy * g.out_width + ox) * c;
                float *restrict yo = y + out, *restrict ao = arg + out;
                const size_t top = oy * g.stride_h, left = ox * g.stride_w, first = top * g.width + left;
                for (size_t j = 0; j < c; j++) {
                    yo[j] = xb[first * c + j];
                    ao[j] = (float)first;
                }
                for (size_t i = 0; i < g.kernel_h; i++) {
                    for (size_t k = 0; k < g.kernel_w; k++) {
                        if (i == 0 && k == 0) continue;
                        const size_t p = (top + i) * g.width + left + k;
                        const float *restrict row = xb + p * c;
                        const float position = (float)p;
                        for (size_t j = 0; j < c; j++) {
                            const int larger = row[j] > yo[j];
                            yo[j] = larger ? row[j] : yo[j];
                            ao[j] = larger ? position : ao[j];
                        }
                    }
                }
            }
        }
    }
}

MULTIVERSION void basin_maxpool_backward_cl(size_t batch, basin_conv_geometry g, const float *restrict dy,
                                            const float *restrict arg, float *restrict dx) {
    const size_t c = g.channels, plane = g.height * g.width * c, outputs = g.out_height * g.out_width;
    memset(dx, 0, batch * plane * sizeof(float));
    for (size_t b = 0; b < batch; b++) {
        float *restrict db = dx + b * plane;
        for (size_t o = 0; o < outputs; o++) {
            const float *restrict d = dy + (b * outputs + o) * c, *restrict a = arg + (b * outputs + o) * c;
            for (size_t j = 0; j < c; j++) db[(size_t)a[j] * c + j] += d[j];
        }
    }
}

MULTIVERSION void basin_avgpool_forward_cl(size_t batch, basin_conv_geometry g, const float *restrict x,
                                           float *restrict y) {
    const size_t c = g.channels, plane = g.height * g.width * c, outputs = g.out_height * g.out_width;
    const float inv = 1.0f / (float)(g.kernel_h * g.kernel_w);
    for (size_t b = 0; b < batch; b++) {
        const float *restrict xb = x + b * plane;
        for (size_t oy = 0; oy < g.out_height; oy++) {
            for (size_t ox = 0; ox < g.out_width; ox++) {
                float *restrict yo = y + (b * outputs + oy * g.out_width + ox) * c;
                const size_t top = oy * g.stride_h, left = ox * g.stride_w;
                const float *restrict first = xb + (top * g.width + left) * c;
                for (size_t j = 0; j < c; j++) yo[j] = first[j];
                for (size_t i = 0; i < g.kernel_h; i++) {
                    for (size_t k = 0; k < g.kernel_w; k++) {
                        if (i == 0 && k == 0) continue;
                        const float *restrict row = xb + ((top + i) * g.width + left + k) * c;
                        for (size_t j = 0; j < c; j++) yo[j] += row[j];
                    }
                }
                for (size_t j = 0; j < c; j++) yo[j] *= inv;
            }
        }
    }
}

MULTIVERSION void basin_avgpool_backward_cl(size_t batch, basin_conv_geometry g, const float *restrict dy,
                                            float *restrict dx) {
    const size_t c = g.channels, plane = g.height * g.width * c, outputs = g.out_height * g.out_width;
    const float inv = 1.0f / (float)(g.kernel_h * g.kernel_w);
    memset(dx, 0, batch * plane * sizeof(float));
    for (size_t b = 0; b < batch; b++) {
        float *restrict db = dx + b * plane;
        for (size_t oy = 0; oy < g.out_height; oy++) {
            for (size_t ox = 0; ox < g.out_width; ox++) {
                const float *restrict d = dy + (b * outputs + oy * g.out_width + ox) * c;
                const size_t top = oy * g.stride_h, left = ox * g.stride_w;
                for (size_t i = 0; i < g.kernel_h; i++) {
                    for (size_t k = 0; k < g.kernel_w; k++) {
                        float *restrict row = db + ((top + i) * g.width + left + k) * c;
                        // Two statements, never one FMA: the same bits on every CPU.
                        for (size_t j = 0; j < c; j++) {
                            const float share = inv * d[j];
                            row[j] += share;
                        }
                    }
                }
            }
        }
    }
}
