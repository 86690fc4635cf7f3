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
        .value(total(.won(windows.qtd), .newBusinessAnnualized) - churn(in: windows.qtd))
    }

    func nnarr() -> Measurement { .value(total(.won(windows.qtd), .adjustedNewLogoARR)) }

    func c2re() -> Measurement {
        let m = windows.m
        guard let spend = engagement.spend[m] else { return .noData("no spend for \(m)") }
        let nnarr = total(.won(Self.days(of: [m])), .adjustedNewLogoARR)
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
        let arr = total(.won(Self.days(of: months)), .newBusinessAnnualized)
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
        return .value((total(.won(pq.window), .newBusinessAnnualized) - churn(in: pq.window)) / spend)
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
