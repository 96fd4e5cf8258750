// Deterministic small dense linear algebra in double precision (linalg.c): the same bits on
// every x86-64 CPU. Row-major n×n matrices; "lower" means the lower triangle is read/written and
// the upper one left as it was.
#ifndef BASIN_LINALG_H
#define BASIN_LINALG_H
#include <stddef.h>

/// A = L·Lᵀ in place (lower). Returns 0, or j+1 when the leading minor of order j+1 is not
/// positive definite (LAPACK's dpotrf convention).
int basin_dpotrf_lower(size_t n, double *a);
/// Solves L·x = b in place.
void basin_dtrsv_lower(size_t n, const double *l, double *b);
/// Solves (L·Lᵀ)·X = B in place for nrhs right-hand sides (B row-major n×nrhs); `column` holds n.
void basin_dpotrs_lower(size_t n, size_t nrhs, const double *l, double *b, double *column);
/// Overwrites the lower triangle of the factor L with that of (L·Lᵀ)⁻¹; `work` holds n×n.
void basin_dpotri_lower(size_t n, double *a, double *work);
/// C[m×n] = A[m×k]·B[k×n].
void basin_dgemm_nn(size_t m, size_t n, size_t k, const double *a, const double *b, double *c);
#endif
