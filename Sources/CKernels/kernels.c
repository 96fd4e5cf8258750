// The public kernels of include/ckernels.h: each forwards to the same function of the kernel
// path in use (kernels_isa.c builds one table per path; isa.c chooses the path once).
#include "ckernels.h"
#include <stdatomic.h>

extern const basin_kernel_table basin_kernels_avx512, basin_kernels_avx2, basin_kernels_baseline;

static const basin_kernel_table *table_for_level(int level) {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    if (level == 2) return &basin_kernels_avx512;
    if (level == 1) return &basin_kernels_avx2;
#endif
    return &basin_kernels_baseline;
}

const basin_kernel_table *basin_kernels_for(const char *isa) {
    int level = basin_isa_level_named(isa);
    if (level < 0 || level > basin_isa_cpu_level()) return NULL;
    return table_for_level(level);
}

static _Atomic(const basin_kernel_table *) current;

const basin_kernel_table *basin_kernels_in_use(void) {
    const basin_kernel_table *t = atomic_load_explicit(&current, memory_order_relaxed);
    if (!t) {
        t = table_for_level(basin_isa_level());
        atomic_store_explicit(&current, t, memory_order_relaxed);
    }
    return t;
}

const char *basin_kernel_isa(void) { return basin_isa_name(basin_isa_level()); }

void basin_relu_forward(size_t n, const float *restrict x, float *restrict y) { basin_kernels_in_use()->relu_forward(n, x, y); }
void basin_relu_backward(size_t n, const float *restrict x, const float *restrict dy, float *restrict dx) { basin_kernels_in_use()->relu_backward(n, x, dy, dx); }
void basin_leaky_forward(size_t n, float slope, const float *restrict x, float *restrict y) { basin_kernels_in_use()->leaky_forward(n, slope, x, y); }
void basin_leaky_backward(size_t n, float slope, const float *restrict x, const float *restrict dy, float *restrict dx) { basin_kernels_in_use()->leaky_backward(n, slope, x, dy, dx); }
void basin_gelu_forward(size_t n, const float *restrict x, float *restrict y, float *restrict slope) { basin_kernels_in_use()->gelu_forward(n, x, y, slope); }
void basin_gelu_backward(size_t n, const float *restrict x, const float *restrict slope, const float *restrict dy, float *restrict dx) { basin_kernels_in_use()->gelu_backward(n, x, slope, dy, dx); }
void basin_layernorm_forward(size_t rows, size_t n, float eps, const float *restrict x, const float *restrict gamma,
                             const float *restrict beta, float *restrict y, float *restrict mean, float *restrict inv_std) {
    basin_kernels_in_use()->layernorm_forward(rows, n, eps, x, gamma, beta, y, mean, inv_std);
}
void basin_layernorm_backward(size_t rows, size_t n, const float *restrict x, const float *restrict gamma,
                              const float *restrict mean, const float *restrict inv_std, const float *restrict dy,
                              float *restrict dgamma, float *restrict dbeta, float *restrict dx) {
    basin_kernels_in_use()->layernorm_backward(rows, n, x, gamma, mean, inv_std, dy, dgamma, dbeta, dx);
}
void basin_attention_forward(size_t L, size_t W, size_t H, int causal, float scale, const float *restrict qkv,
                             float *restrict probs, float *restrict o, float *restrict scratch) {
    basin_kernels_in_use()->attention_forward(L, W, H, causal, scale, qkv, probs, o, scratch);
}
void basin_attention_backward(size_t L, size_t W, size_t H, int causal, float scale, const float *restrict qkv,
                              const float *restrict probs, const float *restrict dout, float *restrict dqkv,
                              float *restrict scratch) {
    basin_kernels_in_use()->attention_backward(L, W, H, causal, scale, qkv, probs, dout, dqkv, scratch);
}
void basin_add_row_vector(size_t rows, size_t cols, const float *restrict bias, float *restrict y) { basin_kernels_in_use()->add_row_vector(rows, cols, bias, y); }
void basin_accumulate_column_sums(size_t rows, size_t cols, const float *restrict x, float *restrict out) { basin_kernels_in_use()->accumulate_column_sums(rows, cols, x, out); }
void basin_axpy(size_t n, float alpha, const float *restrict x, float *restrict y) { basin_kernels_in_use()->axpy(n, alpha, x, y); }
void basin_scale(size_t n, float alpha, float *restrict y) { basin_kernels_in_use()->scale(n, alpha, y); }
double basin_dot(size_t n, const float *restrict x, const float *restrict y) { return basin_kernels_in_use()->dot(n, x, y); }
double basin_sum(size_t n, const float *restrict x) { return basin_kernels_in_use()->sum(n, x); }
int basin_all_finite(size_t n, const float *restrict x) { return basin_kernels_in_use()->all_finite(n, x); }
void basin_sgd(size_t n, float lr, float *restrict p, const float *restrict g) { basin_kernels_in_use()->sgd(n, lr, p, g); }
void basin_sgd_momentum(size_t n, float lr, float mu, int nesterov, float *restrict p, const float *restrict g, float *restrict buf) { basin_kernels_in_use()->sgd_momentum(n, lr, mu, nesterov, p, g, buf); }
void basin_adam(size_t n, float step_size, float b1, float b2, float inv_sqrt_bc2, float eps, float *restrict p, const float *restrict g, float *restrict m, float *restrict v) { basin_kernels_in_use()->adam(n, step_size, b1, b2, inv_sqrt_bc2, eps, p, g, m, v); }
void basin_rmsprop(size_t n, float lr, float alpha, float eps, float mu, float *restrict p, const float *restrict g, float *restrict v, float *restrict buf) { basin_kernels_in_use()->rmsprop(n, lr, alpha, eps, mu, p, g, v, buf); }
void basin_penalties(size_t n, float l2, float l1, const float *restrict p, const float *restrict mask, float *restrict g) { basin_kernels_in_use()->penalties(n, l2, l1, p, mask, g); }
void basin_decay(size_t n, float decay, const float *restrict mask, float *restrict p) { basin_kernels_in_use()->decay(n, decay, mask, p); }
void basin_combine3(size_t n, const float *restrict a, float beta, const float *restrict b, float gamma, const float *restrict c, float *restrict y) { basin_kernels_in_use()->combine3(n, a, beta, b, gamma, c, y); }
void basin_add2(size_t n, const float *restrict a, const float *restrict b, float *restrict y) { basin_kernels_in_use()->add2(n, a, b, y); }
