import Foundation

/// A terminal colour: the terminal's default, or an index in the 256-colour palette.
public enum TermColor: Hashable, Sendable {
    case terminalDefault
    case index(Int)

    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses `"default"`, a colour name, `bright_` + name, or a number 0–255.
    init?(json: Any) {
        if let n = json as? Int, (0...255).contains(n) { self = .index(n); return }
        guard let s = json as? String else { return nil }
        if s == "default" { self = .terminalDefault; return }
        if let i = Self.names.firstIndex(of: s) { self = .index(i); return }
        if s.hasPrefix("bright_"), let i = Self.names.firstIndex(of: String(s.dropFirst(7))) { self = .index(i + 8); return }
        return nil
    }

    /// The nearest of the first `colors` palette entries (8 or 16), for smaller terminals.
    public func reduced(to colors: Int) -> TermColor {
        guard case .index(let n) = self, n >= colors else { return self }
        if n < 16 { return .index(n - 8) }
        let rgb: (Int, Int, Int)
        if n >= 232 { let g = (n - 232) * 10 + 8; rgb = (g, g, g) } else {
            let c = n - 16, steps = [0, 95, 135, 175, 215, 255]
            rgb = (steps[c / 36], steps[(c / 6) % 6], steps[c % 6])
        }
        // Basic colours as on-off channels; bright when the colour is light.
        let bits = (rgb.0 > 127 ? 1 : 0) | (rgb.1 > 127 ? 2 : 0) | (rgb.2 > 127 ? 4 : 0)
        let bright = (rgb.0 + rgb.1 + rgb.2) / 3 > 170 && bits != 0
        return .index(colors >= 16 && bright ? bits + 8 : bits)
    }
}

/// How one colour role is drawn.
public struct RoleStyle: Hashable, Sendable {
    public var fg: TermColor = .terminalDefault
    public var bg: TermColor = .terminalDefault
    public var fg8: TermColor?
    public var bg8: TermColor?
    public var bold = false
    public var underline = false
    public var reverse = false
}

/// A named colour theme: a `RoleStyle` per `ColorRole`.
public struct Theme: Sendable, Equatable {
    public let name: String
    public let roles: [ColorRole: RoleStyle]

    public func style(_ role: ColorRole) -> RoleStyle { roles[role] ?? roles[.normal] ?? RoleStyle() }

    /// A problem reading a theme file, said in one line.
    public struct LoadError: Error, Equatable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Parses a theme file; `source` names it in errors.
    public static func parse(_ bytes: [UInt8], source: String) throws(LoadError) -> Theme {
        guard let root = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw LoadError(message: "\(source): not a JSON object")
        }
        guard let name = root["name"] as? String, !name.isEmpty else { throw LoadError(message: "\(source): missing \"name\"") }
        guard let roles = root["roles"] as? [String: Any] else { throw LoadError(message: "\(source): missing \"roles\" object") }
        var out: [ColorRole: RoleStyle] = [:]
        for (key, value) in roles {
            guard let role = ColorRole(rawValue: key) else {
                throw LoadError(message: "\(source): unknown role \"\(key)\" (roles: \(ColorRole.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard let spec = value as? [String: Any] else { throw LoadError(message: "\(source): roles.\(key) must be an object") }
            var style = RoleStyle()
            for (field, v) in spec {
                func color() throws(LoadError) -> TermColor {
                    guard let c = TermColor(json: v) else {
                        throw LoadError(message: "\(source): roles.\(key).\(field): \(v) is not a colour (\"default\", a name like \"red\" or \"bright_blue\", or 0-255)")
                    }
                    return c
                }
                switch field {
                case "fg": style.fg = try color()
                case "bg": style.bg = try color()
                case "fg8": style.fg8 = try color()
                case "bg8": style.bg8 = try color()
                case "bold": style.bold = v as? Bool ?? false
                case "underline": style.underline = v as? Bool ?? false
                case "reverse": style.reverse = v as? Bool ?? false
                default: throw LoadError(message: "\(source): roles.\(key): unknown field \"\(field)\" (fg, bg, fg8, bg8, bold, underline, reverse)")
                }
            }
            out[role] = style
        }
        return Theme(name: name, roles: out)
    }

    /// The built-in fallback when no theme file can be read: terminal defaults, attributes only.
    public static let plain = Theme(name: "plain", roles: [
        .header: RoleStyle(reverse: true), .selection: RoleStyle(reverse: true), .title: RoleStyle(bold: true),
        .bad: RoleStyle(bold: true), .warn: RoleStyle(bold: true),
    ])
}
