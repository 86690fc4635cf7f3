/// Growth and efficiency KPIs: net new ARR, NNARR, C2RE, CAC payback, magic number, gross margin.
extension KPIContext {
    static let newBusiness: Set<Deal.Kind> = [.newLogo, .expansion]

    /// Σ `churn.amount` of any deal with `churn.on` in `window` (and on or before `t`).
    func churn(in window: DayWindow) -> Double {
        index.withChurn.reduce(0) { sum, d in
            guard let c = deals[d].churn, window.contains(c.on), c.on <= t else { return sum }
            return sum + c.amount
        }
    }

    func netNewARR() -> Measurement {
        let won = self.won(in: windows.qtd).filter { index.isNewBusiness[$0] }
        return .value(annualized(won) - churn(in: windows.qtd))
    }

    /// ARR of won `new_logo` deals in `ids`, less their own churn within 90 days of winning (by `t`).
    func adjustedNewLogoARR(_ ids: [Int]) -> Double {
        ids.filter { index.isNewLogo[$0] }.reduce(0) { sum, d in
            var value = index.annualized[d]
            if let c = deals[d].churn, c.on <= t, c.on - closedOn(d) <= 90 { value -= c.amount }
            return sum + value
        }
    }

    func nnarr() -> Measurement { .value(adjustedNewLogoARR(won(in: windows.qtd))) }

    func c2re() -> Measurement {
        let m = windows.m
        guard let spend = engagement.spend[m] else { return .noData("no spend for \(m)") }
        let nnarr = adjustedNewLogoARR(won(inMonths: [m]))
        guard nnarr > 0 else { return .noData("nnarr of deals won in \(m) is not above 0") }
        return .value((spend + (engagement.terms.monthlyFee ?? 0)) / nnarr)
    }

    func cacPaybackMonths() -> Measurement {
        guard let margin = engagement.client.grossMargin else { return .noData("client.gross_margin is not set") }
        let months = windows.t3m
        let spend: Double
        switch self.spend(months) {
        case .success(let s): spend = s
        case .failure(let f): return .noData("no spend for \(f.month)")
        }
        let arr = annualized(won(inMonths: months).filter { index.isNewBusiness[$0] })
        let monthlyGross = arr / 12 * margin
        guard monthlyGross > 0 else { return .noData("no new_logo or expansion ARR won in \(describe(months)) (or gross_margin is 0)") }
        return .value(spend / monthlyGross)
    }

    func magicNumber() -> Measurement {
        let pq = windows.previousQuarter
        let before = pq.previous
        let spend: Double
        switch self.spend(before.months) {
        case .success(let s): spend = s
        case .failure(let f): return .noData("no spend for \(f.month)")
        }
        guard spend > 0 else { return .noData("no spend in \(before)") }
        let won = self.won(in: pq.window).filter { index.isNewBusiness[$0] }
        return .value((annualized(won) - churn(in: pq.window)) / spend)
    }

    func grossMargin(redLine: Double?) -> Measurement {
        let won = self.won(in: windows.t90).filter { deals[$0].deliveryCost != nil }
        let revenue = amount(won)
        var m: Measurement
        if won.isEmpty || revenue <= 0 {
            m = .noData("no won deal with delivery_cost in \(describe(windows.t90))")
        } else {
            m = .value(won.reduce(0) { $0 + deals[$1].amount - deals[$1].deliveryCost! } / revenue)
        }
        // Open deals whose own margin is below the red line: flag before signing.
        if let redLine, showsDetails {
            m.flaggedDeals = open.filter { d in
                guard let cost = deals[d].deliveryCost, deals[d].amount > 0 else { return false }
                return (deals[d].amount - cost) / deals[d].amount < redLine
            }.map { deals[$0].id }.sorted()
        }
        return m
    }
}
