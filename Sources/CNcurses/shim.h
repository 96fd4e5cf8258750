// ncursesw with wide-character support. SwiftPM drops pkg-config -D flags, so the shim
// defines what the wide API needs itself, and wraps macros and C globals that Swift 6
// cannot import (or rejects as not concurrency-safe) in static inline functions.
#ifndef BASIN_CNCURSES_SHIM_H
#define BASIN_CNCURSES_SHIM_H
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>

static inline WINDOW *basin_stdscr(void) { return stdscr; }
static inline int basin_lines(void) { return LINES; }
static inline int basin_cols(void) { return COLS; }
static inline int basin_colors(void) { return COLORS; }
static inline int basin_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t basin_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }
static inline attr_t basin_a_bold(void) { return A_BOLD; }
static inline attr_t basin_a_dim(void) { return A_DIM; }
static inline attr_t basin_a_reverse(void) { return A_REVERSE; }
static inline attr_t basin_a_underline(void) { return A_UNDERLINE; }
static inline attr_t basin_a_normal(void) { return A_NORMAL; }
static inline void basin_getmaxyx(WINDOW *w, int *y, int *x) { getmaxyx(w, *y, *x); }
static inline int basin_key_resize(void) { return KEY_RESIZE; }
static inline int basin_key_mouse(void) { return KEY_MOUSE; }
static inline int basin_ok(void) { return OK; }
static inline int basin_err(void) { return ERR; }
/// Draws one cell: a UTF-8-decoded wide character with attributes and a colour pair.
static inline int basin_put_cell(int y, int x, const wchar_t *wch, attr_t attrs, short pair) {
    cchar_t cell;
    setcchar(&cell, wch, attrs, pair, NULL);
    return mvadd_wch(y, x, &cell);
}
static inline int basin_key_code_yes(void) { return KEY_CODE_YES; }
static inline int basin_key_f(int n) { return KEY_F(n); }
static inline mmask_t basin_wheel_up(void) { return BUTTON4_PRESSED; }
#ifdef BUTTON5_PRESSED
static inline mmask_t basin_wheel_down(void) { return BUTTON5_PRESSED; }
#else
static inline mmask_t basin_wheel_down(void) { return 0; }
#endif
static inline FILE *basin_stdout(void) { return stdout; }
static inline FILE *basin_stdin(void) { return stdin; }
static inline WINDOW *basin_curscr(void) { return curscr; }
/// A terminfo string capability, or NULL when the terminal has none (tigetstr's -1 too).
static inline const char *basin_tigetstr(const char *name) {
    char *s = tigetstr(name);
    return (s == (char *)-1) ? NULL : s;
}
#endif
