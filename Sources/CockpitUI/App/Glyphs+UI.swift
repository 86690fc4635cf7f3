import MetricsCore

/// The glyphs the cockpit draws: Unicode, or ASCII when the locale is not UTF-8.
public struct UIGlyphs: Sendable {
    public let text: Glyphs
    public let horizontal: String, vertical: String
    public let spark: [String]
    public let pointer: String, separator: String, breadcrumb: String

    public static let unicode = UIGlyphs(text: .unicode, horizontal: "─", vertical: "│",
                                         spark: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], pointer: "▶", separator: "·", breadcrumb: "›")
    public static let ascii = UIGlyphs(text: .ascii, horizontal: "-", vertical: "|",
                                       spark: ["_", ".", "-", "=", "+", "*", "#", "@"], pointer: ">", separator: "|", breadcrumb: ">")

    public func statusRole(_ s: KPIStatus) -> ColorRole {
        switch s {
        case .green: return .good
        case .yellow: return .warn
        case .red: return .bad
        default: return .muted
        }
    }
}
