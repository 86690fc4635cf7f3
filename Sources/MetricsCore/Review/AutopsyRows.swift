/// Why a deal is on the autopsy list.
public enum AutopsyCause: String, Sendable, CaseIterable {
    case lost, slipped, stalled
    case lowMarginWin = "won_below_margin"
    case earlyChurn = "churned_within_90_days"
}

/// How much one deal hurt one KPI.
public struct KPIImpact: Sendable {
    public let kpi: KPIID
    /// A sentence a CRO can read: "win rate 33.3% with it, 40% without".
    public let detail: String
    /// The change in the KPI's own unit when the formula allows it (negative hurts an ↑ KPI).
    public let delta: Double?
}

/// One deal of the KPI autopsy: why it is there, what it hurt, and the written autopsy if any.
public struct AutopsyRow: Sendable {
    public let deal: Int
    public let dealID: String
    public let name: String
    public let amount: Double
    public let causes: [AutopsyCause]
    public let impacts: [KPIImpact]
    /// The latest autopsy written on or before `t`, if any.
    public let written: Autopsy?
}

/// Lost deals grouped by `lost_reason`.
public struct LostReason: Sendable {
    public let reason: String
    public let count: Int
    public let amount: Double
}

/// The KPI autopsy of a window (QTD by default): lost, slipped and stalled deals and what they hurt.
public struct AutopsyReport: Sendable {
    public let window: DayWindow
    public let rows: [AutopsyRow]
    /// Largest group first: by amount, then by count (kpis.md).
    public let lostReasons: [LostReason]

    public init(current ctx: KPIContext, previous: KPIContext, window: DayWindow? = nil) {
        let w = window ?? ctx.windows.qtd
        self.window = w
        let deals = ctx.deals, snap = ctx.snapshot, t = ctx.t
        let q = ctx.windows.quarter
        let lostIDs = Set(ctx.lost(in: w))
        let wonT90 = ctx.won(in: ctx.windows.t90).count, lostT90Set = Set(ctx.lost(in: ctx.windows.t90))
        let remaining = ctx.engagement.targets.bookings[q.description].map { $0 - ctx.amount(ctx.won(in: ctx.windows.qtd)) }
        let forecastMonths = Set(ctx.engagement.forecasts.filter { $0.madeOn <= t }.map(\.month))
        let openAmount = ctx.amount(snap.open)
        // The KPIs' own formulas (the registry's), not re-derived here: velocity stuck per stalled deal.
        let cycle = ctx.salesCycleDays().value
        let winRate = ctx.winRate().value
        let marginRed = KPICatalog.thresholds(.grossMargin, for: ctx.engagement)?.red
        let money = ValueFormatter(currency: ctx.engagement.client.currency).money
        var written: [String: Autopsy] = [:]
        for a in ctx.engagement.autopsies where a.writtenOn <= t {
            if let old = written[a.deal], old.writtenOn > a.writtenOn { continue }
            written[a.deal] = a
        }
        func coverageHit(_ amount: Double) -> Double? {
            guard let remaining, remaining > 0 else { return nil }
            return -amount / remaining
        }

        // What one lost deal of T90 does to the win rate is the same for each of them: worded once.
        var winRateImpact: KPIImpact?
        if !lostT90Set.isEmpty {
            let with = Double(wonT90) / Double(wonT90 + lostT90Set.count)
            let others = wonT90 + lostT90Set.count - 1
            let without = others > 0 ? Double(wonT90) / Double(others) : nil
            // In percent, as the dashboard shows the win rate (0.3 read as a ratio).
            func percent(_ v: Double) -> String { Improvement.trimmedPercent(v, places: 1) + "%" }
            winRateImpact = KPIImpact(kpi: .winRate, detail: "win rate \(percent(with)) with it, \(without.map(percent) ?? "none") without",
                                      delta: without.map { with - $0 })
        }

        // Only deals that can be on the list: lost, slipped, stalled, or won/churned in the window.
        var candidates = Set(lostIDs)
        candidates.formUnion(snap.stalled)
        candidates.formUnion(ctx.slippedDeals(in: w))
        candidates.formUnion(ctx.won(in: w).filter { deals[$0].deliveryCost != nil })
        candidates.formUnion(ctx.index.withChurn.filter { snap.states[$0].stage == ctx.index.wonStage })

        var rows: [AutopsyRow] = []
        for d in candidates.sorted() {
            let deal = deals[d]
            var causes: [AutopsyCause] = []
            var impacts: [KPIImpact] = []
            if lostIDs.contains(d) {
                causes.append(.lost)
                if lostT90Set.contains(d), let winRateImpact { impacts.append(winRateImpact) }
                let weekBefore = previous.snapshot.states[d]
                if weekBefore.exists, !ctx.index.isOutcomeStage[weekBefore.stage], let close = weekBefore.expectedClose, q.window.contains(close) {
                    let hit = coverageHit(deal.amount)
                    impacts.append(KPIImpact(kpi: .pipelineCoverage, detail: "left this quarter's pipeline (\(money(deal.amount)) of it a week before)", delta: hit))
                    if let p = ctx.index.stages[weekBefore.stage].probability {
                        impacts.append(KPIImpact(kpi: .weightedPipelineCoverage, detail: "weighted \(money(deal.amount * p)) left the pipeline", delta: hit.map { $0 * p }))
                    }
                }
                if let close = snap.states[d].expectedClose ?? deal.expectedClose, forecastMonths.contains(close.month) {
                    impacts.append(KPIImpact(kpi: .forecastAccuracy, detail: "\(money(deal.amount)) expected in \(close.month), a forecast month", delta: nil))
                }
            }
            if ctx.slipped(d, in: w) {
                causes.append(.slipped)
                let moves = deal.closeDateChanges.filter { $0.on <= t && w.contains($0.on) && $0.to > $0.from }
                let added = moves.reduce(0) { $0 + ($1.to - $1.from) }
                if let out = moves.first(where: { q.window.contains($0.from) && $0.to > q.lastDay }) {
                    impacts.append(KPIImpact(kpi: .pipelineCoverage, detail: "slipped out of \(q) (\(out.from) → \(out.to))", delta: coverageHit(deal.amount)))
                    if forecastMonths.contains(out.from.month) {
                        impacts.append(KPIImpact(kpi: .forecastAccuracy, detail: "\(money(deal.amount)) forecast for \(out.from.month) moved out", delta: nil))
                    }
                }
                if added > 0 {
                    impacts.append(KPIImpact(kpi: .salesCycleDays, detail: "close date moved \(added) days later", delta: Double(added)))
                } else if let expected = snap.states[d].expectedClose, expected < t {
                    impacts.append(KPIImpact(kpi: .salesCycleDays, detail: "overdue by \(t - expected) days", delta: Double(t - expected)))
                }
            }
            if snap.isStalled[d] {
                causes.append(.stalled)
                let stage = snap.states[d].stage
                let over = snap.daysInStage(d) - snap.stallThresholds[stage]
                if over > 0 {
                    impacts.append(KPIImpact(kpi: .salesCycleDays, detail: "\(over) days over the \(snap.stallThresholds[stage])-day limit of \(ctx.index.stages[stage].name)", delta: Double(over)))
                } else if let last = deal.lastActivity {
                    impacts.append(KPIImpact(kpi: .salesCycleDays, detail: "no activity for \(t - last) days", delta: nil))
                }
                if let winRate, let cycle, cycle > 0 {
                    impacts.append(KPIImpact(kpi: .pipelineVelocity, detail: "\(money(winRate * deal.amount / cycle))/day of velocity stuck", delta: -(winRate * deal.amount / cycle)))
                }
                if openAmount > 0 {
                    impacts.append(KPIImpact(kpi: .stalledShare, detail: "\(fmt(deal.amount / openAmount * 100))% of open pipeline", delta: deal.amount / openAmount))
                }
            }
            if snap.states[d].stage == ctx.index.wonStage, w.contains(snap.closedOn(d)), let cost = deal.deliveryCost,
               let marginRed, deal.amount > 0, (deal.amount - cost) / deal.amount < marginRed {
                causes.append(.lowMarginWin)
                let margin = (deal.amount - cost) / deal.amount
                impacts.append(KPIImpact(kpi: .grossMargin, detail: "margin \(fmt(margin)) below the red line \(fmt(marginRed))", delta: margin - marginRed))
            }
            if snap.states[d].stage == ctx.index.wonStage, let churn = deal.churn, churn.on <= t, w.contains(churn.on),
               churn.on - snap.closedOn(d) <= 90 {
                causes.append(.earlyChurn)
                impacts.append(KPIImpact(kpi: .nnarr, detail: "churned \(money(churn.amount)) \(churn.on - snap.closedOn(d)) days after winning", delta: -churn.amount))
            }
            guard !causes.isEmpty else { continue }
            rows.append(AutopsyRow(deal: d, dealID: deal.id, name: deal.name, amount: deal.amount, causes: causes,
                                   impacts: impacts, written: written[deal.id]))
        }
        // Sort positions, not the large row values.
        let order = rows.indices.sorted { a, b in
            rows[a].amount != rows[b].amount ? rows[a].amount > rows[b].amount : naturalLess(rows[a].dealID, rows[b].dealID)
        }
        self.rows = order.map { rows[$0] }

        var groups: [String: (Int, Double)] = [:]
        for d in lostIDs {
            let reason = deals[d].lostReason.map { $0.isEmpty ? "(none)" : $0 } ?? "(none)"
            groups[reason, default: (0, 0)].0 += 1
            groups[reason, default: (0, 0)].1 += deals[d].amount
        }
        lostReasons = groups.map { LostReason(reason: $0.key, count: $0.value.0, amount: $0.value.1) }
            .sorted { ($0.amount, $0.count, $1.reason) > ($1.amount, $1.count, $0.reason) }   // kpis.md: largest first by amount, then by count
    }
}

/// A short number for sentences: two decimals for fractions, whole numbers otherwise.
func fmt(_ v: Double) -> String {
    guard v.isFinite else { return "—" }
    // Beyond 1e15 no whole number is exact (and beyond Int it would trap).
    if abs(v) >= 1e15 { return scientific(v) }
    if abs(v) >= 100 || v.rounded() == v { return String(Int(v.rounded())) }
    let scaled = (v * 100).rounded() / 100
    return String(scaled)
}
