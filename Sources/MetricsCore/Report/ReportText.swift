/// `redline report --format text`: each client's Monday one-pager laid out for a terminal,
/// worst status first. A page stays one page whatever the data size (see `OnePage`).
public enum ReportText {
    public static func render(_ portfolio: Portfolio, reviews: [EngagementReview?], asOf: Day, glyphs: Glyphs,
                              list: DealListKind? = nil) -> String {
        var out = "Weekly revenue review\(portfolio.titleNote), \(asOf) (\(asOf.isoWeek))\n"
        let clients = zip(portfolio.files, reviews).compactMap { file, r in r.map { (file, $0) } }
            .sorted { EngagementReview.portfolioPrecedes($0.1, $1.1) }
        for (file, review) in clients {
            out += list.map { fullList(review, $0) } ?? page(file, review, glyphs: glyphs)
        }
        out += OnePage.rejectedText(portfolio)
        return out
    }

    static func page(_ file: LoadedFile, _ review: EngagementReview, glyphs: Glyphs) -> String {
        let d = WeeklyDashboard(review, glyphs: glyphs)
        let f = ValueFormatter(currency: review.engagement.client.currency, glyphs: glyphs)
        var out = "\n\(d.title) (\(d.industry))  \(d.status)\n"
        out += "Action: \(d.action)\nWhy: \(d.why)\n"
        if let stale = d.stale { out += "\(stale)\n" }
        let header = WeeklyDashboard.Row(name: "KPI", value: "Value", target: "Target", status: "Status", trend: "vs last week")
        let rows = [header] + d.rows
        let w = [rows.map { $0.name.count }.max()!, rows.map { $0.value.count }.max()!,
                 rows.map { $0.target.count }.max()!, rows.map { $0.status.count }.max()!]
        for row in rows {
            out += "  " + row.name.padding(w[0]) + "  " + row.value.leftPadding(w[1]) + "  " + row.target.padding(w[2])
                + "  " + row.status.padding(w[3]) + "  " + row.trend + "\n"
        }
        out += "Biggest bottleneck: \(d.bottleneck)\n"
        out += "Done last week:\(d.done.isEmpty ? " none recorded" : "")\n" + d.done.enumerated().map { "  \($0.offset + 1). \($0.element)\n" }.joined()
        out += "Planned this week:\(d.planned.isEmpty ? " none recorded" : "")\n" + d.planned.enumerated().map { "  \($0.offset + 1). \($0.element)\n" }.joined()
        for (kind, label) in [(DealListKind.stalled, "Stalled"), (.slipped, "Slipped this quarter")] {
            let deals = review.listed(kind)
            out += OnePage.heading(label, deals, f, risk: kind == .stalled) + "\n"
            out += dealLines(Array(deals.prefix(OnePage.topDeals)), f)
            if let more = OnePage.more(deals, OnePage.listCommand(file.file, review, kind)) { out += "  \(more)\n" }
        }
        if let gone = d.gone { out += "Gone from the CRM this week: \(gone)\n" }
        out += "KPI autopsy this quarter: \(AutopsyListing.summary(review.autopsy, asOf: review.asOf))\n"
        if let largest = OnePage.largestAutopsies(review, f, escape: sanitizedForDisplay) { out += "  \(largest)\n" }
        let warnings = file.warnings
        if !warnings.isEmpty {
            out += "Warnings in the file: \(decimals(Double(warnings.count), 0)) (every one: redline check \(OnePage.shellWord(file.file)) --all)\n"
            for line in OnePage.groupedProblems(warnings, escape: sanitizedForDisplay) { out += "  \(line)\n" }
        }
        return out
    }

    /// `--list stalled`: every deal of the list, one line each.
    static func fullList(_ review: EngagementReview, _ kind: DealListKind) -> String {
        let f = ValueFormatter(currency: review.engagement.client.currency)
        let deals = review.listed(kind)
        let label = kind == .stalled ? "Stalled" : "Slipped this quarter"
        let heading = deals.isEmpty ? "\(label): none" : "\(label): \(decimals(Double(deals.count), 0)) deal\(deals.count == 1 ? "" : "s"), \(f.money(deals.reduce(0) { $0 + $1.amount }))"
        return "\n\(sanitizedForDisplay(review.engagement.client.name)): \(heading)\n" + dealLines(deals, f)
    }

    /// `  D-1003  $45k  Proposal sent   41 d  Juniper Logistics: Document AI pilot`.
    static func dealLines(_ deals: [ListedDeal], _ f: ValueFormatter) -> String {
        let ids = deals.map { sanitizedForDisplay($0.id) }, amounts = deals.map { f.money($0.amount) }
        let stages = deals.map { sanitizedForDisplay($0.stage) }
        let wi = ids.map(\.count).max() ?? 0, wa = amounts.map(\.count).max() ?? 0, ws = min(24, stages.map(\.count).max() ?? 0)
        return deals.indices.map { i in
            "  " + ids[i].padding(wi) + "  " + amounts[i].leftPadding(wa) + "  " + String(stages[i].prefix(24)).padding(ws)
                + "  " + "\(deals[i].daysInStage) d".leftPadding(6) + "  " + sanitizedForDisplay(deals[i].name) + "\n"
        }.joined()
    }
}
