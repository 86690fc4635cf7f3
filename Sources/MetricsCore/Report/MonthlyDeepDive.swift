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
    /// Every written systemic change of the month's deals, in the autopsy's order, with where it stands on `asOf`.
    public let changes: [Change]
    public let unwritten: [AutopsyRow]

    /// A written systemic change: its deal's row, the autopsy, and open, done or overdue on `asOf`.
    public struct Change: Sendable {
        public let row: AutopsyRow
        public let autopsy: Autopsy
        public let text: String
        public let state: ChangeState
    }

    /// How many systemic changes stand at `state`.
    public func count(_ state: ChangeState) -> Int { changes.filter { $0.state == state }.count }

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
        self.changes = review.autopsy.rows.compactMap { row in
            row.written.flatMap { w in w.systemicChange.map { Change(row: row, autopsy: w, text: $0, state: w.changeState(on: end)) } }
        }
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
            out += summary(r.autopsy, asOf: dive.asOf, period: "in \(dive.month)") + "\n"
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
            if !dive.changes.isEmpty {
                out += "  Systemic changes:\n"
                for c in dive.changes {
                    out += "    \(c.state.rawValue.padding(8))  \(sanitizedForDisplay(c.row.dealID))  \(sanitizedForDisplay(c.text))"
                        + " (owner \(sanitizedForDisplay(c.autopsy.owner ?? glyphs.dash)), due \(c.autopsy.due.map { "\($0)" } ?? glyphs.dash))\n"
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

extension AutopsyListing {
    /// `redline autopsy list --month 2026-11 --format markdown`: the same deep dive as tables.
    /// Every text from the file goes through `markdownText` (the output sink sanitizes the rest).
    public static func monthMarkdown(_ dives: [MonthlyDeepDive], month: YearMonth) -> String {
        var out = "# Monthly deep dive, \(month)\n"
        for dive in dives {
            let r = dive.review
            let f = ValueFormatter(currency: r.engagement.client.currency)
            out += "\n## \(markdownText(r.engagement.client.name)): \(dive.month) (as of \(dive.asOf))\n\n"
            out += summary(r.autopsy, asOf: dive.asOf, period: "in \(dive.month)") + "\n"
            for (title, column, groups) in [("By root cause", "Root cause", dive.byRootCause), ("By systemic change", "Systemic change", dive.bySystemicChange)] where !groups.isEmpty {
                out += "\n### \(title)\n\n| \(column) | Deals | Amount | Deal ids | Won, they would have lifted |\n| --- | ---: | ---: | --- | --- |\n"
                for g in groups {
                    let gains = g.statusGains.isEmpty ? "—" : g.statusGains.map { "\($0.kpi.shortLabel) (\($0.deals))" }.joined(separator: ", ")
                    out += "| \(markdownText(g.text)) | \(g.rows.count) | \(f.money(g.amount)) | \(g.rows.map { markdownText($0.dealID) }.joined(separator: ", ")) | \(gains) |\n"
                }
            }
            if !dive.changes.isEmpty {
                out += "\n### Systemic changes\n\n"
                out += "\(dive.count(.done)) done, \(dive.count(.open)) open, \(dive.count(.overdue)) overdue on \(dive.asOf).\n\n"
                out += "| Status | Deal | Systemic change | Owner | Due |\n| --- | --- | --- | --- | --- |\n"
                for c in dive.changes {
                    out += "| \(c.state == .overdue ? "**overdue**" : c.state.rawValue) | \(markdownText(c.row.dealID)) | \(markdownText(c.text)) | \(markdownText(c.autopsy.owner ?? "—")) | \(c.autopsy.due.map { "\($0)" } ?? "—") |\n"
                }
            }
            out += "\n### Without an autopsy (\(dive.unwritten.count))\n\n"
            if dive.unwritten.isEmpty { out += "Every deal has its autopsy.\n"; continue }
            out += "| Deal | Amount | Why | KPIs hurt |\n| --- | ---: | --- | --- |\n"
            for row in dive.unwritten {
                let hurt = row.kpisHurt.isEmpty ? "—" : row.kpisHurt.map(markdownText).joined(separator: ", ")
                out += "| \(markdownText(row.dealID)) \(markdownText(row.name)) | \(f.money(row.amount)) | \(row.why) | \(hurt) |\n"
            }
        }
        return out
    }
}

extension AutopsyListing {
    public static let deepDiveFormatTag = "redline.deepdive/1"

    /// `redline autopsy list --month 2026-11 --format json`: the deep dive for scripts, format
    /// `redline.deepdive/1` (docs/editing.md). `dives` line up with `portfolio.files` (nil for a
    /// rejected file, whose problems are listed).
    public static func monthJSON(_ portfolio: Portfolio, dives: [MonthlyDeepDive?], month: YearMonth) -> String {
        let clients = zip(portfolio.files, dives).compactMap { file, dive in dive.map { monthClient(file, $0) } }
        return JSONOutput.object([
            ("format", .string(deepDiveFormatTag)),
            ("month", .string(month.description)),
            ("clients", .array(clients)),
            ("problems", .array(portfolio.files.flatMap { $0.problems.map(ReportJSON.problem) })),
        ]).rendered()
    }

    static func monthClient(_ file: LoadedFile, _ dive: MonthlyDeepDive) -> JSONOutput {
        let e = dive.review.engagement, a = dive.review.autopsy
        func causes(_ row: AutopsyRow) -> JSONOutput { .array(row.causes.map { .string($0.word) }) }
        func group(_ g: MonthlyDeepDive.Group) -> JSONOutput {
            .object([("text", .string(g.text)), ("count", .number(Double(g.rows.count))), ("amount", .number(g.amount)),
                     ("deals", .array(g.rows.map { .string($0.dealID) })),
                     ("would_lift", .array(g.statusGains.map { .object([("kpi", .string($0.kpi.rawValue)), ("deals", .number(Double($0.deals)))]) }))])
        }
        return .object([
            ("file", .string(file.file)),
            ("client", .string(e.client.id)),
            ("name", .string(e.client.name)),
            ("currency", .string(e.client.currency)),
            ("from", .string(dive.month.firstDay.description)),
            ("as_of", .string(dive.asOf.description)),
            ("deals", .number(Double(a.rows.count))),
            ("written", .number(Double(a.writtenCount))),
            ("changes", .object([ChangeState.done, .open, .overdue].map { ($0.rawValue, .number(Double(dive.count($0)))) })),
            ("by_root_cause", .array(dive.byRootCause.map(group))),
            ("by_systemic_change", .array(dive.bySystemicChange.map(group))),
            ("systemic_changes", .array(dive.changes.map { c in
                .object([("deal", .string(c.row.dealID)), ("name", .string(c.row.name)), ("amount", .number(c.row.amount)), ("causes", causes(c.row)),
                         ("root_cause", .optional(c.autopsy.rootCause)), ("systemic_change", .string(c.text)),
                         ("owner", .optional(c.autopsy.owner)), ("due", .optional(c.autopsy.due)),
                         ("written_on", .string(c.autopsy.writtenOn.description)), ("state", .string(c.state.rawValue))])
            })),
            ("without_autopsy", .array(dive.unwritten.map { row in
                .object([("deal", .string(row.dealID)), ("name", .string(row.name)), ("amount", .number(row.amount)), ("causes", causes(row)),
                         ("kpis_hurt", .array(row.kpisHurt.map { .string($0) }))])
            })),
        ])
    }
}
