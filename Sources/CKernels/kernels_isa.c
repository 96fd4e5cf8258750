// The kernel bodies of kernels_body.h compiled once per kernel path, each into a
// basin_kernel_table that kernels.c dispatches through. Every function carries its own target
// attribute, so this file builds with the package's baseline flags; a path's functions only
// ever run after isa.c found the CPU able to run them.
#include "ckernels.h"
#include "kernels_math.h"
#include <math.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define KTARGET __attribute__((target("avx512f,avx2,fma")))
#define KFN(name) name##_avx512
#define KTABLE basin_kernels_avx512
#include "kernels_body.h"
#undef KTARGET
#undef KFN
#undef KTABLE

#define KTARGET __attribute__((target("avx2,fma")))
#define KFN(name) name##_avx2
#define KTABLE basin_kernels_avx2
#include "kernels_body.h"
#undef KTARGET
#undef KFN
#undef KTABLE
#endif

#define KTARGET
#define KFN(name) name##_baseline
#define KTABLE basin_kernels_baseline
#include "kernels_body.h"
#undef KTARGET
#undef KFN
#undef KTABLE
