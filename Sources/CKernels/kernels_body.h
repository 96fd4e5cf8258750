// The bodies of Basin's elementwise, reduction, optimizer and loss kernels, written once and
// compiled once per kernel path by kernels_isa.c, which defines before each inclusion:
//   KFN(name)  the function's name on that path (e.g. relu_forward_avx2),
//   KTARGET    its target attribute (AVX-512F / AVX2+FMA / nothing for baseline x86-64),
//   KTABLE     the name of the path's basin_kernel_table.
// No include guard: it is meant to be included three times.
//
// NOTE (determinism): every result here is a function of the inputs alone on both FMA paths.
// Elementwise kernels compute each element by the same expression; reductions use explicit
// 16-lane partial sums (one zmm, or two ymm) folded in a fixed order, never a compiler-chosen
// tree; `a * b + c` in one expression becomes one FMA on both paths (-ffp-contract=on, pinned
// in Package.swift), and a mul + add on the baseline path, which may therefore differ.
static KTARGET void KFN(relu_forward)(size_t n, const float *restrict x, float *restrict y) {
    for (size_t i = 0; i < n; i++) y[i] = x[i] > 0.0f ? x[i] : 0.0f;
}

static KTARGET void KFN(relu_backward)(size_t n, const float *restrict x, const float *restrict dy,
                                      float *restrict dx) {
    for (size_t i = 0; i < n; i++) { float d = dy[i]; dx[i] = x[i] > 0.0f ? d : 0.0f; }
}

static KTARGET void KFN(leaky_forward)(size_t n, float slope, const float *restrict x, float *restrict y) {
    for (size_t i = 0; i < n; i++) { float v = x[i]; y[i] = v > 0.0f ? v : slope * v; }
}

static KTARGET void KFN(leaky_backward)(size_t n, float slope, const float *restrict x, const float *restrict dy,
                                       float *restrict dx) {
    for (size_t i = 0; i < n; i++) { float d = dy[i]; dx[i] = x[i] > 0.0f ? d : slope * d; }
}

// GELU, exact form x·Φ(x) (PyTorch's default), with Φ from Abramowitz & Stegun 7.1.26 for
// erfc(|x|/√2): q = ½·t·P(t)·e^(−x²/2), t = 1/(1 + p·|x|/√2), Φ = 1 − q for x ≥ 0 and q below
// (no cancellation for negative x); |error of Φ| < 1e-7. The backward pass reuses e^(−x²/2) for
// the density φ(x) = e^(−x²/2)/√(2π): d/dx x·Φ(x) = Φ(x) + x·φ(x).
static inline KTARGET float KFN(gelu_tail)(float v, float *restrict density) {
    float a = __builtin_fabsf(v) * 0.70710678118654752f;
    float t = 1.0f / (1.0f + 0.3275911f * a);
    float p = 1.061405429f;
    p = p * t - 1.453152027f;
    p = p * t + 1.421413741f;
    p = p * t - 0.284496736f;
    p = p * t + 0.254829592f;
    float e = basin_exp_poly(-a * a);
    *density = e * 0.39894228040143268f;
    float q = 0.5f * t * p * e;
    return v >= 0.0f ? 1.0f - q : q;
}

// `slope`, when not NULL, receives each element's derivative Φ(x) + x·φ(x) for the backward pass.
static KTARGET void KFN(gelu_forward)(size_t n, const float *restrict x, float *restrict y, float *restrict slope) {
    for (size_t i = 0; i < n; i++) {
        float d, v = x[i];
        float cdf = KFN(gelu_tail)(v, &d);
        y[i] = v * cdf;
        if (slope) slope[i] = cdf + v * d;
    }
}

// dx = dy · (Φ(x) + x·φ(x)), from the forward pass's `slope` when given (the same value).
static KTARGET void KFN(gelu_backward)(size_t n, const float *restrict x, const float *restrict slope,
                                      const float *restrict dy, float *restrict dx) {
    if (slope) {
        for (size_t i = 0; i < n; i++) dx[i] = dy[i] * slope[i];
        return;
    }
    for (size_t i = 0; i < n; i++) {
        float d, v = x[i];
        float cdf = KFN(gelu_tail)(v, &d);
        dx[i] = dy[i] * (cdf + v * d);
    }
}

// Self-attention of one example, all heads (Attention.swift has the shapes). qkv [L × 3W] holds
// each position's query, key and value; head h uses columns h·d … h·d + d − 1 of each.
// Every sum runs in 16-float register blocks (one zmm, or two ymm) over zero-padded copies, each
// lane accumulating in a fixed order (over t, or over positions, ascending) with one FMA per
// term: the same bits on every vector width. P = L and D = d rounded up to 16.
// Scratch: Elementwise.attentionScratch(length:headWidth:) floats. Masked (causal) weights are exactly 0.
#define BASIN_BLOCK 16

// acc[0..16) = Σ_t a[t] · rows[t·stride + 0..16), t ascending.
static inline KTARGET void KFN(attention_block_dot)(size_t n, const float *restrict a, const float *restrict rows,
                                                   size_t stride, float *restrict out) {
    float acc[BASIN_BLOCK] = {0};
    for (size_t t = 0; t < n; t++) {
        float at = a[t];
        const float *restrict r = rows + t * stride;
        for (int u = 0; u < BASIN_BLOCK; u++) acc[u] = at * r[u] + acc[u];
    }
    for (int u = 0; u < BASIN_BLOCK; u++) out[u] = acc[u];
}

// dst[0..d) += Σ_j w[j·ws] · src[j·D + 0..D) over j < n, in blocks of 16 (src zero-padded to D).
static inline KTARGET void KFN(attention_weighted_rows)(size_t n, const float *restrict w, size_t ws,
                                                       const float *restrict src, size_t d, size_t D,
                                                       float *restrict dst, int accumulate) {
    for (size_t t0 = 0; t0 < D; t0 += BASIN_BLOCK) {
        float acc[BASIN_BLOCK] = {0};
        for (size_t j = 0; j < n; j++) {
            float wj = w[j * ws];
            const float *restrict r = src + j * D + t0;
            for (int u = 0; u < BASIN_BLOCK; u++) acc[u] = wj * r[u] + acc[u];
        }
        size_t lanes = d - t0 < BASIN_BLOCK ? d - t0 : BASIN_BLOCK;
        for (size_t u = 0; u < lanes; u++) dst[t0 + u] = accumulate ? dst[t0 + u] + acc[u] : acc[u];
    }
}

// Copies column block [off, off + d) of every row of qkv into rows of D floats, zero-padded.
static inline KTARGET void KFN(attention_pad_rows)(size_t L, size_t stride, size_t off, size_t d, size_t D,
                                                  const float *restrict qkv, float *restrict out) {
    for (size_t j = 0; j < L; j++) {
        for (size_t t = 0; t < d; t++) out[j * D + t] = qkv[j * stride + off + t];
        for (size_t t = d; t < D; t++) out[j * D + t] = 0.0f;
    }
}

// The same columns transposed: out[t·P + j], zero for j ≥ L.
// Read row by row (a vectorized column read would be a gather, several times slower).
static inline KTARGET void KFN(attention_pad_columns)(size_t L, size_t stride, size_t off, size_t d, size_t P,
                                                     const float *restrict qkv, float *restrict out) {
    for (size_t t = 0; t < d; t++)
        for (size_t j = L; j < P; j++) out[t * P + j] = 0.0f;
    for (size_t j = 0; j < L; j++) {
#if defined(__clang__)
#pragma clang loop vectorize(disable)
#endif
        for (size_t t = 0; t < d; t++) out[t * P + j] = qkv[j * stride + off + t];
    }
}

static KTARGET void KFN(attention_forward)(size_t L, size_t W, size_t H, int causal, float scale,
                                          const float *restrict qkv, float *restrict probs, float *restrict o,
                                          float *restrict scratch) {
    size_t d = W / H, stride = 3 * W, P = basin_attention_padded(L), D = basin_attention_padded(d);
    float *restrict kt = scratch, *restrict vp = kt + d * P, *restrict s = vp + L * D;
    for (size_t h = 0; h < H; h++) {
        KFN(attention_pad_columns)(L, stride, W + h * d, d, P, qkv, kt);
        KFN(attention_pad_rows)(L, stride, 2 * W + h * d, d, D, qkv, vp);
        for (size_t i = 0; i < L; i++) {
            const float *restrict q = qkv + i * stride + h * d;
            for (size_t j0 = 0; j0 < P; j0 += BASIN_BLOCK) KFN(attention_block_dot)(d, q, kt + j0, P, s + j0);
            size_t visible = causal ? i + 1 : L;
            float top = -INFINITY;
            for (size_t j = 0; j < visible; j++) top = s[j] > top ? s[j] : top;
            // exp over whole vectors (padding and masked lanes included, then dropped).
            for (size_t j = 0; j < P; j++) s[j] = basin_exp_poly((s[j] - top) * scale);
            float *restrict row = probs + (h * L + i) * L;
            float sum = 0.0f;
            for (size_t j = 0; j < visible; j++) sum += s[j];
            float inv = 1.0f / sum;
            for (size_t j = 0; j < visible; j++) row[j] = s[j] * inv;
            for (size_t j = visible; j < L; j++) row[j] = 0.0f;
            KFN(attention_weighted_rows)(visible, row, 1, vp, d, D, o + i * W + h * d, 0);
        }
    }
}

// Its backward pass for one example: dqkv [L × 3W] is ACCUMULATED (the caller zeroes it).
// dA = do·Vᵀ, dV += Aᵀ·do, dS = A ⊙ (dA − rowsum(dA ⊙ A))·scale, dQ += dS·K, dK += dSᵀ·Q.
static KTARGET void KFN(attention_backward)(size_t L, size_t W, size_t H, int causal, float scale,
                                           const float *restrict qkv, const float *restrict probs,
                                           const float *restrict dout, float *restrict dqkv, float *restrict scratch) {
    size_t d = W / H, stride = 3 * W, P = basin_attention_padded(L), D = basin_attention_padded(d);
    float *restrict vt = scratch, *restrict gp = vt + d * P, *restrict qp = gp + L * D, *restrict kp = qp + L * D;
    float *restrict ds = kp + L * D, *restrict da = ds + L * L;
    for (size_t h = 0; h < H; h++) {
        KFN(attention_pad_columns)(L, stride, 2 * W + h * d, d, P, qkv, vt);
        KFN(attention_pad_rows)(L, W, h * d, d, D, dout, gp);
        KFN(attention_pad_rows)(L, stride, h * d, d, D, qkv, qp);
        KFN(attention_pad_rows)(L, stride, W + h * d, d, D, qkv, kp);
        const float *restrict a = probs + h * L * L;
        for (size_t i = 0; i < L; i++) {
            for (size_t j0 = 0; j0 < P; j0 += BASIN_BLOCK) KFN(attention_block_dot)(d, gp + i * D, vt + j0, P, da + j0);
            size_t visible = causal ? i + 1 : L;
            const float *restrict row = a + i * L;
            float dot = 0.0f;
            for (size_t j = 0; j < visible; j++) dot = da[j] * row[j] + dot;
            for (size_t j = 0; j < L; j++) ds[i * L + j] = j < visible ? row[j] * (da[j] - dot) * scale : 0.0f;
        }
        for (size_t j = 0; j < L; j++) {
            // dV_j += Σ_i A_ij · do_i;  dK_j += Σ_i dS_ij · q_i
            KFN(attention_weighted_rows)(L, a + j, L, gp, d, D, dqkv + j * stride + 2 * W + h * d, 1);
            KFN(attention_weighted_rows)(L, ds + j, L, qp, d, D, dqkv + j * stride + W + h * d, 1);
        }
        for (size_t i = 0; i < L; i++) {
            // dQ_i += Σ_j dS_ij · k_j
            KFN(attention_weighted_rows)(L, ds + i * L, 1, kp, d, D, dqkv + i * stride + h * d, 1);
        }
    }
}

// Σ f(x[i]) over a row of n in 16 lanes: element i goes to lane i mod 16, each lane adding in
// order, then the lanes folded 0 … 15 — the same sum on every vector width.
#define BASIN_ROW_SUM(n, expr, out)                                                                      \
    do {                                                                                                 \
        float lanes_[BASIN_BLOCK] = {0};                                                                 \
        size_t i_ = 0;                                                                                   \
        for (; i_ + BASIN_BLOCK <= (n); i_ += BASIN_BLOCK)                                               \
            for (int u_ = 0; u_ < BASIN_BLOCK; u_++) { size_t i = i_ + u_; lanes_[u_] += (expr); }       \
        for (int u_ = 0; i_ + u_ < (n); u_++) { size_t i = i_ + u_; lanes_[u_] += (expr); }              \
        float s_ = 0.0f;                                                                                 \
        for (int u_ = 0; u_ < BASIN_BLOCK; u_++) s_ += lanes_[u_];                                       \
        (out) = s_;                                                                                      \
    } while (0)

// Layer normalization of `rows` rows of n features: y = γ ⊙ (x − μ)·r + β with r = 1/√(var + eps)
// (biased variance); μ and r saved per row for the backward pass.
static KTARGET void KFN(layernorm_forward)(size_t rows, size_t n, float eps, const float *restrict x,
                                          const float *restrict gamma, const float *restrict beta,
                                          float *restrict y, float *restrict mean, float *restrict inv_std) {
    for (size_t b = 0; b < rows; b++) {
        const float *restrict xr = x + b * n;
        float *restrict yr = y + b * n;
        float s, v;
        BASIN_ROW_SUM(n, xr[i], s);
        float m = s / (float)n;
        BASIN_ROW_SUM(n, (xr[i] - m) * (xr[i] - m), v);
        float r = 1.0f / __builtin_sqrtf(v / (float)n + eps);
        mean[b] = m;
        inv_std[b] = r;
        for (size_t i = 0; i < n; i++) yr[i] = gamma[i] * ((xr[i] - m) * r) + beta[i];
    }
}

// Its backward: with x̂ = (x − μ)·r and g = γ ⊙ dy:  dγ += dy ⊙ x̂;  dβ += dy (rows in order);
// dx = r·(g − mean(g) − x̂·mean(g ⊙ x̂)) when dx is not NULL.
static KTARGET void KFN(layernorm_backward)(size_t rows, size_t n, const float *restrict x,
                                           const float *restrict gamma, const float *restrict mean,
                                           const float *restrict inv_std, const float *restrict dy,
                                           float *restrict dgamma, float *restrict dbeta, float *restrict dx) {
    for (size_t b = 0; b < rows; b++) {
        const float *restrict xr = x + b * n, *restrict dyr = dy + b * n;
        float m = mean[b], r = inv_std[b];
        for (size_t i = 0; i < n; i++) {
            dgamma[i] += dyr[i] * ((xr[i] - m) * r);
            dbeta[i] += dyr[i];
        }
        if (!dx) continue;
        float sg, sgx;
        BASIN_ROW_SUM(n, gamma[i] * dyr[i], sg);
        BASIN_ROW_SUM(n, (gamma[i] * dyr[i]) * ((xr[i] - m) * r), sgx);
        float mg = sg / (float)n, mgx = sgx / (float)n;
        float *restrict dxr = dx + b * n;
        for (size_t i = 0; i < n; i++) dxr[i] = r * (gamma[i] * dyr[i] - mg - ((xr[i] - m) * r) * mgx);
    }
}
#undef BASIN_ROW_SUM

static KTARGET void KFN(add_row_vector)(size_t rows, size_t cols, const float *restrict bias, float *restrict y) {
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
static KTARGET void KFN(accumulate_column_sums)(size_t rows, size_t cols, const float *restrict x,
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

static KTARGET void KFN(axpy)(size_t n, float alpha, const float *restrict x, float *restrict y) {
    for (size_t i = 0; i < n; i++) y[i] += alpha * x[i];
}

static KTARGET void KFN(scale)(size_t n, float alpha, float *restrict y) {
    for (size_t i = 0; i < n; i++) y[i] *= alpha;
}

// NOTE: sums run in Float over blocks of 1024 (vectorizable with 16 partial sums) and fold the
// blocks into a double, so a 10⁶-long reduction loses almost nothing to rounding.
static KTARGET double KFN(dot)(size_t n, const float *restrict x, const float *restrict y) {
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

static KTARGET double KFN(sum)(size_t n, const float *restrict x) {
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
static KTARGET int KFN(all_finite)(size_t n, const float *restrict x) {
    uint32_t worst = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t bits;
        memcpy(&bits, x + i, sizeof bits);
        bits &= 0x7fffffffu;
        worst = bits > worst ? bits : worst;
    }
    return worst < 0x7f800000u;
}

static KTARGET void KFN(sgd)(size_t n, float lr, float *restrict p, const float *restrict g) {
    for (size_t i = 0; i < n; i++) p[i] -= lr * g[i];
}

static KTARGET void KFN(sgd_momentum)(size_t n, float lr, float mu, int nesterov, float *restrict p,
                                     const float *restrict g, float *restrict buf) {
    if (nesterov) {
        for (size_t i = 0; i < n; i++) { float b = mu * buf[i] + g[i]; buf[i] = b; p[i] -= lr * (g[i] + mu * b); }
    } else {
        for (size_t i = 0; i < n; i++) { float b = mu * buf[i] + g[i]; buf[i] = b; p[i] -= lr * b; }
    }
}

static KTARGET void KFN(adam)(size_t n, float step_size, float b1, float b2, float inv_sqrt_bc2, float eps,
                             float *restrict p, const float *restrict g, float *restrict m, float *restrict v) {
    for (size_t i = 0; i < n; i++) {
        float gi = g[i];
        float mi = b1 * m[i] + (1.0f - b1) * gi;
        float vi = b2 * v[i] + (1.0f - b2) * gi * gi;
        m[i] = mi; v[i] = vi;
        p[i] -= step_size * mi / (sqrtf(vi) * inv_sqrt_bc2 + eps);
    }
}

static KTARGET void KFN(rmsprop)(size_t n, float lr, float alpha, float eps, float mu, float *restrict p,
                                const float *restrict g, float *restrict v, float *restrict buf) {
    for (size_t i = 0; i < n; i++) {
        float vi = alpha * v[i] + (1.0f - alpha) * g[i] * g[i];
        v[i] = vi;
        float d = g[i] / (sqrtf(vi) + eps);
        if (mu != 0.0f) { float b = mu * buf[i] + d; buf[i] = b; p[i] -= lr * b; }
        else p[i] -= lr * d;
    }
}

static KTARGET void KFN(penalties)(size_t n, float l2, float l1, const float *restrict p,
                                  const float *restrict mask, float *restrict g) {
    for (size_t i = 0; i < n; i++) {
        float w = p[i];
        float sign = (float)(w > 0.0f) - (float)(w < 0.0f);
        float k = mask ? mask[i] : 1.0f;
        g[i] += k * (l2 * w + l1 * sign);
    }
}

static KTARGET void KFN(decay)(size_t n, float decay, const float *restrict mask, float *restrict p) {
    for (size_t i = 0; i < n; i++) p[i] -= decay * (mask ? mask[i] : 1.0f) * p[i];
}

static KTARGET void KFN(combine3)(size_t n, const float *restrict a, float beta, const float *restrict b, float gamma,
                                 const float *restrict c, float *restrict y) {
    for (size_t i = 0; i < n; i++) y[i] = a[i] + beta * b[i] + gamma * c[i];
}

static KTARGET void KFN(add2)(size_t n, const float *restrict a, const float *restrict b, float *restrict y) {
    for (size_t i = 0; i < n; i++) y[i] = a[i] + b[i];
}

// MARK: - Softmax cross-entropy (see softmax.c for the driver and kernels_math.h for exp/log)

// Phase 2 of the loss: e = exp(z − max of its row), vectorized along each row.
static KTARGET void KFN(shifted_exp)(size_t rows, size_t k, const float *restrict z, const float *restrict maxima,
                                     float *restrict e) {
    for (size_t r = 0; r < rows; r++) {
        float m = maxima[r];
        const float *zr = z + r * k;
        float *er = e + r * k;
        for (size_t j = 0; j < k; j++) er[j] = basin_exp_poly(zr[j] - m);
    }
}

// Phase 3a: Σ over each row of e (in column order), then its log.
static KTARGET void KFN(row_log_sums)(size_t rows, size_t k, const float *restrict e, float *restrict logs) {
    for (size_t r = 0; r < rows; r++) {
        float s = 0.0f;
        for (size_t j = 0; j < k; j++) s += e[r * k + j];
        logs[r] = s;
    }
    for (size_t r = 0; r < rows; r++) logs[r] = basin_log_poly(logs[r]);
}

const basin_kernel_table KTABLE = {
    .relu_forward = KFN(relu_forward),
    .relu_backward = KFN(relu_backward),
    .leaky_forward = KFN(leaky_forward),
    .leaky_backward = KFN(leaky_backward),
    .gelu_forward = KFN(gelu_forward),
    .gelu_backward = KFN(gelu_backward),
    .attention_forward = KFN(attention_forward),
    .attention_backward = KFN(attention_backward),
    .layernorm_forward = KFN(layernorm_forward),
    .layernorm_backward = KFN(layernorm_backward),
    .add_row_vector = KFN(add_row_vector),
    .accumulate_column_sums = KFN(accumulate_column_sums),
    .axpy = KFN(axpy),
    .scale = KFN(scale),
    .dot = KFN(dot),
    .sum = KFN(sum),
    .all_finite = KFN(all_finite),
    .sgd = KFN(sgd),
    .sgd_momentum = KFN(sgd_momentum),
    .adam = KFN(adam),
    .rmsprop = KFN(rmsprop),
    .penalties = KFN(penalties),
    .decay = KFN(decay),
    .combine3 = KFN(combine3),
    .add2 = KFN(add2),
    .shifted_exp = KFN(shifted_exp),
    .row_log_sums = KFN(row_log_sums),
};
