/// `redline report --quarter Q --format markdown`: the board pack for an e-mail or a wiki,
/// worst status first. Data text goes through `markdownText`.
public enum BoardPackMarkdown {
    public static func render(_ portfolio: Portfolio, packs: [BoardPack?], quarter: QuarterLabel, asOf: Day) -> String {
        var out = "# Quarterly board pack\(portfolio.titleNote), \(quarter) (review date \(asOf))\n"
        for (_, pack) in BoardPackOrder.clients(portfolio, packs) { out += page(pack) }
        out += OnePage.rejectedMarkdown(portfolio)
        return out
    }

    static func page(_ p: BoardPack) -> String {
        let v = BoardPackView(p, glyphs: .unicode, escape: markdownText)
        var out = "\n## \(v.title) (\(v.industry)): \(v.status)\n\n\(v.period)  \n**Action:** \(v.action)  \n**Bookings:** \(v.bookings)\n\n"
        out += "### Dashboard KPIs\n\n" + kpiTable(v.kpis, v)
        out += "\n### Forecast against won, by month\n\n"
        out += table(["Month", "Forecast", "Won", "Result"], v.months.map { [$0.month, $0.forecast, $0.actual, $0.result] }, right: [1, 2])
        out += "\n### Retention\n\n" + kpiTable(v.retention, v)
        out += "\n### Largest wins\n\n" + table(["Deal", "Amount", "Closed", "Name"], v.wins.map { [$0.id, $0.amount, $0.closedOn, $0.name] }, right: [1])
        out += "\n### Largest losses\n\n"
        out += table(["Deal", "Amount", "Closed", "Name", "Reason"], v.losses.map { [$0.id, $0.amount, $0.closedOn, $0.name, $0.reason] }, right: [1])
        out += "\n### Improvement targets\n\n"
        out += v.improvements.isEmpty ? "none for \(p.quarter)\n"
            : table(["KPI", "Change", "Baseline", "Goal", "Value", "Result"],
                    v.improvements.map { [$0.name, $0.change, $0.baseline, $0.goal, $0.value, $0.verdict] }, right: [2, 3, 4])
        out += "\n### KPI autopsy\n\n\(v.autopsy)\n"
        if !v.changes.isEmpty {
            out += "\n" + table(["Deal", "Amount", "Why", "Change", "Systemic change", "Owner", "Due"],
                                v.changes.map { [$0.deal, $0.amount, $0.why, $0.state, $0.change, $0.owner, $0.due] }, right: [1])
        }
        out += "\n**Next quarter's coverage:** \(v.nextQuarter)\n"
        return out
    }

    static func kpiTable(_ rows: [BoardPackView.KPIRow], _ v: BoardPackView) -> String {
        table(["KPI", v.beforeLabel, v.nowLabel, "Change", "Status", "Target"],
              rows.map { [$0.name, $0.before, $0.now, $0.change, $0.status, $0.target] }, right: [1, 2])
    }

    /// A table; cells are data text already `markdownText` (its `|` escaped) or our own words, which have none.
    static func table(_ header: [String], _ rows: [[String]], right: Set<Int>) -> String {
        guard !rows.isEmpty else { return "none\n" }
        let rule = header.indices.map { right.contains($0) ? "---:" : "---" }
        return ([header, rule] + rows).map { "| " + $0.joined(separator: " | ") + " |\n" }.joined()
    }
}
