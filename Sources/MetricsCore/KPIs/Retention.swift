/// Retention and revenue-base KPIs: NRR, GRR, logo retention, ARR, top-3 concentration.
extension KPIContext {
    /// Each account's revenue before and now, on the client's retention basis, or why not.
    func retentionPairs() -> Result<[(before: Double, now: Double)], KPIFailure> {
        let accounts = engagement.accounts
        let beforeMonths: [YearMonth], nowMonths: [YearMonth]
        switch engagement.client.retentionBasis {
        case .recurring: beforeMonths = [windows.m - 12]; nowMonths = [windows.m]
        case .trailing: beforeMonths = windows.p12m; nowMonths = windows.t12m
        }
        if let missing = firstMonthWithoutRevenue(beforeMonths + nowMonths) {
            return .failure(KPIFailure("no account revenue for \(missing)"))
        }
        let pairs = accounts.map { a in
            (before: beforeMonths.reduce(0) { $0 + (a.revenue[$1] ?? 0) }, now: nowMonths.reduce(0) { $0 + (a.revenue[$1] ?? 0) })
        }.filter { $0.before > 0 }
        guard !pairs.isEmpty else { return .failure(KPIFailure("no accounts with revenue in \(describe(beforeMonths))")) }
        return .success(pairs)
    }

    /// The first month no account has an entry for.
    func firstMonthWithoutRevenue(_ months: [YearMonth]) -> YearMonth? {
        months.first { m in !engagement.accounts.contains { $0.revenue[m] != nil } }
    }

    func nrr() -> Measurement {
        retention { pairs in pairs.reduce(0) { $0 + $1.now } / pairs.reduce(0) { $0 + $1.before } }
    }

    func grr() -> Measurement {
        retention { pairs in pairs.reduce(0) { $0 + min($1.now, $1.before) } / pairs.reduce(0) { $0 + $1.before } }
    }

    func logoRetention() -> Measurement {
        retention { pairs in Double(pairs.filter { $0.now > 0 }.count) / Double(pairs.count) }
    }

    func retention(_ formula: ([(before: Double, now: Double)]) -> Double) -> Measurement {
        switch retentionPairs() {
        case .success(let pairs): return .value(formula(pairs))
        case .failure(let f): return .noData(f.reason)
        }
    }

    func arr() -> Measurement {
        guard engagement.client.retentionBasis == .recurring else {
            return .noData("ARR needs recurring revenue; this client's retention_basis is trailing")
        }
        if let missing = firstMonthWithoutRevenue([windows.m]) { return .noData("no account revenue for \(missing)") }
        return .value(12 * engagement.accounts.reduce(0) { $0 + ($1.revenue[windows.m] ?? 0) })
    }

    func top3Concentration() -> Measurement {
        let months = windows.t12m
        if let missing = firstMonthWithoutRevenue(months) { return .noData("no account revenue for \(missing)") }
        let totals = engagement.accounts.map { a in months.reduce(0) { $0 + (a.revenue[$1] ?? 0) } }.sorted(by: >)
        let all = totals.reduce(0, +)
        guard all > 0 else { return .noData("no account revenue in \(describe(months))") }
        return .value(totals.prefix(3).reduce(0, +) / all)
    }
}

/// Why a KPI has no value.
struct KPIFailure: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
