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

    /// Problems of a kind looked at for what differs between them: a kind with at most this many
    /// is shown whole (`4 × error: missing required key: "client", "stages", "deals" (line 1)`).
    static let examplesRead = 5
    /// Characters of the values a grouped line lists; the rest are `…`.
    static let valuesLength = 120

    /// One line per kind of problem: `1,519 × warning: deals[…].last_activity: …` with its first
    /// places (each once: `line 1`, not `line 1, line 1, line 1`).
    public static func groupedProblems(_ problems: [Problem], escape: (String) -> String) -> [String] {
        groupProblems(problems, examples: examplesRead).map { g in
            // One of its kind: the whole line, place included (file:line:col: severity: path: message).
            guard g.count > 1 else { return escape(g.examples[0].description) }
            var places: [String] = []
            for p in g.examples {
                let place = p.line.map { "line \($0)" } ?? p.path
                if !places.contains(place) { places.append(place) }
            }
            let more = g.count > g.examples.count || places.count > exampleRows
            let shown = places.prefix(exampleRows).joined(separator: ", ") + (more ? ", …" : "")
            return "\(decimals(Double(g.count), 0)) × \(g.severity.rawValue): \(escape(said(g))) (\(escape(shown)))"
        }
    }

    /// What the problems of a group say. The kind masks the values (`missing required key "…"`),
    /// which hides what differs: one message when every problem says it; when the values fill
    /// one place, the kind with the values listed there (`no rep has the id: "r-1", "r-2", …`);
    /// else the kind.
    static func said(_ g: ProblemGroup) -> String {
        let complete = g.count == g.examples.count
        var messages: [String] = []
        for p in g.examples where !messages.contains(p.message) { messages.append(p.message) }
        if complete && messages.count == 1 { return messages[0] }
        let values = messages.map(messageValues)
        guard values.allSatisfy({ $0.count == 1 }), let first = values.first?.first else { return g.kind }
        let masked = first.hasPrefix("\"") ? "\"…\"" : "…"
        guard let slot = g.kind.firstRange(of: masked) else { return g.kind }
        var list = ""
        var cut = !complete
        for v in values.map({ $0[0] }) {
            guard list.count + v.count <= valuesLength else { cut = true; break }
            list += (list.isEmpty ? "" : ", ") + v
        }
        if cut { list += list.isEmpty ? "…" : ", …" }
        // At the end of the message the values read as a list after a colon.
        if slot.upperBound == g.kind.endIndex {
            var head = String(g.kind[..<slot.lowerBound])
            while head.last == " " { head.removeLast() }
            return head + ": " + list
        }
        var kind = g.kind
        kind.replaceSubrange(slot, with: list)
        return kind
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
