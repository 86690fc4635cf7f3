/// `redline report --format html`: the Monday one-pager of each client as one self-contained
/// HTML file for a mail client, worst status first: the KPIs with their 12 weeks, the funnel,
/// the forecast against target and the week's pipeline waterfall. Every text goes through
/// `htmlText` once, where it is written.
public enum ReportHTML {
    public static func render(_ portfolio: Portfolio, reviews: [EngagementReview?], asOf: Day) -> String {
        let title = "Weekly revenue review\(portfolio.titleNote), \(asOf) (\(asOf.isoWeek))"
        var body = "<h1>\(htmlText(title))</h1>\n"
        let clients = zip(portfolio.files, reviews).compactMap { file, r in r.map { (file, $0) } }
            .sorted { EngagementReview.portfolioPrecedes($0.1, $1.1) }
        for (file, review) in clients { body += page(file, review) }
        body += HTMLPage.rejected(portfolio)
        return HTMLPage.document(title: title, body: body)
    }

    static func page(_ file: LoadedFile, _ r: EngagementReview) -> String {
        let e = r.engagement, cur = e.client.currency
        let d = WeeklyDashboard(r, glyphs: .unicode, escape: { $0 })   // escaped below, once
        let f = ValueFormatter(currency: cur)
        var out = "<section class=\"client\">\n<h2>\(htmlText(d.title)) <span class=\"muted\">(\(htmlText(d.industry)))</span> \(HTMLPage.badge(r.weeklyStatus))</h2>\n"
        out += "<p><strong>Action:</strong> \(htmlText(d.action))</p>\n<p><strong>Why:</strong> \(htmlText(d.why))</p>\n"
        if let stale = d.stale { out += "<p><strong>\(htmlText(stale))</strong></p>\n" }
        let history = KPIHistory(index: r.index, endingOn: r.asOf, kpis: r.dashboard)
        out += "<h3>Dashboard KPIs, 12 weeks</h3>\n<div class=\"cards\">\n"
        for (id, row) in zip(r.dashboard, d.rows) {
            let def = KPICatalog.definition(id)
            out += card(id: id, name: row.name, value: row.value, status: r.kpi(id).status,
                        lines: ["target \(row.target)", "\(row.trend) last week"],
                        spark: sparkline(history, id, def, f, name: row.name))
        }
        out += "</div>\n"
        out += "<h3>Pipeline funnel</h3>\n" + funnel(r.funnel, f)
        out += "<h3>Forecast against target</h3>\n" + forecast(RollingForecast(r.current), f)
        out += "<h3>Pipeline this week</h3>\n" + waterfall(r.waterfall, f, label: "Open pipeline \(r.waterfall.from) → \(r.waterfall.to)")
        out += "<p><strong>Biggest bottleneck:</strong> \(htmlText(d.bottleneck))</p>\n"
        out += "<h3>Done last week</h3>\n" + HTMLPage.list(d.done, ordered: true)
        out += "<h3>Planned this week</h3>\n" + HTMLPage.list(d.planned, ordered: true)
        for (kind, label) in [(DealListKind.stalled, "Stalled"), (.slipped, "Slipped this quarter")] {
            let deals = r.listed(kind)
            out += "<h3>\(htmlText(OnePage.heading(label, deals, f, risk: kind == .stalled)))</h3>\n"
            out += HTMLPage.table(["Deal", "Amount", "Stage", "Days in stage", "Name"], deals.prefix(OnePage.topDeals).map { x in
                [htmlText(x.id), htmlText(f.money(x.amount)), htmlText(x.stage), "\(x.daysInStage)", htmlText(x.name)]
            }, numeric: [1, 3])
            if let more = OnePage.more(deals, OnePage.listCommand(file.file, r, kind)) { out += "<p class=\"muted\">\(htmlText(more))</p>\n" }
        }
        if let gone = d.gone { out += "<p><strong>Gone from the CRM this week:</strong> \(htmlText(gone))</p>\n" }
        out += "<p><strong>KPI autopsy this quarter:</strong> \(htmlText(AutopsyListing.summary(r.autopsy, asOf: r.asOf)))</p>\n"
        if let largest = OnePage.largestAutopsies(r, f, escape: { $0 }) { out += "<p>\(htmlText(largest))</p>\n" }
        if !file.warnings.isEmpty {
            out += "<h3>Warnings in the file: \(decimals(Double(file.warnings.count), 0))</h3>\n"
            out += HTMLPage.list(OnePage.groupedProblems(file.warnings, escape: { $0 }))
        }
        return out + "</section>\n"
    }

    /// A KPI card: the value carries `data-kpi` so a browser test can read it back.
    static func card(id: KPIID, name: String, value: String, status: KPIStatus, lines: [String], spark: String, attribute: String = "data-kpi") -> String {
        "<div class=\"card\"><div class=\"name\">\(htmlText(name))</div>"
            + "<div><span class=\"value\" \(attribute)=\"\(id.rawValue)\">\(htmlText(value))</span> \(HTMLPage.badge(status))</div>"
            + lines.map { "<div class=\"small\">\(htmlText($0))</div>" }.joined() + spark + "</div>\n"
    }

    static func sparkline(_ h: KPIHistory, _ id: KPIID, _ def: KPIDefinition, _ f: ValueFormatter, name: String) -> String {
        let values = h.values[id] ?? []
        let first = h.days.first.map { "\($0): \(f.format(values.first ?? nil, def.unit))" } ?? ""
        let last = f.format(values.last ?? nil, def.unit)
        return SVGChart.sparkline(values, label: "\(name), weekly from \(h.days.first!) to \(h.days.last!) (\(def.direction.arrow) better)",
                                  first: first, last: last)
    }

    static func funnel(_ stages: [FunnelStage], _ f: ValueFormatter) -> String {
        guard !stages.isEmpty else { return "<p class=\"muted\">no open stages</p>\n" }
        return SVGChart.bars(stages.map { s in
            (s.name, s.amount, "\(s.count) deal\(s.count == 1 ? "" : "s"), \(f.money(s.amount))" + (s.stalledCount > 0 ? ", \(s.stalledCount) stalled" : ""))
        }, label: "Open pipeline by stage")
    }

    static func forecast(_ fc: RollingForecast, _ f: ValueFormatter) -> String {
        var out = SVGChart.columns(fc.months.map { m in (m.month.description, [m.won, m.expected, m.forecast], m.target) },
                                   series: ["won", "expected", "forecast"], label: "Forecast against each month's target", money: f.money)
        out += HTMLPage.table(["Month", "Won", "Expected", "Forecast", "Target", "Forecast ÷ target"], fc.months.map { m in
            [m.month.description, f.money(m.won), f.money(m.expected), f.money(m.forecast), m.target.map(f.money) ?? "—",
             m.ratio.map { "\(decimals($0 * 100, 0))%" } ?? "—"].map(htmlText)
        }, numeric: [1, 2, 3, 4, 5])
        if fc.provisional { out += "<p class=\"muted\">Provisional: under 60 days of data, or stale data.</p>\n" }
        return out
    }

    static func waterfall(_ w: Waterfall, _ f: ValueFormatter, label: String) -> String {
        let moving = w.rows.filter { $0.bucket.sign != 0 }
        var out = SVGChart.waterfall(moving.map { ($0.bucket.label, Double($0.bucket.sign) * $0.amount) }, start: w.startAmount, end: w.endAmount,
                                     label: label, money: f.money)
        let sentence = "\(f.money(w.startAmount)) " + moving.map { "\($0.bucket.sign > 0 ? "+" : "−") \(f.money($0.amount)) \($0.bucket.label.lowercased())" }.joined(separator: " ")
            + " = \(f.money(w.endAmount))"
        out += "<p>\(htmlText(sentence))</p>\n"
        let staying = w.rows.filter { $0.bucket.sign == 0 }
        out += "<p class=\"muted\">\(htmlText("Moves: " + staying.map { "\($0.deals.count) \($0.bucket.label.lowercased())" }.joined(separator: ", ")))</p>\n"
        return out
    }
}
