// OpenBLAS's CBLAS and LAPACKE (Debian: libopenblas-dev, liblapacke-dev).
#ifndef BASIN_COPENBLAS_SHIM_H
#define BASIN_COPENBLAS_SHIM_H
#include <cblas.h>
#include <lapacke.h>

// OpenBLAS extensions declared in its own cblas.h; repeated here as a stable surface.
static inline int basin_openblas_threads(void) { return openblas_get_num_threads(); }
static inline void basin_openblas_set_threads(int n) { openblas_set_num_threads(n); }
static inline const char *basin_openblas_core(void) { return openblas_get_corename(); }
static inline const char *basin_openblas_config(void) { return openblas_get_config(); }
#endif
