/// `redline report --format markdown`: the Monday one-pager of each client, ready to paste in
/// an e-mail, worst status first; one page whatever the data size (see `OnePage`). Data text
/// goes through `markdownText`, so it can become neither HTML nor a link.
public enum ReportMarkdown {
    public static func render(_ portfolio: Portfolio, reviews: [EngagementReview?], asOf: Day, list: DealListKind? = nil) -> String {
        var out = "# Weekly revenue review\(portfolio.titleNote), \(asOf) (\(asOf.isoWeek))\n"
        let clients = zip(portfolio.files, reviews).compactMap { file, r in r.map { (file, $0) } }
            .sorted { EngagementReview.portfolioPrecedes($0.1, $1.1) }
        for (file, review) in clients {
            if let list {
                let deals = review.listed(list)
                out += "\n## \(markdownText(review.engagement.client.name)): \(list == .stalled ? "stalled" : "slipped this quarter") (\(deals.count))\n\n"
                out += dealTable(deals, ValueFormatter(currency: review.engagement.client.currency))
            } else {
                out += page(file, review)
            }
        }
        out += OnePage.rejectedMarkdown(portfolio)
        return out
    }

    static func page(_ file: LoadedFile, _ review: EngagementReview) -> String {
        let d = WeeklyDashboard(review, glyphs: .unicode, escape: markdownText)
        let f = ValueFormatter(currency: review.engagement.client.currency)
        var out = "\n## \(d.title) (\(d.industry)): \(d.status)\n\n"
        out += "**Action:** \(d.action)  \n**Why:** \(d.why)\n\n"
        if let stale = d.stale { out += "> \(stale)\n\n" }
        out += "| KPI | Value | Target | Status | vs last week |\n| --- | ---: | --- | --- | --- |\n"
        for row in d.rows {
            out += "| \(cell(row.name)) | \(cell(row.value)) | \(cell(row.target)) | \(row.status) | \(cell(row.trend)) |\n"
        }
        out += "\n**Biggest bottleneck:** \(d.bottleneck)\n\n"
        out += "**Done last week:**\n" + numbered(d.done) + "\n"
        out += "**Planned this week:**\n" + numbered(d.planned) + "\n"
        for (kind, label) in [(DealListKind.stalled, "Stalled"), (.slipped, "Slipped this quarter")] {
            let deals = review.listed(kind)
            let heading = OnePage.heading(label, deals, f, risk: kind == .stalled)
            out += "**\(label):** \(heading.dropFirst(label.count + 2))\n\n"
            if !deals.isEmpty { out += dealTable(Array(deals.prefix(OnePage.topDeals)), f) }
            if let more = OnePage.more(deals, "`" + OnePage.listCommand(file.file, review, kind) + "`") { out += "\n\(markdownCommand(more))\n" }
            out += "\n"
        }
        if let gone = d.gone { out += "**Gone from the CRM this week:** \(gone)\n\n" }
        out += "**KPI autopsy this quarter:** \(AutopsyListing.summary(review.autopsy, asOf: review.asOf))"
        if let largest = OnePage.largestAutopsies(review, f, escape: markdownText) { out += "  \n\(largest.prefix(1).uppercased() + largest.dropFirst())" }
        out += "\n"
        let warnings = file.warnings
        if !warnings.isEmpty {
            out += "\n**Warnings in the file:** \(decimals(Double(warnings.count), 0)) (every one: `redline check \(OnePage.shellWord(file.file)) --all`)\n\n"
            for line in OnePage.groupedProblems(warnings, escape: markdownText) { out += "- \(line)\n" }
        }
        return out
    }

    /// A deal table; names and stages as data text.
    static func dealTable(_ deals: [ListedDeal], _ f: ValueFormatter) -> String {
        guard !deals.isEmpty else { return "none\n" }
        return "| Deal | Amount | Stage | Days in stage | Name |\n| --- | ---: | --- | ---: | --- |\n" + deals.map { d in
            "| \(markdownText(d.id)) | \(f.money(d.amount)) | \(markdownText(d.stage)) | \(d.daysInStage) | \(markdownText(d.name)) |\n"
        }.joined()
    }

    /// A command stays a code span; only the file path in it is data (shell-quoted already).
    static func markdownCommand(_ s: String) -> String { s.replacingOccurrences(of: "<", with: "&lt;") }

    static func numbered(_ items: [String]) -> String {
        items.isEmpty ? "- none recorded\n" : items.enumerated().map { "\($0.offset + 1). \($0.element)\n" }.joined()
    }

    /// Escapes a table cell of our own words so a `|` cannot break the table (data text is already `markdownText`).
    static func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
}
