import CSV
import Foundation

/// A CSV file read with CSV.swift: header and rows, any of `,` `;` tab, BOM and CRLF handled.
/// (CSV.swift parses 1M export rows in 2.6 s here, SwiftCSV in 6.4 s: docs/benchmarks.md.)
struct CSVTable {
    let header: [String]
    var rows: [[String]]

    static func read(path: String) throws(ImportError) -> CSVTable {
        guard let data = FileManager.default.contents(atPath: path) else { throw ImportError("cannot read \(path)") }
        guard !data.isEmpty else { throw ImportError("\(path) is empty") }
        if data.prefix(4096).contains(0) { throw ImportError("\(path) is a binary file, not CSV text") }
        guard var text = String(data: data, encoding: .utf8) else { throw ImportError("\(path) is not UTF-8 text; save the export as UTF-8 CSV") }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var header: [String] = [], rows: [[String]] = []
        do {
            let reader = try CSVReader(string: text, hasHeaderRow: false, delimiter: Self.guessDelimiter(text))
            while let row = reader.next() {
                if header.isEmpty && rows.isEmpty && !row.allSatisfy({ trimmed($0).isEmpty }) {
                    header = row.map { $0.trimmingCharacters(in: .whitespaces) }
                } else if !header.isEmpty && !row.allSatisfy({ trimmed($0).isEmpty }) {
                    rows.append(row)
                }
            }
            if let error = reader.error { throw error }
        } catch {
            throw ImportError("\(path) is not readable CSV: \(error)")
        }
        guard !rows.isEmpty else { throw ImportError("\(path) has a header but no rows") }
        return CSVTable(header: header, rows: rows)
    }

    /// The delimiter of the header line: the first `,` `;` or tab outside quotes (as SwiftCSV,
    /// used before, guessed it), else a comma.
    static func guessDelimiter(_ text: String) -> UnicodeScalar {
        var quoted = false
        for u in text.unicodeScalars.prefix(4096) {
            switch u {
            case "\"": quoted.toggle()
            case "\n", "\r": if !quoted { return "," }
            case ",", ";", "\t": if !quoted { return u }
            default: break
            }
        }
        return ","
    }

    /// The index of a column, matched case-insensitively.
    func column(_ name: String) -> Int? {
        header.firstIndex { $0.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// Every column with this header (an "all properties" export repeats some), in file order.
    func columns(_ name: String) -> [Int] {
        header.indices.filter { header[$0].caseInsensitiveCompare(name) == .orderedSame }
    }

    /// `key column → amount` from a lookup file (list prices by product).
    func lookup(key: String, value: String) throws(ImportError) -> [String: Double] {
        guard let k = column(key), let v = column(value) else { throw ImportError("the lookup file needs the columns \(key) and \(value); it has \(header.joined(separator: ", "))") }
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
