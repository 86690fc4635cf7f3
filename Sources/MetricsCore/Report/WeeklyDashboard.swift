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
    /// Why this colour, in one line.
    public let why: String
    public let rows: [Row]
    public let bottleneck: String
    public let done: [String]
    public let planned: [String]
    public let stalled: String
    public let slipped: String
    public let stale: String?

    /// `escape` makes data text safe where it goes: `sanitizedForDisplay` for a terminal,
    /// `markdownText` for markdown.
    public init(_ r: EngagementReview, glyphs: Glyphs, escape: (String) -> String = sanitizedForDisplay) {
        let e = r.engagement
        let f = ValueFormatter(currency: e.client.currency)
        title = escape(e.client.name)
        industry = escape(e.client.industryName.replacingOccurrences(of: "_", with: " "))
        status = glyphs.status(r.weeklyStatus)
        action = r.action
        // Our own words: KPI names, formatted values and a currency code (never file text).
        why = r.verdict.reasons.map(\.message).joined(separator: "; ")
        rows = r.dashboard.map { id in
            let k = r.kpi(id), before = r.previousKPI(id), def = k.definition
            let trend = "\(glyphs.trend(k.value, before.value)) from \(f.format(before.value, def.unit))"
            return Row(name: def.name(in: e.client.currency), value: k.value == nil ? (k.status == .green ? (k.reason ?? "—") : "—") : f.format(k.value, def.unit),
                       target: f.thresholds(k.thresholds, def), status: glyphs.status(k.status), trend: trend)
        }
        if let b = r.bottleneck {
            bottleneck = "\(escape(b.name)): \(b.stalledCount) stalled deal\(b.stalledCount == 1 ? "" : "s"), \(f.money(b.stalledAmount))"
        } else {
            bottleneck = "none: no stalled deals"
        }
        func line(_ a: Action) -> String {
            escape(a.text) + (a.kpi.map { " (\(escape($0)))" } ?? "") + (a.status == "done" && a.week == r.asOf.isoWeek ? " [done]" : "")
        }
        done = r.actionsDoneLastWeek.prefix(3).map(line)
        planned = r.actionsThisWeek.prefix(3).map(line)
        stalled = r.stalledDeals.isEmpty ? "none" : r.stalledDeals.map(escape).joined(separator: ", ")
        slipped = r.slippedDeals.isEmpty ? "none" : r.slippedDeals.map(escape).joined(separator: ", ")
        stale = r.isStale ? "Data is stale: exported \(e.dataAsOf!), \(r.asOf - e.dataAsOf!) days before this review." : nil
    }
}

/// `redline report --format markdown`: one page per client, ready to paste in an e-mail.
public enum ReportMarkdown {
    public static func render(_ portfolio: Portfolio, reviews: [EngagementReview?], asOf: Day) -> String {
        var out = "# Weekly revenue review, \(asOf) (\(asOf.isoWeek))\n"
        for review in reviews.compactMap({ $0 }).sorted(by: EngagementReview.portfolioPrecedes) {
            let d = WeeklyDashboard(review, glyphs: .unicode, escape: markdownText)
            out += "\n## \(d.title) (\(d.industry)): \(d.status)\n\n"
            out += "**Action:** \(d.action)  \n**Why:** \(d.why)\n\n"
            if let stale = d.stale { out += "> \(stale)\n\n" }
            out += "| KPI | Value | Target | Status | vs last week |\n| --- | ---: | --- | --- | --- |\n"
            for row in d.rows {
                out += "| \(cell(row.name)) | \(cell(row.value)) | \(cell(row.target)) | \(row.status) | \(cell(row.trend)) |\n"
            }
            out += "\n**Biggest bottleneck:** \(d.bottleneck)\n\n"
            out += "**Done last week:**\n" + numbered(d.done) + "\n"
            out += "**Planned this week:**\n" + numbered(d.planned) + "\n"
            out += "**Stalled deals:** \(d.stalled)  \n**Slipped this quarter:** \(d.slipped)  \n"
            out += "**KPI autopsy this quarter:** \(AutopsyListing.summary(review.autopsy, asOf: asOf)) (`redline autopsy list`)\n"
        }
        let problems = portfolio.files.flatMap(\.problems)
        if !problems.isEmpty {
            out += "\n## Problems in the files\n\n"
            for p in problems { out += "- \(markdownText(p.description))\n" }
        }
        return out
    }

    static func numbered(_ items: [String]) -> String {
        items.isEmpty ? "- none recorded\n" : items.enumerated().map { "\($0.offset + 1). \($0.element)\n" }.joined()
    }

    /// Escapes a table cell of our own words so a `|` cannot break the table (data text is already `markdownText`).
    static func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
}

/// `redline report --format text`: the same dashboard laid out for a terminal.
public enum ReportText {
    public static func render(_ portfolio: Portfolio, reviews: [EngagementReview?], asOf: Day, glyphs: Glyphs) -> String {
        var out = "Weekly revenue review, \(asOf) (\(asOf.isoWeek))\n"
        for review in reviews.compactMap({ $0 }).sorted(by: EngagementReview.portfolioPrecedes) {
            let d = WeeklyDashboard(review, glyphs: glyphs)
            out += "\n\(d.title) (\(d.industry))  \(d.status)\n"
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
            out += "Stalled deals: \(d.stalled)\nSlipped this quarter: \(d.slipped)\n"
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
