/// What a cell's colour means; the theme turns roles into terminal colours.
///
/// Screens never pick colours, only roles, so every screen renders the same under any theme
/// and the buffer stays comparable as text in tests.
public enum ColorRole: String, Sendable, CaseIterable, Hashable {
    case normal, muted, accent, header, title, border, selection
    case good, warn, bad, info
}

/// How a cell is drawn: a colour role and text attributes.
public struct Style: Hashable, Sendable {
    public var role: ColorRole
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(_ role: ColorRole = .normal, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.role = role; self.bold = bold; self.reverse = reverse; self.underline = underline
    }

    public static let normal = Style()
    public static let muted = Style(.muted)
    public static let header = Style(.header, bold: true)
    public static let title = Style(.title, bold: true)
    public static let selected = Style(.selection)

    public func with(bold: Bool) -> Style { var s = self; s.bold = bold; return s }
}
