import Foundation
import MetricsCore

/// A CSV file as a header and rows, any of `,` `;` tab, BOM and CRLF handled (read by
/// `CSVBytes`).
struct CSVTable {
    let header: [String]
    var rows: [[String]]

    /// The file at `path`; messages name it `shownAs` (a lookup file's whole path) when given.
    static func read(path: String, shownAs name: String? = nil) throws(ImportError) -> CSVTable {
        let name = name ?? path
        guard let data = FileManager.default.contents(atPath: path) else { throw ImportError("cannot read \(name): \(whyUnreadable(path))") }
        guard !data.isEmpty else { throw ImportError("\(name) is empty") }
        if data.prefix(4096).contains(0) { throw ImportError("\(name) is a binary file, not CSV text") }
        var header: [String] = [], rows: [[String]] = []
        let failure: ImportError? = data.withUnsafeBytes { raw -> ImportError? in
            var bytes = raw.bindMemory(to: UInt8.self)
            guard EngagementLoader.firstInvalidUTF8(bytes) == nil else {
                return ImportError("\(name) is not UTF-8 text; save the export as UTF-8 CSV")
            }
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { bytes = UnsafeBufferPointer(rebasing: bytes[3...]) }
            do {
                try CSVBytes.parse(bytes, delimiter: CSVBytes.guessDelimiter(bytes)) { row in
                    // Blank lines, and rows of blank fields, are skipped; the first other row is the header.
                    guard !row.allSatisfy({ trimmed($0).isEmpty }) else { return }
                    if header.isEmpty { header = row.map { $0.trimmingCharacters(in: .whitespaces) } } else { rows.append(row) }
                }
            } catch {
                return ImportError("\(name) is not readable CSV: \(error)")
            }
            return nil
        }
        if let failure { throw failure }
        guard !rows.isEmpty else { throw ImportError("\(name) has a header but no rows") }
        return CSVTable(header: header, rows: rows)
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
