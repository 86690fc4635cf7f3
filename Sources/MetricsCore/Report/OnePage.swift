/// What the one-page reports (text and markdown) share: bounded lists whatever the data size.
/// A page holds at most `topDeals` deals of each list and `exampleRows` examples of each kind
/// of warning; the rest is counted, with the command that lists it all.
public enum OnePage {
    public static let topDeals = 10
    public static let exampleRows = 3
    public static let largestAutopsies = 3

    /// `redline report FILE --client ID --as-of DATE --list stalled`: the whole list.
    static func listCommand(_ file: String, _ r: EngagementReview, _ kind: DealListKind) -> String {
        "redline report \(shellWord(file)) --client \(shellWord(r.engagement.client.id)) --as-of \(r.asOf) --list \(kind.rawValue)"
    }

    /// A path or id quoted for a shell when it needs it.
    public static func shellWord(_ s: String) -> String {
        let plain = !s.isEmpty && s.utf8.allSatisfy { b in
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || "/._-+:,=@".utf8.contains(b)
        }
        return plain ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// `Stalled: 1,519 deals, $3.75M at risk` / `Stalled: none`.
    static func heading(_ label: String, _ deals: [ListedDeal], _ f: ValueFormatter, risk: Bool) -> String {
        guard !deals.isEmpty else { return "\(label): none" }
        let total = deals.reduce(0) { $0 + $1.amount }
        return "\(label): \(decimals(Double(deals.count), 0)) deal\(deals.count == 1 ? "" : "s"), \(f.money(total))\(risk ? " at risk" : "")"
            + (deals.count > topDeals ? "; the \(topDeals) largest:" : "")
    }

    static func more(_ deals: [ListedDeal], _ command: String) -> String? {
        deals.count > topDeals ? "and \(decimals(Double(deals.count - topDeals), 0)) more: \(command)" : nil
    }

    /// The autopsy's largest rows, one line: `D-1116 $147k lost (change overdue); …`.
    static func largestAutopsies(_ r: EngagementReview, _ f: ValueFormatter, escape: (String) -> String) -> String? {
        // The autopsy's rows are in this order already: largest amount first, then by id.
        let rows = r.autopsy.rows
        guard !rows.isEmpty else { return nil }
        let shown = rows.prefix(largestAutopsies).map { row in
            "\(escape(row.dealID)) \(f.money(row.amount)) \(row.why) (\(AutopsyListing.state(row.written, r.asOf)))"
        }
        return "largest: " + shown.joined(separator: "; ") + (rows.count > largestAutopsies ? "; all: redline autopsy list" : "")
    }

    /// One line per kind of problem: `1,519 × warning: deals[…].last_activity: …` with the first rows.
    public static func groupedProblems(_ problems: [Problem], escape: (String) -> String) -> [String] {
        groupProblems(problems, examples: exampleRows).map { g in
            let places = g.examples.map { p in p.line.map { "line \($0)" } ?? p.path }.joined(separator: ", ")
            let first = g.examples.first.map { escape($0.message) } ?? g.kind
            // One of its kind: the whole line, place included (file:line:col: severity: path: message).
            return g.count == 1
                ? (g.examples.first.map { escape($0.description) } ?? first)
                : "\(decimals(Double(g.count), 0)) × \(g.severity.rawValue): \(escape(g.kind)) (\(escape(places))\(g.count > g.examples.count ? ", …" : ""))"
        }
    }

    /// The files that did not load, each with its problems grouped by kind (text reports).
    static func rejectedText(_ portfolio: Portfolio) -> String {
        let rejected = portfolio.files.filter(\.isRejected)
        guard !rejected.isEmpty else { return "" }
        var out = "\nFiles that did not load (redline check FILE):\n"
        for file in rejected {
            out += "  \(sanitizedForDisplay(file.file)):\n"
            for line in groupedProblems(file.problems, escape: sanitizedForDisplay) { out += "    \(line)\n" }
        }
        return out
    }

    /// The same for markdown reports.
    static func rejectedMarkdown(_ portfolio: Portfolio) -> String {
        let rejected = portfolio.files.filter(\.isRejected)
        guard !rejected.isEmpty else { return "" }
        var out = "\n## Files that did not load\n\n"
        for file in rejected {
            out += "- \(markdownText(file.file))\n"
            for line in groupedProblems(file.problems, escape: markdownText) { out += "  - \(line)\n" }
        }
        return out
    }
}
