import MetricsCore

/// One thing an import changed, dropped or could not read, at one row.
public struct ImportWarning: Sendable, Equatable {
    /// The CSV row (the header is row 1); 0 for the file as a whole.
    public let row: Int
    /// The value as the export wrote it, when there is one to show.
    public let value: String?

    public init(row: Int, value: String? = nil) { self.row = row; self.value = value }
}

/// What an import did: counts, and warnings grouped by kind with the first rows of each.
public struct ImportSummary: Sendable {
    public struct Group: Sendable {
        /// What happened, with the column it happened in: `skipped: unknown stage in Deal Stage`.
        public let kind: String
        public var count: Int
        /// The first few warnings of this kind, or all of them when every one is kept.
        public var samples: [ImportWarning]
        public var rows: [Int] { samples.map(\.row) }
    }
    public var rows = 0
    public var deals = 0
    public var won = 0, lost = 0, open = 0
    public var accounts = 0, reps = 0
    public var skipped = 0
    public var groups: [Group] = []
    /// The latest date any row gives (to notice an old export reviewed as of today).
    public var latestDate: Day?
    /// Keep every warning, not only the first few of each kind (`--all-warnings`).
    var keepAll = false
    static let samplesKept = 5

    mutating func note(_ kind: String, row: Int, value: String? = nil) {
        let warning = ImportWarning(row: row, value: value)
        if let i = groups.firstIndex(where: { $0.kind == kind }) {
            groups[i].count += 1
            if keepAll || groups[i].samples.count < Self.samplesKept { groups[i].samples.append(warning) }
        } else {
            groups.append(Group(kind: kind, count: 1, samples: [warning]))
        }
    }

    /// Each group on one line with its count and first rows (values quoted, cut to ~80
    /// characters); with `all`, every row of every group on a line of its own.
    public func warningLines(all: Bool = false) -> [String] {
        var out: [String] = []
        for g in groups {
            func sample(_ w: ImportWarning) -> String { w.value.map { "row \(w.row) \(shown($0))" } ?? "row \(w.row)" }
            let fileLevel = g.samples.allSatisfy { $0.row == 0 }
            if all && !fileLevel {
                out.append("\(g.kind): \(decimals(Double(g.count), 0))")
                out += g.samples.map { "  " + sample($0) }
                continue
            }
            let first = g.samples.prefix(Self.samplesKept)
            let more = g.count > first.count ? ", …" : ""
            if fileLevel {
                out.append("\(g.kind)" + (g.count > 1 ? ": \(decimals(Double(g.count), 0))" : ""))
            } else if first.allSatisfy({ $0.value == nil }) {
                out.append("\(g.kind): \(decimals(Double(g.count), 0)) (row\(first.count == 1 ? "" : "s") \(first.map { String($0.row) }.joined(separator: ", "))\(more))")
            } else {
                out.append("\(g.kind): \(decimals(Double(g.count), 0)) (\(first.map(sample).joined(separator: ", "))\(more))")
            }
        }
        return out
    }
}
