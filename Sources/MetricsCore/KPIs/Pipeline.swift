/// Pipeline KPIs: coverage (plain, weighted, next quarter), velocity, forecast accuracy, stalled share.
extension KPIContext {
    func pipelineCoverage(weighted: Bool) -> Measurement {
        let q = windows.quarter
        guard let target = engagement.targets.bookings[q.description] else { return .noData("no bookings target for \(q)") }
        let remaining = target - total(.won(windows.qtd), .amount)
        if remaining <= 0 {
            var m = Measurement.noData("target met")
            m.forcedStatus = .green
            return m
        }
        if !weighted { return .value(total(.pipeline(q), .amount) / remaining) }
        let pipe = pipeline(closingIn: q)
        var total = 0.0
        for d in pipe {
            let stage = index.stages[state(d).stage]
            guard let p = stage.probability else { return .noData("stage \(jsonQuoted(stage.id)) has no probability") }
            total += deals[d].amount * p
        }
        return .value(total / remaining)
    }

    func pipelineCoverageNext() -> Measurement {
        let next = windows.quarter.next
        guard let target = engagement.targets.bookings[next.description] else { return .noData("no bookings target for \(next)") }
        guard target > 0 else { return .noData("the bookings target for \(next) is not above 0") }
        return .value(total(.pipeline(next), .amount) / target)
    }

    func pipelineVelocity(winRate: Measurement, avgDealSize: Measurement, cycle: Measurement) -> Measurement {
        guard let w = winRate.value else { return .noData("win_rate: \(winRate.reason ?? "no data")") }
        guard let a = avgDealSize.value else { return .noData("avg_deal_size: \(avgDealSize.reason ?? "no data")") }
        guard let c = cycle.value else { return .noData("sales_cycle_days: \(cycle.reason ?? "no data")") }
        guard c > 0 else { return .noData("sales_cycle_days is 0") }
        return .value(Double(count(.open)) * w * a / c)
    }

    func forecastAccuracy() -> Measurement {
        let known = engagement.forecasts.filter { $0.madeOn <= t && $0.month <= windows.m }
        guard let month = known.map(\.month).max() else { return .noData("no forecast for a month up to \(windows.m)") }
        let forMonth = known.filter { $0.month == month }
        let firstDay = month.firstDay
        // The latest made on or before the month's first day, else the latest made; ties: the later in the file.
        let before = forMonth.filter { $0.madeOn <= firstDay }
        let chosen = (before.isEmpty ? forMonth : before).reduce(nil as Forecast?) { best, f in
            best.map { f.madeOn >= $0.madeOn ? f : $0 } ?? f
        }!
        let actual = total(.won(Self.days(of: [month])), .amount)
        guard actual > 0 else { return .noData("no deals won in \(month), the latest forecast month") }
        return .value(max(0, 1 - abs(actual - chosen.amount) / actual))
    }

    func stalledShare() -> Measurement {
        let openAmount = total(.open, .amount)
        guard openAmount > 0 else { return .noData("no open pipeline at \(t)") }
        return .value(total(.stalled, .amount) / openAmount)
    }
}
