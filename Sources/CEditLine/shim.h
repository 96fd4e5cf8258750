// libedit's readline-compatible API (Debian: libedit-dev).
// Swift 6 rejects mutable C globals as not concurrency-safe; these inline wrappers get and set
// the ones Basin's line mode uses. Only the LineMode target imports this module.
#ifndef BASIN_CEDITLINE_SHIM_H
#define BASIN_CEDITLINE_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <editline/readline.h>

static inline void basin_rl_set_completion(rl_completion_func_t *f) { rl_attempted_completion_function = f; }
static inline void basin_rl_set_name(const char *name) { rl_readline_name = (char *)name; }
static inline void basin_rl_set_completion_append(int c) { rl_completion_append_character = c; }
static inline const char *basin_rl_line_buffer(void) { return rl_line_buffer; }
/// The cursor position in `rl_line_buffer` (a byte offset).
static inline int basin_rl_point(void) { return rl_point; }
/// Never fall back to file-name completion when Basin has no candidates.
static inline void basin_rl_set_completion_over(int over) { rl_attempted_completion_over = over; }
/// Characters that end the word being completed (must outlive the editor: pass a literal).
static inline void basin_rl_set_word_breaks(const char *chars) {
    rl_basic_word_break_characters = chars;
    rl_completer_word_break_characters = (char *)chars;
}
/// Whether libedit installs its own signal handlers while it reads a line.
static inline void basin_rl_set_catch_signals(int on) { rl_catch_signals = on; }
/// Entries kept in memory (and so in the file) after `stifle_history`.
static inline int basin_history_length(void) { return history_length; }
#endif
