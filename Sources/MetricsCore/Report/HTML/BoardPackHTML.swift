/// `redline report --quarter Q --format html`: the board pack as one self-contained HTML file,
/// a printed page per client: the KPIs against the previous quarter's end with their 12 weeks,
/// bookings, forecast against won by month, retention, the largest wins and losses,
/// improvement targets, the autopsy's systemic changes, next quarter's coverage, the funnel
/// and the quarter's pipeline waterfall.
public enum BoardPackHTML {
    public static func render(_ portfolio: Portfolio, packs: [BoardPack?], quarter: QuarterLabel, asOf: Day) -> String {
        let title = "Quarterly board pack\(portfolio.titleNote), \(quarter) (review date \(asOf))"
        var body = "<h1>\(htmlText(title))</h1>\n"
        for (_, p) in BoardPackOrder.clients(portfolio, packs) { body += page(p) }
        body += HTMLPage.rejected(portfolio)
        return HTMLPage.document(title: title, body: body)
    }

    static func page(_ p: BoardPack) -> String {
        let v = BoardPackView(p, glyphs: .unicode, escape: { $0 })   // escaped below, once
        let f = ValueFormatter(currency: p.engagement.client.currency)
        let h = htmlText
        var out = "<section class=\"client\">\n<h2>\(h(v.title)) <span class=\"muted\">(\(h(v.industry)))</span> \(HTMLPage.badge(p.review.weeklyStatus))</h2>\n"
        out += "<p>\(h(v.period))</p>\n<p><strong>Action:</strong> \(h(v.action))</p>\n"
        out += "<h3>Bookings</h3>\n<p data-bookings=\"won\">\(h(v.bookings))</p>\n"
        if let target = p.bookings.target {
            out += SVGChart.bars([("Won", p.bookings.won, f.money(p.bookings.won)), ("Target", target, f.money(target))], label: "Bookings against target")
        }
        let history = KPIHistory(index: p.review.index, endingOn: p.judgedOn, kpis: p.dashboard.map(\.id))
        out += "<h3>Dashboard KPIs: \(h(v.nowLabel)) against \(h(v.beforeLabel))</h3>\n<div class=\"cards\">\n"
        for (c, row) in zip(p.dashboard, v.kpis) {
            out += ReportHTML.card(id: c.id, name: row.name, value: row.now, status: c.now.status,
                                   lines: ["\(v.beforeLabel): \(row.before) (\(row.change))", "target \(row.target)"],
                                   spark: ReportHTML.sparkline(history, c.id, c.now.definition, f, name: row.name))
        }
        out += "</div>\n"
        out += "<h3>Forecast against won, by month</h3>\n"
        out += SVGChart.columns(p.months.map { m in (m.month.description, [m.forecast, m.actual], m.target) }, series: ["forecast", "won"],
                                label: "Each month's recorded forecast against the amount won", money: f.money)
        out += HTMLPage.table(["Month", "Forecast", "Won", "Result"], v.months.map { [$0.month, $0.forecast, $0.actual, $0.result].map(h) }, numeric: [1, 2])
        out += "<h3>Retention</h3>\n" + kpiTable(v.retention, v, attribute: "data-retention")
        out += "<h3>Largest wins</h3>\n"
        out += HTMLPage.table(["Deal", "Amount", "Closed", "Name"], v.wins.map { [$0.id, $0.amount, $0.closedOn, $0.name].map(h) }, numeric: [1])
        out += "<h3>Largest losses</h3>\n"
        out += HTMLPage.table(["Deal", "Amount", "Closed", "Name", "Reason"], v.losses.map { [$0.id, $0.amount, $0.closedOn, $0.name, $0.reason].map(h) }, numeric: [1])
        out += "<h3>Improvement targets</h3>\n"
        out += v.improvements.isEmpty ? "<p class=\"muted\">none for \(h(p.quarter.description))</p>\n"
            : HTMLPage.table(["KPI", "Change", "Baseline", "Goal", "Value", "Result"],
                             v.improvements.map { [$0.name, $0.change, $0.baseline, $0.goal, $0.value, $0.verdict].map(h) }, numeric: [2, 3, 4])
        out += "<h3>KPI autopsy and systemic changes</h3>\n<p>\(h(v.autopsy))</p>\n"
        if !v.changes.isEmpty {
            out += HTMLPage.table(["Deal", "Amount", "Why", "Change", "Systemic change", "Owner", "Due"],
                                  v.changes.map { [$0.deal, $0.amount, $0.why, $0.state, $0.change, $0.owner, $0.due].map(h) }, numeric: [1])
        }
        out += "<h3>Next quarter's coverage</h3>\n<p data-next=\"pipeline_coverage_next\">\(h(v.nextQuarter))</p>\n"
        out += "<h3>Pipeline funnel on \(h(p.judgedOn.description))</h3>\n" + ReportHTML.funnel(p.review.funnel, f)
        out += "<h3>Pipeline over the quarter</h3>\n"
        out += ReportHTML.waterfall(p.waterfall, f, label: "Open pipeline \(p.waterfall.from) → \(p.waterfall.to)")
        return out + "</section>\n"
    }

    static func kpiTable(_ rows: [BoardPackView.KPIRow], _ v: BoardPackView, attribute: String) -> String {
        HTMLPage.table(["KPI", v.beforeLabel, v.nowLabel, "Change", "Status", "Target"], rows.map { r in
            [htmlText(r.name), htmlText(r.before), "<span \(attribute)=\"\(r.id.rawValue)\">\(htmlText(r.now))</span>", htmlText(r.change),
             htmlText(r.status), htmlText(r.target)]
        }, numeric: [1, 2])
    }
}
