/// Funnel, team and review-discipline KPIs.
extension KPIContext {
    /// Σ of a funnel field over `months`; a month without the field is a missing month.
    func funnelSum(_ months: [YearMonth], _ field: String, _ value: (FunnelMonth) -> Double?) -> Result<Double, KPIFailure> {
        switch sum(months, { engagement.funnel[$0].flatMap(value) }) {
        case .success(let s): return .success(s)
        case .failure(let f): return .failure(KPIFailure("no funnel \(field) for \(f.month)"))
        }
    }

    func pqlToPaid() -> Measurement {
        let months = windows.t3m
        switch (funnelSum(months, "pql_converted", \.pqlConverted), funnelSum(months, "pqls", \.pqls)) {
        case (.failure(let f), _), (_, .failure(let f)): return .noData(f.reason)
        case (.success(let converted), .success(let pqls)):
            guard pqls > 0 else { return .noData("no PQLs in \(describe(months))") }
            return .value(converted / pqls)
        }
    }

    func costPerQualifiedMeeting() -> Measurement {
        let months = windows.t3m
        let spend: Double
        switch self.spend(months) {
        case .success(let s): spend = s
        case .failure(let f): return .noData("no spend for \(f.month)")
        }
        switch funnelSum(months, "qualified_meetings", \.qualifiedMeetings) {
        case .failure(let f): return .noData(f.reason)
        case .success(let meetings):
            guard meetings > 0 else { return .noData("no qualified meetings in \(describe(months))") }
            return .value(spend / meetings)
        }
    }

    func inboundToOpportunity() -> Measurement {
        let months = windows.t3m
        switch funnelSum(months, "inbound_leads", \.inboundLeads) {
        case .failure(let f): return .noData(f.reason)
        case .success(let leads):
            guard leads > 0 else { return .noData("no inbound leads in \(describe(months))") }
            let window = Self.days(of: months)
            let created = deals.indices.filter { d in
                index.isInbound[d] && window.contains(Day(ordinal: index.createdOn[d])) && index.createdOn[d] <= t.ordinal
            }.count
            return .value(Double(created) / leads)
        }
    }

    func quotaAttainment() -> Measurement {
        let q = windows.quarter.description
        let reps = engagement.reps.filter { $0.isActive(at: t) && $0.quota[q] != nil }
        guard !reps.isEmpty else { return .noData("no active rep has a quota for \(q)") }
        var wonBy: [String: Double] = [:]
        for d in won(in: windows.qtd) { if let o = deals[d].owner { wonBy[o, default: 0] += deals[d].amount } }
        let pace = windows.pace
        var onPace = 0
        var breakdown: [(label: String, value: Double)] = []
        for rep in reps {
            let quota = rep.quota[q]!
            let wonAmount = wonBy[rep.id] ?? 0
            if wonAmount >= quota * pace { onPace += 1 }
            breakdown.append((label: rep.name, value: quota > 0 ? wonAmount / quota : 0))
        }
        var m = Measurement.value(Double(onPace) / Double(reps.count))
        m.breakdown = breakdown
        return m
    }

    func revenuePerRep() -> Measurement {
        let active = engagement.reps.filter { $0.isActive(at: t) }.count
        guard active > 0 else { return .noData("no reps active at \(t)") }
        return .value(total(.won(Self.days(of: windows.t12m)), .amount) / Double(active))
    }

    /// Lost and slipped deals of QTD, by deal index: what autopsy coverage and the autopsy pane count.
    func lostOrSlipped(in window: DayWindow) -> [Int] {
        Set(lost(in: window)).union(slippedDeals(in: window)).sorted()
    }

    func autopsyCoverage() -> Measurement {
        let due = lostOrSlipped(in: windows.qtd)
        guard !due.isEmpty else { return .noData("no deals lost or slipped in \(windows.quarter) to date") }
        let covered = Set(engagement.autopsies.filter { $0.writtenOn <= t }.map(\.deal))
        return .value(Double(due.filter { covered.contains(deals[$0].id) }.count) / Double(due.count))
    }
}
