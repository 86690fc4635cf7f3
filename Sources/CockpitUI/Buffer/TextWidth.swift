/// Display width of text in terminal cells, cluster by cluster.
///
/// A cluster is one extended grapheme cluster (UAX #29), which is what Swift's `Character` is;
/// a cell of the `Buffer` holds one. Its width is the one a terminal draws it with, by
/// wcwidth-like rules:
/// - East Asian Wide and Fullwidth characters and emoji with emoji presentation take two;
/// - combining marks (Mn, Me: accents, Thai vowels above and below, variation selectors),
///   format characters (Cf: ZWJ, tags) and Hangul medial and final jamo take none: they join
///   the character before them;
/// - an emoji sequence takes two, however many scalars it has: a ZWJ sequence (👨‍👩‍👧‍👦), a
///   flag (two regional indicators), a modifier sequence (👍🏽), a base with VS16 (❤️);
/// - any other cluster takes the sum of its scalars (Thai "น้ำ", base + mark + spacing vowel: 2).
///
/// Control characters take none here; the sanitizer and `Buffer.put` drop them anyway.
public enum TextWidth {
    public static func of(_ c: Character) -> Int {
        if let a = c.asciiValue { return a < 0x20 || a == 0x7F ? 0 : 1 }
        let scalars = c.unicodeScalars
        var rest = scalars.makeIterator()
        guard let first = rest.next() else { return 0 }
        guard rest.next() != nil else { return of(first) }
        if isEmojiSequence(scalars) { return 2 }
        return min(maxCluster, scalars.reduce(0) { $0 + of($1) })
    }

    /// The widest a cluster is taken to be. A cluster may pile up any number of spacing marks
    /// (hostile text: one base and a thousand vowel signs); past this width it still takes one
    /// cell run of this width, and the terminal adapter draws it in its safe form.
    public static let maxCluster = 8

    /// The width of a string: the sum of its clusters' widths.
    /// Printable ASCII (most names, ids and numbers) is one cell a byte, counted without
    /// splitting the string into clusters: the deal lists measure every row for their columns.
    public static func of(_ s: String) -> Int {
        var s = s
        let ascii = s.withUTF8 { utf8 in utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } ? utf8.count : nil }
        return ascii ?? s.reduce(0) { $0 + of($1) }
    }

    /// An emoji cluster a terminal draws as one two-cell picture.
    static func isEmojiSequence(_ scalars: Character.UnicodeScalarView) -> Bool {
        guard let first = scalars.first else { return false }
        let p = first.properties
        // Flags (regional indicators), tag sequences and most modifier and ZWJ sequences.
        if p.isEmojiPresentation { return true }
        guard p.isEmoji else { return false }
        var afterZWJ = false
        for u in scalars.dropFirst() {
            if u.value == 0xFE0F || u.properties.isEmojiModifier { return true }  // ❤️ 1️⃣ ☝🏽
            if afterZWJ && u.value > 0xFF && u.properties.isEmoji { return true }  // 👁‍🗨
            afterZWJ = u.value == 0x200D
        }
        return false
    }

    static func of(_ u: Unicode.Scalar) -> Int {
        let v = u.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }
        switch u.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return 0 }  // Hangul jamo that join
        if v < 0x1100 { return 1 }
        if u.properties.isEmojiPresentation { return 2 }
        return isWide(v) ? 2 : 1
    }

    /// East Asian Wide (W) and Fullwidth (F) code points, from Unicode 14's EastAsianWidth.txt
    /// (plus the wide code points of 15.0 and 15.1; the CJK blocks and planes 2 and 3 whole).
    /// Newer emoji are caught by `isEmojiPresentation`, which follows the standard library.
    static func isWide(_ v: UInt32) -> Bool {
        var lo = 0, hi = wide.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if v < wide[mid].lowerBound { hi = mid - 1 } else if v > wide[mid].upperBound { lo = mid + 1 } else { return true }
        }
        return false
    }

    private static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
        0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693, 0x26A1...0x26A1,
        0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA,
        0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B,
        0x2728...0x2728, 0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55, 0x2E80...0x2E99,
        0x2E9B...0x2EF3, 0x2F00...0x2FD5, 0x2FF0...0x2FFF, 0x3000...0x3029, 0x302E...0x303E, 0x3041...0x3096,
        0x309B...0x30FF, 0x3105...0x312F, 0x3131...0x318E, 0x3190...0x31E3, 0x31EF...0x321E, 0x3220...0x3247,
        0x3250...0x4DBF, 0x4E00...0xA48C, 0xA490...0xA4C6, 0xA960...0xA97C, 0xAC00...0xD7A3, 0xF900...0xFAFF,
        0xFE10...0xFE19, 0xFE30...0xFE52, 0xFE54...0xFE66, 0xFE68...0xFE6B, 0xFF01...0xFF60, 0xFFE0...0xFFE6,
        0x16FE0...0x16FE3, 0x16FF0...0x16FF1, 0x17000...0x187F7, 0x18800...0x18CD5, 0x18D00...0x18D08,
        0x1AFF0...0x1AFF3, 0x1AFF5...0x1AFFB, 0x1AFFD...0x1AFFE, 0x1B000...0x1B122, 0x1B132...0x1B132, 0x1B150...0x1B152, 0x1B155...0x1B155,
        0x1B164...0x1B167, 0x1B170...0x1B2FB, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E,
        0x1F191...0x1F19A, 0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248, 0x1F250...0x1F251,
        0x1F260...0x1F265, 0x1F300...0x1F320, 0x1F32D...0x1F335, 0x1F337...0x1F37C, 0x1F37E...0x1F393,
        0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E,
        0x1F440...0x1F440, 0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567,
        0x1F57A...0x1F57A, 0x1F595...0x1F596, 0x1F5A4...0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5,
        0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7, 0x1F6DD...0x1F6DF, 0x1F6EB...0x1F6EC,
        0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7EB, 0x1F7F0...0x1F7F0, 0x1F90C...0x1F93A, 0x1F93C...0x1F945,
        0x1F947...0x1F9FF, 0x1FA70...0x1FA74, 0x1FA78...0x1FA7C, 0x1FA80...0x1FA86, 0x1FA90...0x1FAAC,
        0x1FAB0...0x1FABA, 0x1FAC0...0x1FAC5, 0x1FAD0...0x1FAD9, 0x1FAE0...0x1FAE7, 0x1FAF0...0x1FAF6,
        0x20000...0x2FFFD, 0x30000...0x3FFFD
    ]

    /// The longest prefix of `s` that fits in `width` cells, with `ellipsis` when cut. A cluster
    /// is kept or cut whole: a wide one that does not fit leaves its cells to the ellipsis. A cut
    /// after a word ends there: `Northwind…`, not `Northwind …`.
    public static func truncate(_ s: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if of(s) <= width { return s }
        let room = width - of(ellipsis)
        guard room > 0 else { return prefix(ellipsis, width) }
        var kept = prefix(s, room)
        while kept.last == " " { kept.removeLast() }
        return kept + ellipsis
    }

    /// The clusters of `s` that fit in `width` cells, from the start.
    static func prefix(_ s: String, _ width: Int) -> String {
        var out = "", used = 0
        for c in s {
            let w = of(c)
            if used + w > width { break }
            out.append(c); used += w
        }
        return out
    }

    /// Pads with spaces to exactly `width` cells (truncating when longer).
    public static func pad(_ s: String, to width: Int, right: Bool = false, ellipsis: String = "…") -> String {
        let t = truncate(s, to: width, ellipsis: ellipsis)
        let fill = String(repeating: " ", count: max(0, width - of(t)))
        return right ? fill + t : t + fill
    }
}
