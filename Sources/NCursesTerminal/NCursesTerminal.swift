import CNCurses
import CockpitUI
import Foundation

/// A failure to start or drive the terminal, in one line, with the ncurses call that failed
/// and the system's errno at that moment (0 when the call set none).
public struct TerminalError: Error, CustomStringConvertible {
    public let call: String
    public let errno: Int32
    public let message: String
    public init(call: String, errno: Int32, message: String) { self.call = call; self.errno = errno; self.message = message }
    public var description: String {
        // No call: Redline refused a terminal that opened (one without cursor addressing).
        if call.isEmpty { return message }
        return errno == 0 ? "\(message) (\(call) failed)" : "\(message) (\(call) failed: \(String(cString: strerror(errno))))"
    }
}

/// The ncurses backend of `Terminal`: the only code in Redline that talks to a terminal.
///
/// It writes only the cells that changed since the last frame, then one `doupdate`, which is
/// what keeps it fast over SSH. Not thread-safe: ncurses is not; use it from one thread.
public final class NCursesTerminal: Terminal {
    private let screen: OpaquePointer
    private var previous: Buffer?
    private var palette: Palette
    private var pairs: [PairKey: Int16] = [:]
    private var isOpen = true
    public private(set) var size: Size

    private struct PairKey: Hashable { let fg: Int32, bg: Int32 }

    /// True when the terminal reports clicks and the wheel (asked for, and the terminal can).
    public private(set) var mouseEnabled = false
    private var clicks = ClickTimer()

    /// Opens the terminal named by `TERM` on standard input/output. `useColor: false` draws
    /// with attributes only (NO_COLOR, --no-color). Each `draw` says its theme.
    /// `mouse: false` (`--no-mouse`, `mouse = false` in the config) never turns mouse reporting
    /// on, so the terminal's own selection works as usual.
    public init(useColor: Bool, mouse: Bool = true) throws(TerminalError) {
        setlocale(LC_ALL, "")
        // Before newterm: ncurses then leaves our SIGINT/SIGTERM handlers alone.
        rl_install_signal_handlers()
        Foundation.errno = 0
        guard let s = newterm(nil, rl_stdout(), rl_stdin()) else {
            let code = Foundation.errno
            let term = ProcessInfo.processInfo.environment["TERM"] ?? "(unset)"
            throw TerminalError(call: "newterm", errno: code, message: "cannot open the terminal: unknown or unusable TERM \"\(term)\"; try TERM=xterm-256color")
        }
        set_term(s)
        // A terminal without cursor addressing (TERM=dumb, a printing terminal) cannot hold a
        // screen: ncurses would draw the bottom line and leave the rest blank, then exit 0.
        guard Self.capability("cup") != nil else {
            endwin()
            delscreen(s)
            let term = ProcessInfo.processInfo.environment["TERM"] ?? "(unset)"
            throw TerminalError(call: "", errno: 0, message: "cannot open the terminal: TERM \"\(term)\" has no cursor addressing; use redline report for the text report, or try TERM=xterm-256color")
        }
        screen = s
        cbreak()
        noecho()
        nonl()
        keypad(rl_stdscr(), true)
        Self.defineOtherKeySequences()
        set_escdelay(25)
        curs_set(0)
        var colors = 0
        if useColor && has_colors() {
            start_color()
            use_default_colors()
            colors = Int(rl_colors())
        }
        palette = Palette(theme: .plain, colors: colors)
        if mouse { mouseEnabled = rl_mouse_on() != 0 }
        size = Size(width: Int(rl_cols()), height: Int(rl_lines()))
        // Bracketed paste, when the terminal's terminfo says it has it (BE/BD to switch it, PS/PE
        // around a paste): a paste arrives marked, so its text is typed, never run as keys.
        if let on = Self.capability("BE"), let off = Self.capability("BD"), let start = Self.capability("PS"), let end = Self.capability("PE"),
           start.utf8.first == 27, end.utf8.first == 27 {
            paste = KeyDecoder.PasteMarks(start: Array(start.utf8.dropFirst()), end: Array(end.utf8))
            pasteOff = off
            rl_put_capability(on)
            fflush(rl_stdout())
        } else {
            paste = nil
            pasteOff = nil
        }
    }

    /// The terminal's bracketed-paste marks, and the capability that turns bracketed paste off.
    private let paste: KeyDecoder.PasteMarks?
    private let pasteOff: String?

    private static func capability(_ name: String) -> String? {
        rl_string_capability(name).map { String(cString: $0) }
    }

    deinit { close() }

    /// Restores the terminal; safe to call more than once.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        curs_set(1)
        if mouseEnabled { rl_mouse_off() }
        if let pasteOff {
            rl_put_capability(pasteOff)
            fflush(rl_stdout())
        }
        endwin()
        delscreen(screen)
    }

    /// Wide characters ncurses keeps per screen position.
    private static let maxScalars = Int(rl_ccharw_max())

    /// Writes the changed cells. A cell's grapheme cluster goes to ncurses whole, in pieces or
    /// in a safe form of the same width (`CellDrawing`), so ncurses' cursor never drifts from the
    /// terminal's. A row holding a cluster split over several positions is redrawn whole:
    /// ncurses skips positions it thinks unchanged and would send half a cluster.
    public func draw(_ buffer: Buffer, theme: Theme) {
        if theme != palette.theme {
            // Same roles, new colours: every cell again, colour pairs defined afresh, and the
            // screen cleared so ncurses cannot skip a cell whose pair number stayed the same.
            palette = Palette(theme: theme, colors: palette.colors)
            pairs = [:]
            previous = nil
            wclear(rl_stdscr())
        }
        let changes = buffer.changes(since: previous)
        var redraw = Set<Int>()
        for change in changes {
            let drawing = CellDrawing(change.cell, room: buffer.size.width - change.x, maxScalars: Self.maxScalars) {
                Int(rl_wcwidth(wchar_t(bitPattern: $0.value)))
            }
            let (attrs, pair) = attributes(change.cell.style)
            for piece in drawing.pieces {
                let text = piece.scalars.map { wchar_t(bitPattern: $0.value) }
                _ = text.withUnsafeBufferPointer {
                    rl_put_cell(Int32(change.y), Int32(change.x + piece.offset), $0.baseAddress, Int32($0.count), attrs, pair)
                }
            }
            if drawing.joined { redraw.insert(change.y) }
        }
        for y in redraw { wredrawln(rl_stdscr(), Int32(y), 1) }
        previous = buffer
        wnoutrefresh(rl_stdscr())
        doupdate()
    }

    /// The next key, click or resize. Keys are read as bytes (`wgetch`) and decoded as UTF-8 by
    /// `KeyDecoder`, whatever the locale: `wget_wch` under LANG=C took "é" for the start of a
    /// longer character and swallowed the keys typed after it. ncurses still decodes the
    /// function keys (keypad mode), the mouse and resizes.
    public func nextMessage(timeoutMilliseconds: Int) -> TerminalInput? {
        if let signal = Self.caughtSignal() { return signal }
        wtimeout(rl_stdscr(), Int32(timeoutMilliseconds))
        errno = 0
        let code = wgetch(rl_stdscr())
        if let signal = Self.caughtSignal() { return signal }
        if code == ERR {
            // A closed pty (dropped SSH link) returns ERR with EIO at once, forever: leave.
            if errno == EIO || errno == ENXIO || errno == EBADF { return .hangUp }
            // A terminal whose other end is gone may instead read end-of-file (errno 0) at once,
            // forever, without a SIGHUP reaching us: poll says so (seen as a cockpit left spinning).
            var input = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            if poll(&input, 1, 0) > 0, input.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return .hangUp }
            return nil
        }
        guard let byte = UInt8(exactly: code) else {
            if code == rl_key_resize() {
                size = Size(width: Int(rl_cols()), height: Int(rl_lines()))
                previous = nil
                wclear(rl_stdscr())
                return .message(.resize(size))
            }
            if code == rl_key_mouse() { return mouseEvent().map { .message(.mouse($0)) } }
            return Self.functionKey(code).map { .message(.key($0)) }
        }
        var source = Bytes()
        return KeyDecoder.key(startingWith: byte, from: &source, paste: paste).map { .message(.key($0)) }
    }

    /// The terminal's input as bytes for `KeyDecoder`; a function key, click or resize met on
    /// the way is put back for the next `nextMessage`.
    private struct Bytes: KeyByteSource {
        mutating func nextByte(timeoutMilliseconds: Int, skippingOthers: Bool) -> UInt8? {
            wtimeout(rl_stdscr(), Int32(timeoutMilliseconds))
            while true {
                let code = wgetch(rl_stdscr())
                if code == ERR { return nil }
                if let byte = UInt8(exactly: code) { return byte }
                if !skippingOthers { ungetch(code); return nil }
            }
        }

        mutating func unread(_ bytes: [UInt8]) {
            // ungetch puts a byte in front of the others: the last one first.
            for b in bytes.reversed() { ungetch(Int32(b)) }
        }
    }

    /// A signal caught since the last look: SIGINT is the user's Ctrl-C (cbreak mode makes it a
    /// signal, not a key), handed to `update` as that key, which quits, or in a form asks first
    /// or closes it; SIGTERM and SIGHUP end the cockpit.
    static func caughtSignal() -> TerminalInput? {
        switch rl_take_signal() {
        case 0: return nil
        case SIGINT: return .message(.key(.ctrl("c")))
        default: return .hangUp
        }
    }

    /// The mouse event ncurses read: a press (a double click when the last press was on the
    /// same cell within 400 ms) or a wheel notch; nil for anything else.
    private func mouseEvent() -> MouseEvent? {
        var x: Int32 = 0, y: Int32 = 0
        switch rl_mouse_event(&x, &y) {
        case 1:
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            let ms = Int(now.tv_sec) * 1000 + Int(now.tv_nsec) / 1_000_000
            return MouseEvent(clicks.press(x: Int(x), y: Int(y), atMilliseconds: ms), x: Int(x), y: Int(y))
        case 2: return MouseEvent(.wheelUp, x: Int(x), y: Int(y))
        case 3: return MouseEvent(.wheelDown, x: Int(x), y: Int(y))
        default: return nil
        }
    }

    /// Home, End and the page keys as terminals send them besides what TERM's terminfo says:
    /// tmux and screen send `ESC [1~` for Home to a program whose TERM is xterm's (whose
    /// terminfo has `ESC O H`), xterm sends `ESC [H` outside keypad mode, rxvt `ESC [7~`. Without
    /// these, a Home read as Esc then `[1~` typed text into a form and `[` moved the week.
    /// What follows ESC in each (the ESC byte itself is added when they are registered).
    static let otherKeySequences: [(afterEscape: String, key: Int32)] = [
        ("[1~", KEY_HOME), ("[7~", KEY_HOME), ("[H", KEY_HOME), ("OH", KEY_HOME),
        ("[4~", KEY_END), ("[8~", KEY_END), ("[F", KEY_END), ("OF", KEY_END),
        ("[5~", KEY_PPAGE), ("[6~", KEY_NPAGE), ("[Z", KEY_BTAB),
    ]

    private static func defineOtherKeySequences() {
        let escape = String(Character(Unicode.Scalar(27)))
        // A sequence the terminfo has already keeps its key (define_key only adds what is new).
        for (rest, key) in otherKeySequences where key_defined(escape + rest) <= 0 { define_key(escape + rest, key) }
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_NPAGE: return .pageDown
        case KEY_PPAGE: return .pageUp
        case KEY_BACKSPACE: return .backspace
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        default: return nil
        }
    }

    /// Attributes and colour pair for a cell style; pairs are allocated on first use.
    private func attributes(_ style: Style) -> (attr_t, Int16) {
        let drawn = palette.resolve(style)
        var attrs: attr_t = 0
        if drawn.bold { attrs |= rl_a_bold() }
        if drawn.underline { attrs |= rl_a_underline() }
        if drawn.reverse { attrs |= rl_a_reverse() }
        if drawn.fg == -1 && drawn.bg == -1 { return (attrs, 0) }
        let key = PairKey(fg: Int32(drawn.fg), bg: Int32(drawn.bg))
        if let pair = pairs[key] { return (attrs, pair) }
        let pair = Int16(pairs.count + 1)
        guard Int32(pair) < rl_color_pairs() else { return (attrs, 0) }
        init_pair(pair, Int16(drawn.fg), Int16(drawn.bg))
        pairs[key] = pair
        return (attrs, pair)
    }
}
