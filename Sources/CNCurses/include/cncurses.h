#ifndef REDLINE_CNCURSES_H
#define REDLINE_CNCURSES_H

// The wide-character API (get_wch, cchar_t) needs this before the first include; SwiftPM drops
// the -D flags of ncursesw's pkg-config, so it lives here.
#define _XOPEN_SOURCE_EXTENDED 1
#include <ncursesw/ncurses.h>
#include <ncursesw/term.h>
#include <locale.h>
#include <signal.h>
#include <wchar.h>
#include <errno.h>
#include <stdio.h>

// Swift 6 rejects C globals and does not import these macros: accessors instead.
static inline WINDOW *rl_stdscr(void) { return stdscr; }
static inline int rl_lines(void) { return LINES; }
static inline int rl_cols(void) { return COLS; }
static inline int rl_colors(void) { return COLORS; }
static inline int rl_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t rl_a_bold(void) { return A_BOLD; }
static inline attr_t rl_a_underline(void) { return A_UNDERLINE; }
static inline attr_t rl_a_reverse(void) { return A_REVERSE; }
static inline attr_t rl_a_dim(void) { return A_DIM; }
static inline int rl_key_resize(void) { return KEY_RESIZE; }
static inline int rl_errno(void) { return errno; }
static inline FILE *rl_stdout(void) { return stdout; }
static inline FILE *rl_stdin(void) { return stdin; }

/// A string capability of the terminal (terminfo, extended names included), or NULL when the
/// terminal does not have it.
static inline const char *rl_string_capability(const char *name) {
    char *value = tigetstr((char *)name);
    return (value == NULL || value == (char *)-1) ? NULL : value;
}
/// Sends a capability's string to the terminal (through ncurses' output).
static inline int rl_put_capability(const char *value) { return putp(value); }

/// How many wide characters ncurses keeps in one screen position (CCHARW_MAX: 5 in ncurses 6).
static inline int rl_ccharw_max(void) { return CCHARW_MAX; }
/// The width ncurses gives a wide character (-1 when the locale cannot print it).
int rl_wcwidth(wchar_t c);
/// Draws `count` wide characters (1 ... CCHARW_MAX; the first one spacing) in one screen
/// position at (y, x) with attributes and a colour pair: a whole grapheme cluster, ZWJ
/// sequences and flags included, which setcchar alone would cut at their second spacing scalar.
int rl_put_cell(int y, int x, const wchar_t *text, int count, attr_t attrs, short pair);

/// KEY_MOUSE: wget_wch's code for a mouse event, read with rl_mouse_event.
static inline int rl_key_mouse(void) { return KEY_MOUSE; }
/// Mouse reporting on (xterm protocol; SGR 1006 where terminfo's XM says so): left-button
/// presses and the wheel. 1 when the terminal can report them, else 0 (and the mouse stays off).
int rl_mouse_on(void);
/// Mouse reporting off (also done by endwin).
void rl_mouse_off(void);
/// The mouse event behind a KEY_MOUSE, at (*x, *y): 1 left press, 2 wheel up, 3 wheel down, 0 other.
int rl_mouse_event(int *x, int *y);

/// Catches SIGINT, SIGTERM and SIGHUP into a flag (no SA_RESTART, so a blocked read returns).
void rl_install_signal_handlers(void);
/// The signal caught since the last call, or 0.
int rl_take_signal(void);

#endif
