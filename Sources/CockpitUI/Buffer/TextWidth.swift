/// Display width of text in terminal cells: wide East Asian characters and emoji take two,
/// combining marks take none (they join the character before them).
public enum TextWidth {
    public static func of(_ c: Character) -> Int {
        guard let first = c.unicodeScalars.first else { return 0 }
        return of(first)
    }

    public static func of(_ s: String) -> Int { s.reduce(0) { $0 + of($1) } }

    static func of(_ u: Unicode.Scalar) -> Int {
        let v = u.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }
        switch u.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if u.properties.isEmojiPresentation { return 2 }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// The longest prefix of `s` that fits in `width` cells, with `ellipsis` when cut.
    public static func truncate(_ s: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if of(s) <= width { return s }
        let room = width - of(ellipsis)
        var out = "", used = 0
        for c in s {
            let w = of(c)
            if used + w > room { break }
            out.append(c); used += w
        }
        return room > 0 ? out + ellipsis : String(ellipsis.prefix(width))
    }

    /// Pads with spaces to exactly `width` cells (truncating when longer).
    public static func pad(_ s: String, to width: Int, right: Bool = false, ellipsis: String = "…") -> String {
        let t = truncate(s, to: width, ellipsis: ellipsis)
        let fill = String(repeating: " ", count: max(0, width - of(t)))
        return right ? fill + t : t + fill
    }
}
