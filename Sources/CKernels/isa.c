// Which kernel path Basin runs: AVX-512F, AVX2+FMA or baseline x86-64. Chosen once, from what
// the CPU supports, lowered or raised by BASIN_ISA=avx512|avx2|baseline — never above the CPU.
// Refusing a bad BASIN_ISA with a message is the executable's job (Kernels' `KernelPath`); here a
// value that cannot be honoured falls back to the CPU's own path.
#include "ckernels.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static const char *names[3] = {"baseline", "avx2", "avx512"};
static int cpu_level, chosen_level, request_state;  // request_state: basin_isa_request's result
static pthread_once_t once = PTHREAD_ONCE_INIT;

int basin_isa_level_named(const char *name) {
    if (!name) return -1;
    for (int i = 0; i < 3; i++) if (!strcmp(name, names[i])) return i;
    return -1;
}

static void choose(void) {
    int level = 0;
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) level = 1;
    if (level == 1 && __builtin_cpu_supports("avx512f")) level = 2;
#endif
    cpu_level = chosen_level = level;
    const char *want = getenv("BASIN_ISA");
    if (!want || !*want) { request_state = 0; return; }
    int asked = basin_isa_level_named(want);
    if (asked < 0) { request_state = -1; return; }
    if (asked > level) { request_state = -2; return; }
    chosen_level = asked;
    request_state = 1;
}

int basin_isa_level(void) { pthread_once(&once, choose); return chosen_level; }
int basin_isa_cpu_level(void) { pthread_once(&once, choose); return cpu_level; }
int basin_isa_request(void) { pthread_once(&once, choose); return request_state; }
const char *basin_isa_name(int level) { return level >= 0 && level <= 2 ? names[level] : "unknown"; }
