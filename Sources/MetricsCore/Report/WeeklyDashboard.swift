/// The Monday one-page dashboard of one client, as lines the text and markdown reports share.
///
/// Everything here is already sanitized for display: names and notes from files cannot carry
/// control characters or escape sequences into a terminal or an e-mail.
public struct WeeklyDashboard: Sendable {
    public struct Row: Sendable {
        public let name: String
        public let value: String
        public let target: String
        public let status: String
        public let trend: String
    }

    public let title: String
    public let industry: String
    public let status: String
    public let action: String
    public let rows: [Row]
    public let bottleneck: String
    public let done: [String]
    public let planned: [String]
    public let stalled: String
    public let slipped: String
    /// "3 deals, $120k (largest: D-9 $80k, D-4 $30k, D-2 $10k)"; `nil` in a week none went.
    public let gone: String?
    public let stale: String?

    public init(_ r: EngagementReview, glyphs: Glyphs) {
        let e = r.engagement
        let f = ValueFormatter(currency: e.client.currency)
        title = sanitizedForDisplay(e.client.name)
        industry = e.client.industryName.replacingOccurrences(of: "_", with: " ")
        status = glyphs.status(r.weeklyStatus)
        action = r.action ?? "No dashboard KPI has data: check the engagement file"
        rows = r.dashboard.map { id in
            let k = r.kpi(id), before = r.previousKPI(id), def = k.definition
            let trend = "\(glyphs.trend(k.value, before.value)) from \(f.format(before.value, def.unit))"
            return Row(name: def.name, value: k.value == nil ? (k.status == .green ? (k.reason ?? "—") : "—") : f.format(k.value, def.unit),
                       target: f.thresholds(k.thresholds, def), status: glyphs.status(k.status), trend: trend)
        }
        if let b = r.bottleneck {
            bottleneck = "\(sanitizedForDisplay(b.name)): \(b.stalledCount) stalled deal\(b.stalledCount == 1 ? "" : "s"), \(f.money(b.stalledAmount))"
        } else {
            bottleneck = "none: no stalled deals"
        }
        func line(_ a: Action) -> String {
            sanitizedForDisplay(a.text) + (a.kpi.map { " (\($0))" } ?? "") + (a.status == "done" && a.week == r.asOf.isoWeek ? " [done]" : "")
        }
        done = r.actionsDoneLastWeek.prefix(3).map(line)
        planned = r.actionsThisWeek.prefix(3).map(line)
        stalled = r.stalledDeals.isEmpty ? "none" : r.stalledDeals.map(sanitizedForDisplay).joined(separator: ", ")
        slipped = r.slippedDeals.isEmpty ? "none" : r.slippedDeals.map(sanitizedForDisplay).joined(separator: ", ")
        gone = Self.gone(r, f)
        stale = r.isStale ? "Data is stale: exported \(e.dataAsOf!), \(r.asOf - e.dataAsOf!) days before this review." : nil
    }

    /// Shown biggest first, at most three, so the line stays one line.
    static let goneShown = 3

    static func gone(_ r: EngagementReview, _ f: ValueFormatter) -> String? {
        guard !r.gone.isEmpty else { return nil }
        let deals = r.index.deals
        let top = r.gone.prefix(goneShown).map { "\(sanitizedForDisplay(deals[$0].id)) \(f.money(r.index.amount[$0]))" }
        let total = r.gone.reduce(0) { $0 + r.index.amount[$1] }
        return "\(r.gone.count) deal\(r.gone.count == 1 ? "" : "s"), \(f.money(total)) (\(r.gone.count > goneShown ? "largest: " : "")\(top.joined(separator: ", ")))"
    }
}

/// `redline report --format markdown`: one page per client, ready to paste in an e-mail.
public enum ReportMarkdown {
    public static func render(_ portfolio: Portfolio, reviews: [EngagementReview?], asOf: Day) -> String {
        var out = "# Weekly revenue review, \(asOf) (\(asOf.isoWeek))\n"
        for review in reviews.compactMap({ $0 }) {
            let d = WeeklyDashboard(review, glyphs: .unicode)
            out += "\n## \(cell(d.title)) (\(d.industry)): \(d.status)\n\n"
            out += "**Action:** \(d.action)\n\n"
            if let stale = d.stale { out += "> \(stale)\n\n" }
            out += "| KPI | Value | Target | Status | vs last week |\n| --- | ---: | --- | --- | --- |\n"
            for row in d.rows {
                out += "| \(cell(row.name)) | \(cell(row.value)) | \(cell(row.target)) | \(row.status) | \(cell(row.trend)) |\n"
            }
            out += "\n**Biggest bottleneck:** \(d.bottleneck)\n\n"
            out += "**Done last week:**\n" + numbered(d.done) + "\n"
            out += "**Planned this week:**\n" + numbered(d.planned) + "\n"
            out += "**Stalled deals:** \(d.stalled)  \n**Slipped this quarter:** \(d.slipped)  \n"
            if let gone = d.gone { out += "**Gone from the CRM this week:** \(cell(gone))  \n" }
            out += "**KPI autopsy this quarter:** \(AutopsyListing.summary(review.autopsy, asOf: asOf)) (`redline autopsy list`)\n"
        }
        let problems = portfolio.files.flatMap(\.problems)
        if !problems.isEmpty {
            out += "\n## Problems in the files\n\n"
            for p in problems { out += "- `\(sanitizedForDisplay(p.description))`\n" }
        }
        return out
    }

    static func numbered(_ items: [String]) -> String {
        items.isEmpty ? "- none recorded\n" : items.enumerated().map { "\($0.offset + 1). \($0.element)\n" }.joined()
    }

    /// Escapes a table cell so a `|` in a name cannot break the table.
    static func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
}

/// `redline report --format text`: the same dashboard laid out for a terminal.
public enum ReportText {
    public static func render(_ portfolio: Portfolio, reviews: [EngagementReview?], asOf: Day, glyphs: Glyphs) -> String {
        var out = "Weekly revenue review, \(asOf) (\(asOf.isoWeek))\n"
        for review in reviews.compactMap({ $0 }) {
            let d = WeeklyDashboard(review, glyphs: glyphs)
            out += "\n\(d.title) (\(d.industry))  \(d.status)\n"
            out += "Action: \(d.action)\n"
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
            out += "Stalled deals: \(d.stalled)\nSlipped this quarter: \(d.slipped)\n"
            if let gone = d.gone { out += "Gone from the CRM this week: \(gone)\n" }
            out += "KPI autopsy this quarter: \(AutopsyListing.summary(review.autopsy, asOf: asOf))\n"
        }
        let problems = portfolio.files.flatMap(\.problems)
        if !problems.isEmpty {
            out += "\nProblems in the files:\n"
            for p in problems { out += "  \(sanitizedForDisplay(p.description))\n" }
        }
        return out
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    func leftPadding(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
