/// The board pack of one client as formatted lines, shared by the text, markdown and HTML
/// renderers so each shows the same figures. Data text (names, reasons, autopsy words) goes
/// through `escape`; everything else is our own words and formatted numbers.
public struct BoardPackView: Sendable {
    public struct KPIRow: Sendable {
        public let id: KPIID
        public let name: String
        public let before: String
        public let now: String
        public let change: String
        public let status: String
        public let target: String
    }
    public struct MonthRow: Sendable { public let month: String, forecast: String, actual: String, result: String }
    public struct DealRow: Sendable { public let id: String, amount: String, closedOn: String, name: String, reason: String }
    public struct ImprovementRow: Sendable { public let name: String, change: String, baseline: String, goal: String, value: String, verdict: String }
    public struct ChangeRow: Sendable { public let deal: String, amount: String, why: String, state: String, change: String, owner: String, due: String }

    public let title: String
    public let industry: String
    /// `2026-Q4 (2026-10-01 … 2026-12-31), at its end` / `…, running: judged on 2026-11-23 (59% of the quarter)`.
    public let period: String
    public let status: String
    public let action: String
    public let bookings: String
    public let kpis: [KPIRow]
    public let retention: [KPIRow]
    public let months: [MonthRow]
    public let wins: [DealRow]
    public let losses: [DealRow]
    public let improvements: [ImprovementRow]
    public let autopsy: String
    public let changes: [ChangeRow]
    public let nextQuarter: String
    /// The header of the "before" column: `2026-Q3 end`, or `2026-Q3 at 2026-08-20` while the quarter runs.
    public let beforeLabel: String
    public let nowLabel: String

    public init(_ p: BoardPack, glyphs: Glyphs, escape: (String) -> String) {
        let e = p.engagement, f = ValueFormatter(currency: e.client.currency), q = p.quarter
        title = escape(e.client.name)
        industry = escape(e.client.industryName.replacingOccurrences(of: "_", with: " "))
        period = "\(q) (\(q.firstDay) … \(q.lastDay)), " + (p.complete ? "at its end"
            : "running: judged on \(p.judgedOn) (\(decimals(q.pace(at: p.judgedOn) * 100, 0))% of the quarter)")
        status = glyphs.status(p.review.weeklyStatus)
        action = p.review.action
        beforeLabel = p.complete ? "\(q.previous) end" : "\(q.previous) at \(p.comparedOn)"
        nowLabel = p.complete ? "\(q) end" : "\(p.judgedOn)"
        func row(_ c: BoardPack.Change) -> KPIRow {
            let def = c.now.definition
            return KPIRow(id: c.id, name: def.name(in: e.client.currency), before: f.format(c.before.value, def.unit),
                          now: f.format(c.now.value, def.unit),
                          change: c.delta.map { "\(glyphs.trend(c.now.value, c.before.value)) \(f.change($0, def.unit))" } ?? glyphs.unknownTrend,
                          status: glyphs.status(c.now.status), target: f.target(c.now))
        }
        kpis = p.dashboard.map(row)
        retention = p.retention.map(row)
        let b = p.bookings
        bookings = "\(f.money(b.won)) won in \(decimals(Double(b.deals), 0)) deal\(b.deals == 1 ? "" : "s")"
            + (b.target.map { " of a \(f.money($0)) target" + (b.ratio.map { " (\(decimals($0 * 100, 1))%)" } ?? "") } ?? "; no bookings target for \(q)")
        months = p.months.map { m in
            let result: String
            if let a = m.accuracy { result = "accuracy \(decimals(a * 100, 1))%" }
            else if m.actual == nil { result = "not begun" }
            else if !m.complete { result = "to date" }
            else if m.forecast == nil { result = "no forecast recorded" }
            else { result = "nothing won: no accuracy" }
            return MonthRow(month: m.month.description,
                            forecast: m.forecast.map { "\(f.money($0)) (made \(m.madeOn!))" } ?? "—",
                            actual: m.actual.map(f.money) ?? "—", result: result)
        }
        func deal(_ d: BoardPack.ClosedDeal) -> DealRow {
            DealRow(id: escape(d.id), amount: f.money(d.amount), closedOn: d.closedOn.description, name: escape(d.name),
                    reason: d.lostReason.map(escape) ?? "")
        }
        wins = p.largestWins.map(deal)
        losses = p.largestLosses.map(deal)
        improvements = p.improvements.map { i in
            let unit = i.kpi.definition.unit
            let verdict: String
            switch i.verdict {
            case .met: verdict = p.complete ? "\(glyphs.green) met" : "\(glyphs.green) met so far"
            case .missed: verdict = p.complete ? "\(glyphs.red) missed" : "\(glyphs.red) not met yet"
            case .noBaseline: verdict = "\(glyphs.none) no baseline"
            case .noData: verdict = "\(glyphs.none) no data"
            }
            return ImprovementRow(name: i.kpi.definition.name(in: e.client.currency),
                                  change: (i.target.change > 0 ? "+" : "-") + f.percent(abs(i.target.change)),
                                  baseline: f.format(i.target.baseline, unit), goal: f.format(i.target.goal, unit),
                                  value: f.format(i.kpi.value, unit), verdict: verdict)
        }
        let a = p.review.autopsy
        autopsy = a.rows.isEmpty ? "No deal lost, slipped or stalled in \(q) to \(p.judgedOn)."
            : "\(decimals(Double(a.rows.count), 0)) deal\(a.rows.count == 1 ? "" : "s") lost, slipped or stalled; "
            + "\(decimals(Double(a.writtenCount), 0)) autops\(a.writtenCount == 1 ? "y" : "ies") written; systemic changes: "
            + "\(p.changeCount(.done)) done, \(p.changeCount(.open)) open, \(p.changeCount(.overdue)) overdue."
        changes = p.systemicChanges.map { c in
            ChangeRow(deal: escape(c.dealID), amount: f.money(c.amount), why: c.why, state: c.state.rawValue,
                      change: escape(c.autopsy.systemicChange ?? "—"), owner: escape(c.autopsy.owner ?? "—"),
                      due: c.autopsy.due?.description ?? "—")
        }
        let next = p.nextQuarterCoverage, nextDef = next.now.definition
        nextQuarter = "\(q.next): \(next.now.value.map { f.format($0, nextDef.unit) } ?? next.now.reason ?? "—")  "
            + "\(glyphs.status(next.now.status))  target \(f.target(next.now)); on \(p.comparedOn) it was "
            + "\(f.format(next.before.value, nextDef.unit)) for \(q)"
    }
}

extension ValueFormatter {
    /// A change in a KPI's unit, signed: `+25.0 pts`, `-$5k`, `+0.12x`, `-4.3 d`.
    public func change(_ d: Double, _ unit: KPIUnit) -> String {
        let sign = d > 0 ? "+" : d < 0 ? "-" : "±"
        let a = abs(d)
        switch unit {
        case .ratio: return "\(sign)\(decimals(a * 100, 1)) pts"
        case .money: return sign + money(a)
        case .moneyPerDay: return sign + money(a) + "/day"
        default: return sign + format(a, unit)
        }
    }
}
