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
    /// "3 deals, $120k (largest: D-9 $80k, D-4 $30k, D-2 $10k)"; `nil` in a week none went.
    public let gone: String?
    public let stale: String?

    /// `escape` makes data text safe where it goes: `sanitizedForDisplay` for a terminal,
    /// `markdownText` for markdown.
    public init(_ r: EngagementReview, glyphs: Glyphs, escape: (String) -> String = sanitizedForDisplay) {
        let e = r.engagement
        let f = ValueFormatter(currency: e.client.currency, glyphs: glyphs)
        title = escape(e.client.name)
        industry = escape(e.client.industryName.replacingOccurrences(of: "_", with: " "))
        status = glyphs.status(r.weeklyStatus)
        action = r.action
        // Our own words: KPI names, formatted values and a currency code (never file text).
        why = glyphs.text(r.verdict.summary)
        rows = r.dashboard.map { id in
            let k = r.kpi(id), before = r.previousKPI(id), def = k.definition
            let trend = "\(glyphs.trend(k.value, before.value)) from \(f.format(before.value, def.unit))"
            return Row(name: def.name(in: e.client.currency), value: k.value == nil ? (k.status == .green ? (k.reason ?? glyphs.dash) : glyphs.dash) : f.format(k.value, def.unit),
                       target: f.target(k), status: glyphs.status(k.status), trend: trend)
        }
        if let b = r.bottleneck {
            bottleneck = "\(escape(b.name)): \(decimals(Double(b.stalledCount), 0)) stalled deal\(b.stalledCount == 1 ? "" : "s"), \(f.money(b.stalledAmount))"
        } else {
            bottleneck = "none: no stalled deals"
        }
        func line(_ a: Action) -> String {
            escape(a.text) + (a.kpi.map { " (\(escape($0)))" } ?? "") + (a.status == "done" && a.week == r.asOf.isoWeek ? " [done]" : "")
        }
        done = r.actionsDoneLastWeek.prefix(3).map(line)
        planned = r.actionsThisWeek.prefix(3).map(line)
        gone = Self.gone(r, f, escape: escape)
        // What to do about it: a fresh export, or the review of the data as it was.
        stale = r.isStale ? "Data is stale: exported \(e.dataAsOf!), \(r.asOf - e.dataAsOf!) days before this review: "
            + "import a fresh export, or review it as it was with --as-of \(e.dataAsOf!)." : nil
    }

    /// Shown biggest first, at most three, so the line stays one line.
    static let goneShown = 3

    static func gone(_ r: EngagementReview, _ f: ValueFormatter, escape: (String) -> String) -> String? {
        guard !r.gone.isEmpty else { return nil }
        let deals = r.index.deals
        let top = r.gone.prefix(goneShown).map { "\(escape(deals[$0].id)) \(f.money(r.index.amount[$0]))" }
        let total = r.gone.reduce(0) { $0 + r.index.amount[$1] }
        return "\(decimals(Double(r.gone.count), 0)) deal\(r.gone.count == 1 ? "" : "s"), \(f.money(total)) (\(r.gone.count > goneShown ? "largest: " : "")\(top.joined(separator: ", ")))"
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    func leftPadding(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
