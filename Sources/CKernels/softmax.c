// Fused softmax cross-entropy over rows of logits, vectorized: the exponentials of a whole
// block are computed at once with a polynomial exp (Cephes-style range reduction, in
// kernels_math.h), then reduced per row. The vectorized phases are the kernel path's
// (kernels_body.h); this driver is plain C, the same on every path. NOTE: every row is shifted
// by its maximum first, so exp only sees x ≤ 0 and never overflows; log-sum-exp is formed in
// double per row.
#include "ckernels.h"
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// Per-thread scratch for maxima and exponentials: grows to the largest block seen, then is
// reused, so steady-state calls allocate nothing. A pthread key frees it when its thread ends
// (a sweep starts a thread per trial).
static _Thread_local float *scratch_buffer;
static _Thread_local size_t scratch_count;
static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;

static void scratch_make_key(void) { pthread_key_create(&scratch_key, free); }

static float *scratch_for(size_t count) {
    if (count > scratch_count) {
        float *grown = realloc(scratch_buffer, count * sizeof(float));
        if (!grown) return NULL;
        scratch_buffer = grown;
        scratch_count = count;
        pthread_once(&scratch_once, scratch_make_key);
        pthread_setspecific(scratch_key, grown);
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
    const basin_kernel_table *path = basin_kernels_in_use();
    path->shifted_exp(rows, k, logits, maxima, e);
    // Phase 3: per-row log-sum-exp and loss; the gradient (softmax − onehot)/B if asked.
    path->row_log_sums(rows, k, e, logs);
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
