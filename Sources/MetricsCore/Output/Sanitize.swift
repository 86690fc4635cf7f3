/// Makes untrusted text (deal names, notes from a CRM export) safe to draw in a terminal.
///
/// Removes escape sequences whole (CSI `ESC [ … final`, OSC `ESC ] … BEL/ST`, two-byte
/// `ESC x`) and every other C0/C1 control character; a newline or tab becomes a space, so a
/// hostile export cannot move the cursor, retitle the window or change colours.
public func sanitizedForDisplay(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var out = String.UnicodeScalarView()
    var it = text.unicodeScalars.makeIterator()
    while let u = it.next() {
        switch u.value {
        case 0x1B:
            guard let next = it.next() else { break }
            if next == "[" {
                while let c = it.next(), !(0x40...0x7E).contains(c.value) {}
            } else if next == "]" || next == "P" || next == "_" || next == "^" {
                var previous: Unicode.Scalar = " "
                while let c = it.next() {
                    if c.value == 0x07 || (previous.value == 0x1B && c == "\\") { break }
                    previous = c
                }
            }
        case 0x9B:
            while let c = it.next(), !(0x40...0x7E).contains(c.value) {}
        case 0x09, 0x0A, 0x0D:
            out.append(" ")
        default:
            if !isControl(u) { out.append(u) }
        }
    }
    return String(out)
}
