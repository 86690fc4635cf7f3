// wcwidth is X/Open: glibc declares it only when asked.
#define _GNU_SOURCE 1
#include "cncurses.h"
#include <string.h>

static volatile sig_atomic_t rl_pending_signal = 0;

static void rl_on_signal(int sig) { rl_pending_signal = sig; }

void rl_install_signal_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = rl_on_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    // A parent may hand us a blocked signal mask (a thread pool's, through fork and exec):
    // the signals the cockpit needs must reach it, or a resize or kill would go unnoticed.
    sigset_t needed;
    sigemptyset(&needed);
    sigaddset(&needed, SIGINT);
    sigaddset(&needed, SIGTERM);
    sigaddset(&needed, SIGHUP);
    sigaddset(&needed, SIGWINCH);
    sigaddset(&needed, SIGTSTP);
    sigaddset(&needed, SIGCONT);
    sigprocmask(SIG_UNBLOCK, &needed, NULL);
}

int rl_take_signal(void) {
    int sig = rl_pending_signal;
    rl_pending_signal = 0;
    return sig;
}

int rl_wcwidth(wchar_t c) { return wcwidth(c); }

int rl_put_cell(int y, int x, const wchar_t *text, int count, attr_t attrs, short pair) {
    cchar_t cell;
    wchar_t base[2] = { 0, 0 };
    if (count < 1 || count > CCHARW_MAX) return ERR;
    // setcchar keeps only the first scalar and the zero-width ones right after it (it stops at
    // the next spacing one: the woman of a ZWJ family, a flag's second letter), so it gets the
    // first scalar, for the attributes and colour, and the others go into the cell as they are.
    base[0] = text[0];
    if (setcchar(&cell, base, attrs, pair, NULL) == ERR) return ERR;
    for (int i = 1; i < count; i++) cell.chars[i] = text[i];
    return mvwadd_wch(stdscr, y, x, &cell);
}

int rl_mouse_on(void) {
    // Presses of the left button and the wheel only: no motion (REPORT_MOUSE_POSITION), no
    // releases, and no click resolution (mouseinterval 0): double clicks are timed by the adapter.
    mmask_t want = BUTTON1_PRESSED | BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
    want |= BUTTON5_PRESSED;
#endif
    mmask_t got = mousemask(want, NULL);
    mouseinterval(0);
    return got != 0;
}

void rl_mouse_off(void) { mousemask(0, NULL); }

int rl_mouse_event(int *x, int *y) {
    MEVENT e;
    if (getmouse(&e) != OK) return 0;
    *x = e.x;
    *y = e.y;
    if (e.bstate & BUTTON1_PRESSED) return 1;
    if (e.bstate & BUTTON4_PRESSED) return 2;
#ifdef BUTTON5_PRESSED
    if (e.bstate & BUTTON5_PRESSED) return 3;
#endif
    return 0;
}
