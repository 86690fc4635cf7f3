import Foundation
import MetricsCore

/// A deliberately simple CSV reader for the tests' own counts (one record per line, quotes with
/// `""`), so expected figures never come from the importer's code.
struct RawCSV {
    let header: [String]
    let rows: [[String]]

    init(_ path: String, separator: Character = ",") {
        var text = try! String(contentsOfFile: path, encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: true)
        func fields(_ line: Substring) -> [String] {
            var out: [String] = [], field = "", quoted = false
            var it = line.makeIterator()
            var pending: Character? = nil
            while let c = pending ?? it.next() {
                pending = nil
                if quoted {
                    if c == "\"" {
                        if let n = it.next() { if n == "\"" { field.append("\"") } else { quoted = false; pending = n } } else { quoted = false }
                    } else { field.append(c) }
                } else if c == "\"" { quoted = true } else if c == separator { out.append(field); field = "" } else { field.append(c) }
            }
            out.append(field)
            return out
        }
        let all = lines.map(fields)
        header = all[0]
        rows = Array(all.dropFirst())
    }

    /// The first column with this header.
    func column(_ name: String) -> Int { header.firstIndex(of: name)! }
    /// Every column with this header.
    func columns(_ name: String) -> [Int] { header.indices.filter { header[$0] == name } }
    func values(_ name: String) -> [String] { let c = column(name); return rows.map { $0[c] } }
}

/// `2023-04-03 14:05`, `2023-04-03T…` or `17-7-2018` as a day, for the tests' own counts.
func testDay(_ text: String, dayFirst: Bool = false) -> Day? {
    if text.isEmpty { return nil }
    if text.count >= 10, text.dropFirst(4).first == "-" { return Day(String(text.prefix(10))) }
    let p = text.split(separator: dayFirst ? "-" : "/").compactMap { Int($0) }
    return dayFirst ? Day(year: p[2], month: p[1], day: p[0]) : Day(year: p[2], month: p[0], day: p[1])
}
