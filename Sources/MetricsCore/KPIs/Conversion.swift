/// Conversion and cycle KPIs: win rate, deal size, ACV, cycle length, SCCR, POV, founder-free closes.
extension KPIContext {
    func winRate() -> Measurement {
        let won = count(.won(windows.t90)), lost = count(.lost(windows.t90))
        guard won + lost > 0 else { return .noData("no deals won or lost in \(describe(windows.t90))") }
        return .value(Double(won) / Double(won + lost))
    }

    func avgDealSize() -> Measurement {
        let won = count(.won(windows.t90))
        guard won > 0 else { return .noData("no deals won in \(describe(windows.t90))") }
        return .value(total(.won(windows.t90), .amount) / Double(won))
    }

    func acv() -> Measurement {
        let won = count(.won(windows.t90))
        guard won > 0 else { return .noData("no deals won in \(describe(windows.t90))") }
        var m = Measurement.value(total(.won(windows.t90), .annualized) / Double(won))
        if showsDetails { m.breakdown = bySegment(self.won(in: windows.t90)) { annualized($0) / Double($0.count) } }
        return m
    }

    func salesCycleDays() -> Measurement {
        guard let mean = meanCycleDays(.won(windows.t90)) else { return .noData("no deals won in \(describe(windows.t90))") }
        var m = Measurement.value(mean)
        if showsDetails { m.breakdown = bySegment(won(in: windows.t90)) { meanCycleDays($0) ?? 0 } }
        return m
    }

    func sccr() -> Measurement {
        let q = windows.quarter, pq = windows.previousQuarter
        guard let now = meanCycleDays(.won(windows.qtd)) else { return .noData("no deals won in \(q) to date") }
        guard let before = meanCycleDays(.won(pq.window)) else { return .noData("no deals won in \(pq)") }
        guard before > 0 else { return .noData("the mean cycle of \(pq) is 0 days") }
        return .value((before - now) / before)
    }

    func povToPipeline() -> Measurement {
        var converted = 0, failed = 0
        for d in index.withPOV {
            guard let pov = deals[d].pov, let ended = pov.ended, windows.t90.contains(ended) else { continue }
            if pov.outcome == "converted" { converted += 1 } else if pov.outcome == "failed" { failed += 1 }
        }
        guard converted + failed > 0 else { return .noData("no POV converted or failed in \(describe(windows.t90))") }
        return .value(Double(converted) / Double(converted + failed))
    }

    func founderFreeCloseRate() -> Measurement {
        let known = won(in: windows.t90).compactMap { deals[$0].founderInFinalMeeting }
        guard !known.isEmpty else { return .noData("no won deal in \(describe(windows.t90)) records founder_in_final_meeting") }
        return .value(Double(known.filter { !$0 }.count) / Double(known.count))
    }

    /// A sub-value per `segment` (deals without one grouped as "(none)"), largest group first.
    func bySegment(_ ids: [Int], _ value: ([Int]) -> Double) -> [(label: String, value: Double)] {
        var groups: [String: [Int]] = [:]
        for d in ids { groups[deals[d].segment ?? "(none)", default: []].append(d) }
        guard groups.count > 1 || groups.keys.first != "(none)" else { return [] }
        return groups.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }.map { (label: $0.key, value: value($0.value)) }
    }
}
