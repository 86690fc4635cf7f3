import Foundation
import MetricsCore

/// A CSV file as a header and rows, any of `,` `;` tab, BOM and CRLF handled (read by
/// `CSVBytes`).
///
/// Rows are numbered as a spreadsheet shows them: every row of the file counts, blank ones (and
/// ones of only delimiters) included, and a row whose quoted field holds line breaks is one row
/// (a text editor shows it on several lines, so its later lines run ahead of the row numbers).
struct CSVTable {
    let header: [String]
    var rows: [[String]]
    /// The spreadsheet row of each of `rows` (the header's is `headerRow`, 1 unless blank rows
    /// come before it).
    var rowNumbers: [Int]
    var headerRow = 1
    /// The first row a text editor shows on a later line (a quoted field above it holds a line
    /// break), and that line; nil when every row is on the line of its number.
    var lineShift: (row: Int, line: Int)?

    /// The file at `path`; messages name it `shownAs` (a lookup file's whole path) when given.
    static func read(path: String, shownAs name: String? = nil) throws(ImportError) -> CSVTable {
        let name = name ?? path
        guard let data = FileManager.default.contents(atPath: path) else { throw ImportError("cannot read \(name): \(whyUnreadable(path))") }
        guard !data.isEmpty else { throw ImportError("\(name) is empty") }
        if Self.isUTF16(data.prefix(512)) {
            throw ImportError("\(name) is UTF-16 text (Excel's \"Unicode text\"), not UTF-8: save the export as \"CSV UTF-8\" and import that")
        }
        if data.prefix(4096).contains(0) { throw ImportError("\(name) is a binary file, not CSV text") }
        var header: [String] = [], rows: [[String]] = [], numbers: [Int] = []
        var headerRow = 1, record = 0
        var lineShift: (row: Int, line: Int)?
        let failure: ImportError? = data.withUnsafeBytes { raw -> ImportError? in
            var bytes = raw.bindMemory(to: UInt8.self)
            guard EngagementLoader.firstInvalidUTF8(bytes) == nil else {
                return ImportError("\(name) is not UTF-8 text; save the export as UTF-8 CSV")
            }
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { bytes = UnsafeBufferPointer(rebasing: bytes[3...]) }
            do {
                try CSVBytes.parse(bytes, delimiter: CSVBytes.guessDelimiter(bytes)) { row, line in
                    // Every row of the file is a spreadsheet's row, the blank ones too.
                    record += 1
                    if lineShift == nil && line != record { lineShift = (record, line) }
                    // Blank lines, and rows of blank fields, are skipped; the first other row is the header.
                    guard !row.allSatisfy({ trimmed($0).isEmpty }) else { return }
                    if header.isEmpty {
                        header = row.map { $0.trimmingCharacters(in: .whitespaces) }
                        headerRow = record
                    } else {
                        rows.append(row)
                        numbers.append(record)
                    }
                }
            } catch {
                return ImportError("\(name) is not readable CSV: \(error)")
            }
            return nil
        }
        if let failure { throw failure }
        guard !rows.isEmpty else { throw ImportError("\(name) has a header but no rows") }
        return CSVTable(header: header, rows: rows, rowNumbers: numbers, headerRow: headerRow, lineShift: lineShift)
    }

    /// True when a file starts as UTF-16 text does: with its byte-order mark (either order), or
    /// without one with a zero byte beside every character (ASCII text in UTF-16).
    static func isUTF16(_ start: Data) -> Bool {
        let b = Array(start.prefix(512))
        if b.count >= 2 && b[0] == 0xFF && b[1] == 0xFE { return !(b.count >= 4 && b[2] == 0 && b[3] == 0) }   // FF FE 00 00 is UTF-32
        if b.count >= 2 && b[0] == 0xFE && b[1] == 0xFF { return true }
        let pairs = b.count / 2
        guard pairs >= 4 else { return false }
        var zeroOdd = 0, zeroEven = 0
        for p in 0..<pairs {
            if b[2 * p] == 0 { zeroEven += 1 }
            if b[2 * p + 1] == 0 { zeroOdd += 1 }
        }
        // ASCII text in UTF-16: every character has a zero high byte; no zero in the other half.
        return (zeroOdd * 10 >= pairs * 9 && zeroEven == 0) || (zeroEven * 10 >= pairs * 9 && zeroOdd == 0)
    }

    /// The index of a column, matched case-insensitively.
    func column(_ name: String) -> Int? {
        header.firstIndex { $0.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// Every column with this header (an "all properties" export repeats some), in file order.
    func columns(_ name: String) -> [Int] {
        header.indices.filter { header[$0].caseInsensitiveCompare(name) == .orderedSame }
    }

    /// The operating system's reason a file cannot be read (`No such file or directory`).
    static func whyUnreadable(_ path: String) -> String {
        var info = stat()
        if stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR { return "it is a folder" }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        close(fd)
        return "a read error"
    }

    /// `key column → amount` from a lookup file (list prices by product); nil when it lacks a column.
    func lookup(key: String, value: String) -> [String: Double]? {
        guard let k = column(key), let v = column(value) else { return nil }
        var out: [String: Double] = [:]
        for row in rows where row.count > max(k, v) { if let a = parseAmount(row[v]) { out[row[k]] = a } }
        return out
    }
}

/// Spaces and tabs trimmed from both ends, without a round trip through NSString (the import's
/// hottest call before this).
func trimmed(_ s: String) -> String {
    let u = s.utf8
    guard let first = u.first, let last = u.last, first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 else { return s }
    var start = u.startIndex, end = u.endIndex
    while start < end, u[start] == 0x20 || u[start] == 0x09 { start = u.index(after: start) }
    while end > start, u[u.index(before: end)] == 0x20 || u[u.index(before: end)] == 0x09 { end = u.index(before: end) }
    return String(s[start..<end])
}
