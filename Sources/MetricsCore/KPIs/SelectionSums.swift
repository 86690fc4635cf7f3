/// A selection of deals that KPI formulas count and sum over.
enum Selection: Hashable, Sendable {
    case won(DayWindow)
    case lost(DayWindow)
    case pipeline(FiscalQuarter)
    case open
    case stalled
}

/// What a KPI formula adds up per deal of a selection; a deal a formula leaves out adds 0.
enum DealValue: Hashable, Sendable, CaseIterable {
    case amount
    case annualized
    /// Annualized value of `new_logo` and `expansion` deals.
    case newBusinessAnnualized
    /// Annualized value of `new_logo` deals less their own churn within 90 days of winning (by `t`).
    case adjustedNewLogoARR
}

extension KPIContext {
    /// The deals of `selection`, in deal order (a what-if's deal where its state puts it).
    func deals(_ selection: Selection) -> [Int] {
        switch selection {
        case .won(let w): won(in: w)
        case .lost(let w): lost(in: w)
        case .pipeline(let q): pipeline(closingIn: q)
        case .open: open
        case .stalled: stalled
        }
    }

    /// The real date's list of `selection` (no what-if applied).
    func realDeals(_ selection: Selection) -> [Int] {
        switch selection {
        case .won(let w): realWon(in: w)
        case .lost(let w): realLost(in: w)
        case .pipeline(let q): realPipeline(closingIn: q)
        case .open: snapshot.open
        case .stalled: snapshot.stalled
        }
    }

    /// Whether deal `d` is in `selection` in this context.
    func isIn(_ selection: Selection, _ d: Int) -> Bool {
        let s = state(d)
        switch selection {
        case .won(let w): return s.stage == index.wonStage && w.contains(s.enteredOn)
        case .lost, .pipeline, .open, .stalled:
            // Only a what-if's deal is asked, and it is won.
            return false
        }
    }

    func value(_ v: DealValue, _ d: Int) -> Double {
        switch v {
        case .amount: return index.amount[d]
        case .annualized: return index.annualized[d]
        case .newBusinessAnnualized: return index.isNewBusiness[d] ? index.annualized[d] : 0
        case .adjustedNewLogoARR:
            guard index.isNewLogo[d] else { return 0 }
            var value = index.annualized[d]
            if let c = deals[d].churn, c.on <= t, c.on - closedOn(d) <= 90 { value -= c.amount }
            return value
        }
    }

    /// How many deals `selection` holds.
    func count(_ selection: Selection) -> Int {
        guard let whatIf, let sums = whatIf.real?.sums[selection] else { return deals(selection).count }
        let (_, there) = sums.position(of: whatIf.deal)
        let present = isIn(selection, whatIf.deal)
        return sums.ids.count + (present ? 1 : 0) - (there ? 1 : 0)
    }

    /// `value` added up over `selection` in deal order: a what-if with the real date's sums made
    /// continues the real sum from the deal's place, so the result is the same, bit for bit.
    func total(_ selection: Selection, _ v: DealValue) -> Double {
        guard let whatIf, let sums = whatIf.real?.sums[selection], let column = sums.values[v] else {
            return deals(selection).reduce(0) { $0 + value(v, $1) }
        }
        let d = whatIf.deal
        let (p, there) = sums.position(of: d)
        let present = isIn(selection, d)
        if !there && !present { return column.prefix[sums.ids.count] }
        var total = column.prefix[p]
        let added = present ? value(v, d) : 0
        if present { total += added }
        let rest = there ? p + 1 : p
        if column.isExact(adding: added) { return total + (column.prefix[sums.ids.count] - column.prefix[rest]) }
        for k in rest..<sums.ids.count { total += column.values[k] }
        return total
    }

    /// The mean cycle days of `selection`, nil when it is empty.
    func meanCycleDays(_ selection: Selection) -> Double? {
        guard let whatIf, let sums = whatIf.real?.sums[selection] else { return meanCycleDays(deals(selection)) }
        let d = whatIf.deal
        let (_, there) = sums.position(of: d)
        let present = isIn(selection, d)
        var days = sums.cycleDays, count = sums.ids.count
        // Integers: taking one deal out and putting it in anywhere is exact.
        if there { days -= snapshot.states[d].enteredOn.ordinal - index.cycleStartOn[d]; count -= 1 }
        if present { days += cycleDays(d); count += 1 }
        return count == 0 ? nil : Double(days) / Double(count)
    }
}

/// One selection of the real date, made once for all its what-ifs: the deals, and per value
/// the values in deal order with their running sums.
struct SelectionSums: Sendable {
    struct Column: Sendable {
        let values: [Double]
        /// `prefix[k]`: the first `k` values added up in order from 0.
        let prefix: [Double]
        /// Σ |value|, and whether every value is a whole number.
        let magnitude: Double
        let isIntegral: Bool

        /// Whole numbers whose sum stays within 2^53 add up exactly in any order: the tail of a
        /// what-if's sum is then a difference of prefixes, bit for bit the same as adding it up.
        func isExact(adding value: Double) -> Bool {
            isIntegral && value.rounded(.towardZero) == value && magnitude + value.magnitude <= Self.exactLimit
        }

        static let exactLimit = 9_007_199_254_740_992.0
    }

    let ids: [Int]
    let values: [DealValue: Column]
    /// The cycle days of the deals added up (won selections only; 0 otherwise).
    let cycleDays: Int

    init(_ selection: Selection, _ ctx: KPIContext) {
        ids = ctx.realDeals(selection)
        var columns: [DealValue: Column] = [:]
        let kinds: [DealValue]
        if case .won = selection { kinds = DealValue.allCases } else { kinds = [.amount] }
        for kind in kinds {
            var values = [Double](), prefix = [0.0]
            values.reserveCapacity(ids.count)
            prefix.reserveCapacity(ids.count + 1)
            var total = 0.0, magnitude = 0.0, isIntegral = true
            for d in ids {
                let v = ctx.value(kind, d)
                values.append(v)
                total += v
                prefix.append(total)
                magnitude += v.magnitude
                if isIntegral && v.rounded(.towardZero) != v { isIntegral = false }
            }
            columns[kind] = Column(values: values, prefix: prefix, magnitude: magnitude, isIntegral: isIntegral)
        }
        values = columns
        if case .won = selection { cycleDays = ids.reduce(0) { $0 + ctx.cycleDays($1) } } else { cycleDays = 0 }
    }

    /// Where deal `d` is or would be in `ids`, and whether it is there.
    func position(of d: Int) -> (Int, Bool) {
        var lo = 0, hi = ids.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ids[mid] < d { lo = mid + 1 } else { hi = mid }
        }
        return (lo, lo < ids.count && ids[lo] == d)
    }
}
