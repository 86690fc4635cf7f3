/// `redline report --quarter Q`: the board pack of each client for a terminal, worst status
/// (on the judging day) first.
public enum BoardPackText {
    public static func render(_ portfolio: Portfolio, packs: [BoardPack?], quarter: QuarterLabel, asOf: Day, glyphs: Glyphs) -> String {
        var out = "Quarterly board pack\(portfolio.titleNote), \(quarter) (review date \(asOf))\n"
        for (_, pack) in BoardPackOrder.clients(portfolio, packs) { out += page(pack, glyphs: glyphs) }
        out += OnePage.rejectedText(portfolio)
        return out
    }

    static func page(_ p: BoardPack, glyphs: Glyphs) -> String {
        let v = BoardPackView(p, glyphs: glyphs, escape: sanitizedForDisplay)
        var out = "\n\(v.title) (\(v.industry))  \(v.status)\n\(v.period)\nAction: \(v.action)\n"
        out += "Bookings: \(v.bookings)\n"
        out += "Dashboard KPIs:\n" + kpiTable(v.kpis, v)
        out += "Forecast against won, by month:\n"
        out += table([["Month", "Forecast", "Won", ""]] + v.months.map { [$0.month, $0.forecast, $0.actual, $0.result] }, right: [1, 2])
        out += "Retention:\n" + kpiTable(v.retention, v)
        out += "Largest wins:\(v.wins.isEmpty ? " none" : "")\n" + table(v.wins.map { [$0.id, $0.amount, $0.closedOn, $0.name] }, right: [1])
        out += "Largest losses:\(v.losses.isEmpty ? " none" : "")\n"
            + table(v.losses.map { [$0.id, $0.amount, $0.closedOn, $0.name + ($0.reason.isEmpty ? "" : " (\($0.reason))")] }, right: [1])
        out += "Improvement targets:\(v.improvements.isEmpty ? " none for \(p.quarter)" : "")\n"
        if !v.improvements.isEmpty {
            out += table([["KPI", "Change", "Baseline", "Goal", "Value", ""]]
                         + v.improvements.map { [$0.name, $0.change, $0.baseline, $0.goal, $0.value, $0.verdict] }, right: [2, 3, 4])
        }
        out += "KPI autopsy: \(v.autopsy)\n"
        if !v.changes.isEmpty {
            out += table([["Deal", "Amount", "Why", "Change", "Owner", "Due", "Systemic change"]]
                         + v.changes.map { [$0.deal, $0.amount, $0.why, $0.state, $0.owner, $0.due, $0.change] }, right: [1])
        }
        out += "Next quarter's coverage: \(v.nextQuarter)\n"
        return out
    }

    static func kpiTable(_ rows: [BoardPackView.KPIRow], _ v: BoardPackView) -> String {
        table([["KPI", v.beforeLabel, v.nowLabel, "Change", "Status", "Target"]]
              + rows.map { [$0.name, $0.before, $0.now, $0.change, $0.status, $0.target] }, right: [1, 2])
    }

    /// Columns padded to their widest cell, two spaces apart, indented by two.
    static func table(_ rows: [[String]], right: Set<Int>) -> String {
        guard let columns = rows.first?.count else { return "" }
        let widths = (0..<columns).map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            let cells = row.indices.map { c in
                c == columns - 1 ? row[c] : right.contains(c) ? row[c].leftPadding(widths[c]) : row[c].padding(widths[c])
            }
            return "  " + cells.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }.joined()
    }
}

/// Clients in the portfolio order of kpis.md on each pack's judging day, worst first.
enum BoardPackOrder {
    static func clients(_ portfolio: Portfolio, _ packs: [BoardPack?]) -> [(LoadedFile, BoardPack)] {
        zip(portfolio.files, packs).compactMap { file, p in p.map { (file, $0) } }
            .sorted { EngagementReview.portfolioPrecedes($0.1.review, $1.1.review) }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
