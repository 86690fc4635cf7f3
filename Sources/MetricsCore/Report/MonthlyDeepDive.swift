/// The monthly deep dive of the seeds: every deal lost or slipped in a month and stalled at its
/// end, grouped by the root cause and by the systemic change written for it, with what winning
/// each would have done to the dashboard (the what-if), where each systemic change stands, and
/// the deals still without an autopsy.
public struct MonthlyDeepDive: Sendable {
    public struct Group: Sendable {
        /// The root cause or systemic change as written (sanitized when shown).
        public let text: String
        public let rows: [AutopsyRow]
        public var amount: Double { rows.reduce(0) { $0 + $1.amount } }
        /// Dashboard KPIs whose status a what-if of one of these deals improves, with how many deals.
        public let statusGains: [(kpi: KPIID, deals: Int)]
    }

    public let month: YearMonth
    /// The month's last day, or the review date in a running month.
    public let asOf: Day
    public let review: EngagementReview
    public let byRootCause: [Group]
    public let bySystemicChange: [Group]
    public let unwritten: [AutopsyRow]

    public init(_ index: EngagementIndex, month: YearMonth, asOf t: Day) {
        self.month = month
        let end = min(month.lastDay, t)
        asOf = end
        let review = EngagementReview(index: index, asOf: end, autopsyWindow: DayWindow(month.firstDay, end))
        self.review = review
        let whatIfs = Dictionary(uniqueKeysWithValues: review.whatIfs().map { ($0.deal, $0) })
        func group(_ key: (Autopsy) -> String?) -> [Group] {
            let review = review
            var order: [String] = [], members: [String: [AutopsyRow]] = [:]
            for row in review.autopsy.rows {
                guard let written = row.written, let k = key(written)?.trimmingCharacters(in: .whitespaces), !k.isEmpty else { continue }
                if members[k] == nil { order.append(k) }
                members[k, default: []].append(row)
            }
            return order.map { k in
                var gains: [KPIID: Int] = [:]
                for row in members[k]! {
                    for c in whatIfs[row.deal]?.changes ?? [] where c.after.status.severity < c.before.status.severity && c.after.status.severity > 0 {
                        gains[c.kpi, default: 0] += 1
                    }
                }
                let ordered = review.dashboard.compactMap { id in gains[id].map { (id, $0) } }
                return Group(text: k, rows: members[k]!, statusGains: ordered)
            }.sorted { $0.amount != $1.amount ? $0.amount > $1.amount : $0.rows.count > $1.rows.count }
        }
        let causes = group(\.rootCause), changes = group(\.systemicChange)
        byRootCause = causes
        bySystemicChange = changes
        unwritten = review.autopsy.rows.filter { $0.written == nil }.sorted { $0.amount > $1.amount }
    }
}

extension AutopsyListing {
    /// `redline autopsy list --month 2026-11` as text.
    public static func monthText(_ dives: [MonthlyDeepDive], glyphs: Glyphs = .unicode) -> String {
        var out = ""
        for dive in dives {
            let r = dive.review
            let f = ValueFormatter(currency: r.engagement.client.currency)
            out += "\(sanitizedForDisplay(r.engagement.client.name)): deep dive of \(dive.month) (as of \(dive.asOf))\n"
            out += summary(r.autopsy, asOf: dive.asOf) + "\n"
            for (title, groups) in [("By root cause", dive.byRootCause), ("By systemic change", dive.bySystemicChange)] where !groups.isEmpty {
                out += "  \(title):\n"
                for g in groups {
                    out += "    \(g.rows.count) deal\(g.rows.count == 1 ? "" : "s"), \(f.money(g.amount)): \(sanitizedForDisplay(g.text))\n"
                    out += "      \(g.rows.map { sanitizedForDisplay($0.dealID) }.joined(separator: ", "))"
                    if !g.statusGains.isEmpty {
                        out += "; won, they would have lifted " + g.statusGains.map { "\($0.kpi.shortLabel) (\($0.deals))" }.joined(separator: ", ")
                    }
                    out += "\n"
                }
            }
            let changes = r.autopsy.rows.compactMap { row in row.written.flatMap { w in w.systemicChange.map { (row, w, $0) } } }
            if !changes.isEmpty {
                out += "  Systemic changes:\n"
                for (row, w, change) in changes {
                    out += "    \(w.changeState(on: dive.asOf).rawValue.padding(8))  \(sanitizedForDisplay(row.dealID))  \(sanitizedForDisplay(change))"
                        + " (owner \(sanitizedForDisplay(w.owner ?? "—")), due \(w.due.map { "\($0)" } ?? "—"))\n"
                }
            }
            out += dive.unwritten.isEmpty ? "  Every deal has its autopsy.\n"
                : "  Without an autopsy (\(dive.unwritten.count)): " + dive.unwritten.prefix(10).map { "\(sanitizedForDisplay($0.dealID)) \(f.money($0.amount)) \($0.why)" }.joined(separator: ", ")
                    + (dive.unwritten.count > 10 ? ", and \(dive.unwritten.count - 10) more" : "") + "\n"
            out += "\n"
        }
        return out
    }
}
