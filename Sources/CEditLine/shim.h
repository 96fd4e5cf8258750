// libedit's readline-compatible API (Debian: libedit-dev).
#ifndef BASIN_CEDITLINE_SHIM_H
#define BASIN_CEDITLINE_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <editline/readline.h>

/// Swift 6 rejects mutable C globals; these wrap the ones Basin sets.
static inline void basin_rl_set_completion(rl_completion_func_t *f) { rl_attempted_completion_function = f; }
static inline void basin_rl_set_name(const char *name) { rl_readline_name = (char *)name; }
static inline void basin_rl_set_completion_append(int c) { rl_completion_append_character = c; }
static inline const char *basin_rl_line_buffer(void) { return rl_line_buffer; }
#endif
