/// CSV (RFC 4180, and what exports do beside it) read straight from the file's bytes.
///
/// Written by hand for a measured goal (issue 15: an import of 250,000 rows a second): the best
/// library here, CSV.swift, decodes the file into Unicode scalars one at a time and parsed the
/// 1M-row export in 2.6 s, alone more than that goal allows for the whole import. This reader
/// makes one `String` per field from the bytes between delimiters (docs/benchmarks.md).
///
/// Fields are split at the delimiter and rows at LF, CRLF or a lone CR. A field starting with
/// `"` is quoted: delimiters and line breaks inside it are text, `""` is one quote; text after
/// its closing quote is kept (`"ab"c` reads `abc`, as Python's csv does). A quote inside an
/// unquoted field is text. A quoted field still open at the end of the file is an error, not
/// the rest of the file taken as one value.
///
/// Each row comes with the line it starts on (1-based, as a text editor counts: a quoted field's
/// line breaks count), so the table can tell the spreadsheet's row from the editor's line.
enum CSVBytes {
    struct SyntaxError: Error, Equatable, CustomStringConvertible {
        let line: Int
        var description: String { "a quoted field that starts on line \(line) is never closed" }
    }

    static let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    /// Calls `row` with every row's fields, in order, and the line the row starts on. A blank
    /// line is a row of one empty field.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, row: ([String], _ line: Int) -> Void) throws(SyntaxError) {
        let n = bytes.count
        var i = 0, line = 1, rowLine = 1
        var fields: [String] = []
        var escaped: [UInt8] = []
        func text(_ from: Int, _ to: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
        }
        while i < n {
            // One field from `i`.
            if bytes[i] == quote {
                let opened = line
                escaped.removeAll(keepingCapacity: true)
                i += 1
                var closed = false
                while i < n {
                    let b = bytes[i]
                    if b == quote {
                        if i + 1 < n && bytes[i + 1] == quote { escaped.append(quote); i += 2; continue }
                        i += 1; closed = true; break
                    }
                    if b == lf || (b == cr && (i + 1 >= n || bytes[i + 1] != lf)) { line += 1 }
                    escaped.append(b)
                    i += 1
                }
                guard closed else { throw SyntaxError(line: opened) }
                // Text after the closing quote, up to the delimiter or the line's end.
                while i < n, bytes[i] != delimiter, bytes[i] != lf, bytes[i] != cr { escaped.append(bytes[i]); i += 1 }
                fields.append(String(decoding: escaped, as: UTF8.self))
            } else {
                let start = i
                while i < n, bytes[i] != delimiter, bytes[i] != lf, bytes[i] != cr { i += 1 }
                fields.append(text(start, i))
            }
            // What ends it: a delimiter (another field follows), a line break or the end (the row ends).
            if i < n, bytes[i] == delimiter {
                i += 1
                if i == n { fields.append("") }
                continue
            }
            if i < n {
                if bytes[i] == cr, i + 1 < n, bytes[i + 1] == lf { i += 1 }
                i += 1
                line += 1
            }
            row(fields, rowLine)
            rowLine = line
            fields.removeAll(keepingCapacity: true)
        }
        if !fields.isEmpty { row(fields, rowLine) }
    }

    /// The delimiter of the header line: the first `,` `;` or tab outside quotes, else a comma.
    /// Blank lines before it are passed over.
    static func guessDelimiter(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var quoted = false, blank = true
        for b in bytes.prefix(4096) {
            switch b {
            case quote: quoted.toggle(); blank = false
            case lf, cr: if !quoted && !blank { return UInt8(ascii: ",") }
            case UInt8(ascii: " "): break
            case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"): if !quoted { return b }
            default: blank = false
            }
        }
        return UInt8(ascii: ",")
    }
}
