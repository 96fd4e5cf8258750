// Small dense double-precision linear algebra for the Gaussian-process surrogate of the
// hyperparameter search (Search/GaussianProcess.swift): Cholesky factorization, solves, the
// inverse from the factor, and a plain matrix product. Row-major, lower triangle.
//
// Why not LAPACK: OpenBLAS picks its kernels by CPU, so the GP's proposals — and with them a
// `bayes` sweep's trials — would differ between machines. These loops run in one fixed order,
// compiled for baseline x86-64 with contraction off, so every CPU computes the same bits. The
// sizes are a sweep's trial count (≤ a few hundred): O(n³/3) flops take milliseconds.
#include "linalg.h"
#include <math.h>
#include <string.h>

#pragma STDC FP_CONTRACT OFF

int basin_dpotrf_lower(size_t n, double *a) {
    for (size_t j = 0; j < n; j++) {
        double *rj = a + j * n;
        // Phase 1: the diagonal, d = a[j][j] − Σ_{k<j} L[j][k]².
        double d = rj[j];
        for (size_t k = 0; k < j; k++) d -= rj[k] * rj[k];
        if (!(d > 0.0)) return (int)j + 1;     // not positive definite (or NaN), like LAPACK's info
        double ljj = sqrt(d);
        rj[j] = ljj;
        // Phase 2: the column below it, L[i][j] = (a[i][j] − Σ_{k<j} L[i][k]·L[j][k]) / L[j][j].
        for (size_t i = j + 1; i < n; i++) {
            double *ri = a + i * n;
            double s = ri[j];
            for (size_t k = 0; k < j; k++) s -= ri[k] * rj[k];
            ri[j] = s / ljj;
        }
    }
    return 0;
}

void basin_dtrsv_lower(size_t n, const double *l, double *b) {
    for (size_t i = 0; i < n; i++) {
        const double *ri = l + i * n;
        double s = b[i];
        for (size_t k = 0; k < i; k++) s -= ri[k] * b[k];
        b[i] = s / ri[i];
    }
}

// Lᵀ·x = b, reading L's lower triangle by columns.
static void dtrsv_lower_transposed(size_t n, const double *l, double *b) {
    for (size_t i = n; i-- > 0;) {
        double s = b[i];
        for (size_t k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
        b[i] = s / l[i * n + i];
    }
}

void basin_dpotrs_lower(size_t n, size_t nrhs, const double *l, double *b, double *column) {
    for (size_t r = 0; r < nrhs; r++) {
        for (size_t i = 0; i < n; i++) column[i] = b[i * nrhs + r];
        basin_dtrsv_lower(n, l, column);
        dtrsv_lower_transposed(n, l, column);
        for (size_t i = 0; i < n; i++) b[i * nrhs + r] = column[i];
    }
}

void basin_dpotri_lower(size_t n, double *a, double *work) {
    // Phase 1: M = L⁻¹ (lower) into work, column by column: L·m_j = e_j, forward substitution.
    memset(work, 0, n * n * sizeof(double));
    for (size_t j = 0; j < n; j++) {
        work[j * n + j] = 1.0 / a[j * n + j];
        for (size_t i = j + 1; i < n; i++) {
            double s = 0.0;
            for (size_t k = j; k < i; k++) s -= a[i * n + k] * work[k * n + j];
            work[i * n + j] = s / a[i * n + i];
        }
    }
    // Phase 2: A⁻¹ = Mᵀ·M; its lower triangle (i ≥ j) is Σ_{k ≥ i} M[k][i]·M[k][j].
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j <= i; j++) {
            double s = 0.0;
            for (size_t k = i; k < n; k++) s += work[k * n + i] * work[k * n + j];
            a[i * n + j] = s;
        }
}

void basin_dgemm_nn(size_t m, size_t n, size_t k, const double *a, const double *b, double *c) {
    for (size_t i = 0; i < m; i++) {
        double *ci = c + i * n;
        memset(ci, 0, n * sizeof(double));
        for (size_t p = 0; p < k; p++) {
            double aip = a[i * k + p];
            const double *bp = b + p * n;
            for (size_t j = 0; j < n; j++) ci[j] += aip * bp[j];
        }
    }
}
