/// `redline report --quarter Q --format json`: the board pack, format `redline.boardpack/1`
/// (docs/board-pack.md). A document of its own: the weekly report's contract is unchanged.
public enum BoardPackJSON {
    public static let formatTag = "redline.boardpack/1"

    public static func render(_ portfolio: Portfolio, packs: [BoardPack?], quarter: QuarterLabel, asOf: Day) -> String {
        let clients = zip(portfolio.files, packs).compactMap { file, p in p.map { client(file, $0) } }
        return JSONOutput.object([
            ("format", .string(formatTag)),
            ("quarter", .string(quarter.description)),
            ("as_of", .string(asOf.description)),
            ("clients", .array(clients)),
            ("problems", .array(portfolio.files.flatMap { $0.problems.map(ReportJSON.problem) })),
        ]).rendered()
    }

    static func client(_ file: LoadedFile, _ p: BoardPack) -> JSONOutput {
        let e = p.engagement, q = p.quarter
        let a = p.review.autopsy
        return .object([
            ("file", .string(file.file)),
            ("client", .string(e.client.id)),
            ("name", .string(e.client.name)),
            ("industry", .string(e.client.industryName)),
            ("currency", .string(e.client.currency)),
            ("quarter", .object([("id", .string(q.description)), ("from", .string(q.firstDay.description)), ("to", .string(q.lastDay.description)),
                                 ("judged_on", .string(p.judgedOn.description)), ("complete", .bool(p.complete)),
                                 ("previous_end", .string(p.previousEnd.description)), ("compared_on", .string(p.comparedOn.description))])),
            ("status", .string(p.review.weeklyStatus.rawValue)),
            ("action", .string(p.review.action)),
            ("kpis", .array(p.dashboard.map(change))),
            ("bookings", .object([("won", .number(p.bookings.won)), ("deals", .number(Double(p.bookings.deals))),
                                  ("target", .optional(p.bookings.target)), ("ratio", .optional(p.bookings.ratio))])),
            ("months", .array(p.months.map { m in
                .object([("month", .string(m.month.description)), ("forecast", .optional(m.forecast)), ("made_on", .optional(m.madeOn)),
                         ("actual", .optional(m.actual)), ("complete", .bool(m.complete)), ("target", .optional(m.target)),
                         ("accuracy", .optional(m.accuracy))])
            })),
            ("retention", .array(p.retention.map(change))),
            ("largest_wins", .array(p.largestWins.map { deal($0, lost: false) })),
            ("largest_losses", .array(p.largestLosses.map { deal($0, lost: true) })),
            ("improvements", .array(p.improvements.map { i in
                .object([("kpi", .string(i.kpi.id.rawValue)), ("change", .number(i.target.change)), ("baseline", .optional(i.target.baseline)),
                         ("goal", .optional(i.target.goal)), ("value", .optional(i.kpi.value)), ("status", .string(i.kpi.status.rawValue)),
                         ("result", .string(i.verdict.rawValue))])
            })),
            ("autopsy", .object([
                ("window", .object([("from", .string(a.window.start.description)), ("to", .string(a.window.end.description))])),
                ("deals", .number(Double(a.rows.count))),
                ("written", .number(Double(a.writtenCount))),
                ("changes", .object([ChangeState.done, .open, .overdue].map { ($0.rawValue, .number(Double(p.changeCount($0)))) })),
                ("systemic_changes", .array(p.systemicChanges.map { c in
                    .object([("deal", .string(c.dealID)), ("name", .string(c.dealName)), ("amount", .number(c.amount)),
                             ("causes", .array(c.why.split(separator: "+").map { .string(String($0)) })),
                             ("root_cause", .optional(c.autopsy.rootCause)), ("systemic_change", .optional(c.autopsy.systemicChange)),
                             ("owner", .optional(c.autopsy.owner)), ("due", .optional(c.autopsy.due)),
                             ("written_on", .string(c.autopsy.writtenOn.description)), ("state", .string(c.state.rawValue))])
                })),
                ("lost_reasons", .array(a.lostReasons.map { .object([("reason", .string($0.reason)), ("count", .number(Double($0.count))), ("amount", .number($0.amount))]) })),
            ])),
            ("next_quarter_coverage", change(p.nextQuarterCoverage)),
            ("funnel", ReportJSON.funnel(p.review.funnel)),
            ("waterfall", ReportJSON.waterfall(p.waterfall)),
        ])
    }

    /// A KPI on the judging day and on `compared_on`.
    static func change(_ c: BoardPack.Change) -> JSONOutput {
        .object([
            ("id", .string(c.id.rawValue)),
            ("name", .string(c.now.definition.name)),
            ("value", .optional(c.now.value)),
            ("status", .string(c.now.status.rawValue)),
            ("thresholds", thresholds(c.now)),
            ("reason", .optional(c.now.reason)),
            ("previous_quarter", .object([("value", .optional(c.before.value)), ("status", .string(c.before.status.rawValue)),
                                          ("reason", .optional(c.before.reason))])),
            ("change", .optional(c.delta)),
        ])
    }

    /// The weekly report's `thresholds` (one definition: taken from its KPI object).
    static func thresholds(_ k: KPIResult) -> JSONOutput {
        guard case .object(let members) = ReportJSON.kpi(k, previous: nil), let t = members.first(where: { $0.0 == "thresholds" }) else { return .null }
        return t.1
    }

    static func deal(_ d: BoardPack.ClosedDeal, lost: Bool) -> JSONOutput {
        var members: [(String, JSONOutput)] = [("deal", .string(d.id)), ("name", .string(d.name)), ("account", .optional(d.account)),
                                                ("amount", .number(d.amount)), ("closed_on", .string(d.closedOn.description))]
        if lost { members.append(("lost_reason", .optional(d.lostReason))) }
        return .object(members)
    }
}
