/// Makes untrusted text (deal names, notes from a CRM export) safe to draw in a terminal.
///
/// Removes escape sequences whole (CSI `ESC [ … final`, OSC `ESC ] … BEL/ST`, two-byte
/// `ESC x`), every other C0/C1 control character and the bidi controls that reorder what
/// follows (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C); a newline or tab becomes a
/// space, so a hostile export cannot move the cursor, retitle the window, change colours or
/// make a line read backwards.
public func sanitizedForDisplay(_ text: String) -> String {
    stripped(text, keepingLines: false)
}

/// What the CLI writes to standard output or error: `sanitizedForDisplay`, but newlines and
/// tabs of the output's own layout are kept. Every byte the executable prints passes here.
public func sanitizedForTerminal(_ text: String) -> String {
    stripped(text, keepingLines: true)
}

/// True for a scalar no untrusted text may send to a terminal.
@inline(__always)
public func isUnsafeForTerminal(_ u: Unicode.Scalar) -> Bool {
    let v = u.value
    if v < 0x20 || v == 0x7F || (v >= 0x80 && v < 0xA0) { return true }
    return isBidiControl(v)
}

@inline(__always)
func isBidiControl(_ v: UInt32) -> Bool {
    (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
}

/// True when `text` holds no unsafe scalar (newlines and tabs allowed when lines are kept),
/// decided on the UTF-8 bytes: a whole report is read byte by byte, not decoded scalar by scalar.
private func isPlain(_ text: String, keepingLines: Bool) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
        var i = 0
        let n = bytes.count
        while i < n {
            if i + 8 <= n, isPrintableASCII(UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)) {
                i += 8
                continue
            }
            let b = bytes[i]
            if b < 0x20 {
                guard keepingLines && (b == 0x0A || b == 0x09) else { return false }
            } else if b == 0x7F {
                return false
            } else if b == 0xC2 {
                // U+0080…U+009F, the C1 controls.
                if i + 1 < n && bytes[i + 1] >= 0x80 && bytes[i + 1] <= 0x9F { return false }
            } else if b == 0xD8 {
                // U+061C.
                if i + 1 < n && bytes[i + 1] == 0x9C { return false }
            } else if b == 0xE2, i + 2 < n {
                // U+200E, U+200F, U+202A…U+202E; U+2066…U+2069.
                let b1 = bytes[i + 1], b2 = bytes[i + 2]
                if b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F || (b2 >= 0xAA && b2 <= 0xAE)) { return false }
                if b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9 { return false }
            }
            i += 1
        }
        return true
    }
}

/// True when all eight bytes of `word` are 0x20…0x7E (the word tricks of "Bit Twiddling Hacks":
/// a byte below 0x20 or equal to 0x7F sets its high bit in `below` or `del`).
@inline(__always)
private func isPrintableASCII(_ word: UInt64) -> Bool {
    let highBits: UInt64 = 0x8080_8080_8080_8080
    let below = (word &- 0x2020_2020_2020_2020) & ~word & highBits
    let x = word ^ 0x7F7F_7F7F_7F7F_7F7F
    let del = (x &- 0x0101_0101_0101_0101) & ~x & highBits
    return (word & highBits) | below | del == 0
}

private func stripped(_ text: String, keepingLines: Bool) -> String {
    // Most text is plain: one pass over the bytes decides.
    if isPlain(text, keepingLines: keepingLines) { return text }
    var out = String.UnicodeScalarView()
    var it = text.unicodeScalars.makeIterator()
    while let u = it.next() {
        switch u.value {
        case 0x1B:
            guard let next = it.next() else { break }
            if next == "[" {
                while let c = it.next(), !(0x40...0x7E).contains(c.value) {}
            } else if next == "]" || next == "P" || next == "_" || next == "^" || next == "X" {
                var previous: Unicode.Scalar = " "
                while let c = it.next() {
                    if c.value == 0x07 || c.value == 0x9C || (previous.value == 0x1B && c == "\\") { break }
                    previous = c
                }
            }
        case 0x9B:
            while let c = it.next(), !(0x40...0x7E).contains(c.value) {}
        case 0x9D, 0x90, 0x9F, 0x9E, 0x98:
            // C1 OSC, DCS, APC, PM, SOS: their payload runs to ST or BEL.
            while let c = it.next(), c.value != 0x9C && c.value != 0x07 {}
        case 0x0A, 0x09:
            out.append(keepingLines ? u : " ")
        case 0x0D:
            if !keepingLines { out.append(" ") }
        default:
            if !isUnsafeForTerminal(u) { out.append(u) }
        }
    }
    return String(out)
}

/// Data text inside markdown: sanitized, HTML written as entities, and the characters that make
/// links, emphasis, code and tables escaped, so a deal name renders as the text it is (in a mail
/// client too) and cannot become markup, a link or an `<img onerror=…>`. Parentheses and `!`
/// need no escape once `[` is escaped; the source stays readable when pasted as plain text.
public func markdownText(_ text: String) -> String {
    let clean = sanitizedForDisplay(text)
    let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "&", "|", "~", "@"]
    guard clean.contains(where: { special.contains($0) }) || clean.contains("://") || clean.lowercased().contains("www.") else { return clean }
    var out = ""
    out.reserveCapacity(clean.utf8.count + 8)
    let chars = Array(clean)
    for (i, c) in chars.enumerated() {
        switch c {
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "&": out += "&amp;"
        // An underscore inside a word never makes emphasis (CommonMark): `win_rate` stays as written.
        case "_" where i > 0 && i + 1 < chars.count && (chars[i - 1].isLetter || chars[i - 1].isNumber) && (chars[i + 1].isLetter || chars[i + 1].isNumber):
            out.append(c)
        case _ where special.contains(c): out += "\\" + String(c)
        default: out.append(c)
        }
    }
    // Autolinks start at `scheme://` and `www.` in GitHub-flavoured renderers; escaped, they stay text.
    return out.replacingOccurrences(of: "://", with: ":\\/\\/").replacingOccurrences(of: "www.", with: "www\\.")
        .replacingOccurrences(of: "WWW.", with: "WWW\\.")
}
