// Basin's hot elementwise and optimizer kernels in C: `restrict` pointers let the compiler
// vectorize without runtime alias checks, and each function is compiled for AVX-512, AVX2+FMA
// and baseline x86-64, with the best chosen at load time (GCC/Clang function multiversioning).
// Swift code reaches these only through the Kernels module.
#ifndef BASIN_CKERNELS_H
#define BASIN_CKERNELS_H
#include <stddef.h>
#include <stdint.h>


// Activations: y = f(x); dx = dy · f'(x).
void basin_relu_forward(size_t n, const float *restrict x, float *restrict y);
void basin_relu_backward(size_t n, const float *restrict x, const float *restrict dy, float *restrict dx);
void basin_leaky_forward(size_t n, float slope, const float *restrict x, float *restrict y);
void basin_leaky_backward(size_t n, float slope, const float *restrict x, const float *restrict dy, float *restrict dx);
void basin_gelu_forward(size_t n, const float *restrict x, float *restrict y, float *restrict slope);
void basin_gelu_backward(size_t n, const float *restrict x, const float *restrict slope, const float *restrict dy,
                         float *restrict dx);
// Layer normalization of rows of n features; see kernels_body.h.
void basin_layernorm_forward(size_t rows, size_t n, float eps, const float *restrict x, const float *restrict gamma,
                             const float *restrict beta, float *restrict y, float *restrict mean, float *restrict inv_std);
void basin_layernorm_backward(size_t rows, size_t n, const float *restrict x, const float *restrict gamma,
                              const float *restrict mean, const float *restrict inv_std, const float *restrict dy,
                              float *restrict dgamma, float *restrict dbeta, float *restrict dx);
// Self-attention of one example (all heads); see kernels_body.h.
void basin_attention_forward(size_t L, size_t W, size_t H, int causal, float scale, const float *restrict qkv,
                             float *restrict probs, float *restrict o, float *restrict scratch);
void basin_attention_backward(size_t L, size_t W, size_t H, int causal, float scale, const float *restrict qkv,
                              const float *restrict probs, const float *restrict dout, float *restrict dqkv,
                              float *restrict scratch);

// Rows: y[r, :] += bias for r < rows; out[:] += Σ_r x[r, :] (each sum formed from 0 in row order).
void basin_add_row_vector(size_t rows, size_t cols, const float *restrict bias, float *restrict y);
void basin_accumulate_column_sums(size_t rows, size_t cols, const float *restrict x, float *restrict out);

// Vectors.
void basin_axpy(size_t n, float alpha, const float *restrict x, float *restrict y);
void basin_scale(size_t n, float alpha, float *restrict y);
double basin_dot(size_t n, const float *restrict x, const float *restrict y);
double basin_sum(size_t n, const float *restrict x);
/// 1 when every element is finite, 0 otherwise.
int basin_all_finite(size_t n, const float *restrict x);

/// y = a + b (y must not overlap a or b).
void basin_add2(size_t n, const float *restrict a, const float *restrict b, float *restrict y);
/// y = a + beta·b + gamma·c (c may equal b when gamma is 0).
void basin_combine3(size_t n, const float *restrict a, float beta, const float *restrict b, float gamma,
                    const float *restrict c, float *restrict y);

// Optimizer updates over the flat parameter vector (see Networks/Optimizer.swift for the math).
void basin_sgd(size_t n, float lr, float *restrict p, const float *restrict g);
void basin_sgd_momentum(size_t n, float lr, float mu, int nesterov, float *restrict p, const float *restrict g,
                        float *restrict buf);
void basin_adam(size_t n, float step_size, float b1, float b2, float inv_sqrt_bc2, float eps,
                float *restrict p, const float *restrict g, float *restrict m, float *restrict v);
void basin_rmsprop(size_t n, float lr, float alpha, float eps, float mu, float *restrict p,
                   const float *restrict g, float *restrict v, float *restrict buf);
/// g += mask · (l2 · p + l1 · sign(p)); mask may be NULL (all ones).
void basin_penalties(size_t n, float l2, float l1, const float *restrict p, const float *restrict mask,
                     float *restrict g);
/// Softmax cross-entropy of `rows` rows of `k` logits against labels: returns the SUM of the
/// per-row losses, counts correct argmax predictions into *correct, and writes
/// (softmax − onehot)·inv_batch into grad unless it is NULL. NaN if scratch cannot be had.
double basin_softmax_xent(size_t rows, size_t k, const float *restrict logits, const int32_t *restrict labels,
                          float *restrict grad, float inv_batch, size_t *correct);

/// p −= decay · mask · p; mask may be NULL.
void basin_decay(size_t n, float decay, const float *restrict mask, float *restrict p);

// Channels-last data movement (layout.c). An image example is stored [H × W × C], a 1-D signal
// [L × C] (H = 1, W = L), position-major.
/// One convolution's geometry: input H × W with C channels, kernel KH × KW, strides SH, SW, zero
/// padding PH, PW on each side, output Ho × Wo with Ho = ⌊(H + 2PH − KH)/SH⌋ + 1 (and Wo alike).
/// A 1-D convolution is H = KH = SH = Ho = 1, PH = 0.
typedef struct {
    size_t height, width, channels;
    size_t kernel_h, kernel_w, stride_h, stride_w, pad_h, pad_w;
    size_t out_height, out_width;
} basin_conv_geometry;
/// cols[b·Ho·Wo + oy·Wo + ox, (ky·KW + kx)·C + c] = x[b, oy·SH − PH + ky, ox·SW − PW + kx, c],
/// 0 in the padding: x [B × H × W × C], cols [B·Ho·Wo × KH·KW·C]. Each window row (ky) is its
/// taps inside the image as one contiguous copy.
void basin_im2col_cl(size_t batch, basin_conv_geometry g, const float *restrict x, float *restrict cols);
/// dx = the adjoint of im2col: every column entry added back to the pixel it was copied from
/// (overwrites dx [B × H × W × C]).
void basin_col2im_cl(size_t batch, basin_conv_geometry g, const float *restrict dcols, float *restrict dx);
/// Max pooling: y[b, o, c] = the largest x[b, p, c] over window o's positions p (KH × KW from
/// (oy·SH, ox·SW), no padding; pads ignored), arg[b, o, c] = that p (row-major index y·W + x, as
/// float), ties to the first. x [B × H × W × C], y and arg [B × Ho × Wo × C].
void basin_maxpool_forward_cl(size_t batch, basin_conv_geometry g, const float *restrict x, float *restrict y,
                              float *restrict arg);
/// dx[b, arg[b, o, c], c] += dy[b, o, c] (overwrites dx [B × H × W × C] first).
void basin_maxpool_backward_cl(size_t batch, basin_conv_geometry g, const float *restrict dy, const float *restrict arg,
                               float *restrict dx);
/// Average pooling: y[b, o, c] = the mean of x[b, p, c] over window o (summed in row-major order).
void basin_avgpool_forward_cl(size_t batch, basin_conv_geometry g, const float *restrict x, float *restrict y);
/// dx[b, p, c] = Σ over windows o containing p of dy[b, o, c] / (KH·KW) (overwrites dx).
void basin_avgpool_backward_cl(size_t batch, basin_conv_geometry g, const float *restrict dy, float *restrict dx);
/// dst[b, j, i] = src[b, i, j] for `batch` matrices src [rows × cols] → dst [cols × rows].
void basin_transpose_batch(size_t batch, size_t rows, size_t cols, const float *restrict src, float *restrict dst);
/// dst[b, j, i] += src[b, i, j].
void basin_transpose_add_batch(size_t batch, size_t rows, size_t cols, const float *restrict src,
                               float *restrict dst);

// MARK: - Kernel paths

/// One kernel path's functions (kernels_body.h compiled for that instruction set). The public
/// functions above dispatch through the table of the path in use; tests call a named path's
/// table directly to check that the paths agree bit for bit.
typedef struct {
    void (*relu_forward)(size_t n, const float *restrict x, float *restrict y);
    void (*relu_backward)(size_t n, const float *restrict x, const float *restrict dy, float *restrict dx);
    void (*leaky_forward)(size_t n, float slope, const float *restrict x, float *restrict y);
    void (*leaky_backward)(size_t n, float slope, const float *restrict x, const float *restrict dy, float *restrict dx);
    void (*gelu_forward)(size_t n, const float *restrict x, float *restrict y, float *restrict slope);
    void (*gelu_backward)(size_t n, const float *restrict x, const float *restrict slope, const float *restrict dy,
                          float *restrict dx);
    void (*layernorm_forward)(size_t rows, size_t n, float eps, const float *restrict x, const float *restrict gamma,
                              const float *restrict beta, float *restrict y, float *restrict mean, float *restrict inv_std);
    void (*layernorm_backward)(size_t rows, size_t n, const float *restrict x, const float *restrict gamma,
                               const float *restrict mean, const float *restrict inv_std, const float *restrict dy,
                               float *restrict dgamma, float *restrict dbeta, float *restrict dx);
    void (*attention_forward)(size_t L, size_t W, size_t H, int causal, float scale, const float *restrict qkv,
                              float *restrict probs, float *restrict o, float *restrict scratch);
    void (*attention_backward)(size_t L, size_t W, size_t H, int causal, float scale, const float *restrict qkv,
                               const float *restrict probs, const float *restrict dout, float *restrict dqkv,
                               float *restrict scratch);
    void (*add_row_vector)(size_t rows, size_t cols, const float *restrict bias, float *restrict y);
    void (*accumulate_column_sums)(size_t rows, size_t cols, const float *restrict x, float *restrict out);
    void (*axpy)(size_t n, float alpha, const float *restrict x, float *restrict y);
    void (*scale)(size_t n, float alpha, float *restrict y);
    double (*dot)(size_t n, const float *restrict x, const float *restrict y);
    double (*sum)(size_t n, const float *restrict x);
    int (*all_finite)(size_t n, const float *restrict x);
    void (*sgd)(size_t n, float lr, float *restrict p, const float *restrict g);
    void (*sgd_momentum)(size_t n, float lr, float mu, int nesterov, float *restrict p, const float *restrict g, float *restrict buf);
    void (*adam)(size_t n, float step_size, float b1, float b2, float inv_sqrt_bc2, float eps, float *restrict p, const float *restrict g, float *restrict m, float *restrict v);
    void (*rmsprop)(size_t n, float lr, float alpha, float eps, float mu, float *restrict p, const float *restrict g, float *restrict v, float *restrict buf);
    void (*penalties)(size_t n, float l2, float l1, const float *restrict p, const float *restrict mask, float *restrict g);
    void (*decay)(size_t n, float decay, const float *restrict mask, float *restrict p);
    void (*combine3)(size_t n, const float *restrict a, float beta, const float *restrict b, float gamma, const float *restrict c, float *restrict y);
    void (*add2)(size_t n, const float *restrict a, const float *restrict b, float *restrict y);
    void (*shifted_exp)(size_t rows, size_t k, const float *restrict z, const float *restrict maxima, float *restrict e);
    void (*row_log_sums)(size_t rows, size_t k, const float *restrict e, float *restrict logs);
} basin_kernel_table;

/// The table of the path in use (basin_isa_level()).
const basin_kernel_table *basin_kernels_in_use(void);
/// The name of the path in use: "avx512", "avx2" or "baseline".
const char *basin_kernel_isa(void);
/// The table of a named path ("avx512", "avx2", "baseline"), or NULL when this CPU cannot run it.
const basin_kernel_table *basin_kernels_for(const char *isa);

/// Kernel paths as levels: 0 = baseline x86-64, 1 = AVX2+FMA, 2 = AVX-512F.
/// The level every kernel (these and basin_sgemm) runs: the CPU's, or BASIN_ISA's if it can run.
int basin_isa_level(void);
/// The highest level this CPU supports.
int basin_isa_cpu_level(void);
/// What became of BASIN_ISA: 0 unset or empty, 1 honoured, -1 not a path's name, -2 above the CPU.
int basin_isa_request(void);
/// A path's level by name, or -1.
int basin_isa_level_named(const char *name);
/// A level's name: "baseline", "avx2", "avx512".
const char *basin_isa_name(int level);
#endif
#include "gemm.h"
#include "linalg.h"
