/// How a cell's style is drawn under a theme on a terminal of `colors` colours: attributes and
/// palette numbers (-1: the terminal's default). Pure, so what a theme sends is testable
/// without a terminal; the ncurses adapter only turns it into attributes and colour pairs.
public struct DrawnStyle: Hashable, Sendable {
    public var bold = false, underline = false, reverse = false
    public var fg: Int = -1, bg: Int = -1
}

public struct Palette: Sendable, Equatable {
    public let theme: Theme
    /// 0 when drawing without colour (attributes only).
    public let colors: Int

    public init(theme: Theme, colors: Int) { self.theme = theme; self.colors = colors }

    public func resolve(_ style: Style) -> DrawnStyle {
        let role = theme.style(style.role)
        var out = DrawnStyle(bold: style.bold || role.bold, underline: style.underline || role.underline,
                             reverse: style.reverse != role.reverse)
        guard colors >= 8 else {
            // No colour: statuses still differ by glyph and word; the selection by reverse video.
            if style.role == .selection && !role.reverse && !style.reverse { out.reverse = true }
            return out
        }
        out.fg = number(colors >= 256 ? role.fg : (role.fg8 ?? role.fg.reduced(to: colors)))
        out.bg = number(colors >= 256 ? role.bg : (role.bg8 ?? role.bg.reduced(to: colors)))
        return out
    }

    private func number(_ c: TermColor) -> Int {
        switch c {
        case .terminalDefault: return -1
        case .index(let n): return n < colors ? n : TermColor.index(n).reduced(to: min(colors, 16)).indexValue
        }
    }
}

extension TermColor {
    /// The palette number (-1 for the terminal's default).
    public var indexValue: Int {
        if case .index(let n) = self { return n }
        return -1
    }
}
