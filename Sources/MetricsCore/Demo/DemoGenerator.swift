import Foundation

/// Generates one engagement from a profile, every date relative to the anchor (the review date),
/// so the demo's latest week is always the anchor's week.
struct DemoGenerator {
    let p: DemoProfile
    let t0: Day
    var rng: SeededRandom

    init(profile: DemoProfile, anchor: Day) {
        p = profile
        t0 = anchor
        rng = SeededRandom(seed: profile.seed)
    }

    /// Months of account revenue, spend and funnel: 26 complete months up to the one before the anchor's.
    var months: [YearMonth] { (0..<26).map { t0.month - 26 + $0 } }

    mutating func make() -> Engagement {
        var client = Client(id: p.id, name: p.name, industry: p.industry.rawValue, currency: p.currency,
                            fiscalYearStartMonth: p.fiscalStartMonth, grossMargin: p.grossMargin,
                            retentionBasis: p.trailingRevenue ? .trailing : .recurring)
        client.unknownKeys = []
        let terms = EngagementTerms(cro: "Jordan Blake", started: t0 - 210, daysPerMonth: 4, monthlyFee: p.monthlyFee)
        let stages = p.stages.map { Stage(id: $0.id, name: $0.name, probability: $0.probability) }
            + [Stage(id: "won", name: "Closed won", outcome: .won), Stage(id: "lost", name: "Closed lost", outcome: .lost)]
        let accounts = makeAccounts()
        let reps = makeReps()
        var deals = makeDeals(accounts: accounts, reps: reps)
        var e = Engagement(client: client, terms: terms, stages: stages, dashboard: p.dashboard, reps: reps,
                           accounts: accounts, deals: [], dataAsOf: t0)
        acknowledgeOneStall(&deals, engagement: e)
        e.deals = deals
        e.spend = Dictionary(uniqueKeysWithValues: months.map { ($0, (p.monthlySpend * (1 + 0.08 * rng.normal())).rounded()) })
        e.funnel = makeFunnel(deals)
        e.forecasts = makeForecasts(deals, stages: stages)
        e.targets = makeTargets(e)
        e.reps = assignQuotas(reps, targets: e.targets)
        e.actions = makeActions()
        e.autopsies = makeAutopsies(e)
        return e
    }

    // MARK: accounts and reps

    static let prefixes = ["Globex", "Initech", "Umbrella", "Stark", "Wayne", "Wonka", "Acme", "Hooli", "Vandelay", "Tyrell",
                           "Cyberdyne", "Soylent", "Massive", "Aperture", "Gringotts", "Oscorp", "Nakatomi", "Monarch",
                           "Pied Piper", "Dunder", "Sterling", "Bluth", "Prestige", "Virtucon", "Zorg", "Nimbus", "Kestrel",
                           "Halcyon", "Juniper", "Meridian", "Northstar", "Orchid", "Pinnacle", "Quantum", "Redwood", "Summit"]
    static let suffixes = ["Corp", "Labs", "Group", "Health", "Logistics", "Retail", "Bank", "Foods", "Energy", "Media",
                           "Systems", "Partners", "Holdings", "Works", "Mobility", "Insurance"]

    mutating func makeAccounts() -> [Account] {
        var out: [Account] = []
        let total = p.accountCount + p.accountCount / 2
        for i in 0..<total {
            let name = "\(Self.prefixes[i % Self.prefixes.count]) \(Self.suffixes[(i / Self.prefixes.count + i * 7) % Self.suffixes.count])"
            let segment = p.segments[rng.weighted(p.segments.map(\.weight))]
            var account = Account(id: "A-\(100 + i)", name: name, segment: segment.name)
            if i < p.accountCount { account.revenue = revenue(medianDeal: segment.medianAmount) }
            out.append(account)
        }
        return out
    }

    mutating func revenue(medianDeal: Double) -> [YearMonth: Double] {
        var map: [YearMonth: Double] = [:]
        // A customer starts before the window (most) or during it, then grows and may churn.
        let startOffset = rng.chance(0.75) ? -1 : rng.int(1...20)
        var level = rng.logNormal(median: medianDeal / 12, sigma: 0.4)
        var churned = false
        for (k, m) in months.enumerated() where k >= startOffset {
            if churned { break }
            if p.trailingRevenue {
                // Project revenue: lumpy months of work.
                if rng.chance(0.55) { map[m] = (rng.logNormal(median: medianDeal / 5, sigma: 0.5) / 100).rounded() * 100 }
            } else {
                map[m] = level.rounded()
                level *= 1 + p.accountGrowth + 0.02 * rng.normal()
            }
            if rng.chance(p.accountChurn) { churned = true }
        }
        return map
    }

    mutating func makeReps() -> [Rep] {
        p.repNames.enumerated().map { i, name in
            let id = name.lowercased().split(separator: " ").joined(separator: "-")
            let start = i == p.repNames.count - 1 && p.repNames.count > 3 ? t0 - 75 : t0 - 700 - 30 * i
            return Rep(id: id, name: name, role: p.industry == .professionalServices ? "partner" : "account_executive", start: start)
        }
    }

    // MARK: deals

    static let lostReasons = ["price", "no decision", "competitor", "timing", "budget cut", "champion left", "security review"]
    static let nextSteps = ["Send revised proposal", "Book security review", "Executive sponsor call", "Legal redlines back",
                            "Pricing sign-off from CFO", "Schedule technical deep dive", "Confirm budget owner"]

    mutating func makeDeals(accounts: [Account], reps: [Rep]) -> [Deal] {
        var deals: [Deal] = []
        deals.reserveCapacity(p.dealCount)
        let openStages = p.stages
        for i in 0..<p.dealCount {
            // Recent months get more deals, so the current pipeline is well populated.
            let age = Int(Double(p.historyDays) * pow(rng.unit(), 1.25)) + 2
            let created = t0 - age
            let segment = p.segments[rng.weighted(p.segments.map(\.weight))]
            var amount = (rng.logNormal(median: segment.medianAmount, sigma: 0.35) / 500).rounded() * 500
            var term: Int?
            if let terms = p.termMonths {
                let t = rng.pick(terms)
                term = t
                amount *= Double(t) / 12
            }
            let kindRoll = rng.unit()
            let type = kindRoll < 0.68 ? "new_logo" : kindRoll < 0.9 ? "expansion" : "renewal"
            let account = type == "new_logo" ? accounts[p.accountCount + rng.int(0...(accounts.count - p.accountCount - 1))]
                                             : accounts[rng.int(0...(p.accountCount - 1))]
            let owner = reps[rng.int(0...(reps.count - 1))]
            let firstMeeting = created + rng.int(0...6)
            let stuck = rng.chance(p.stuckShare)

            var history = [StageEntry(stage: openStages[0].id, on: created)]
            var day = created
            var outcome: Stage.Outcome?
            var stageIndex = 0
            while true {
                let spec = openStages[stageIndex]
                var dwell = max(1, Int(rng.logNormal(median: spec.medianDays, sigma: 0.5)))
                if stuck && stageIndex == openStages.count / 2 { dwell *= 4 }
                let lost = rng.chance(spec.lossChance)
                day = day + dwell
                guard day <= t0 else { break }
                if lost { history.append(StageEntry(stage: "lost", on: day)); outcome = .lost; break }
                stageIndex += 1
                if stageIndex == openStages.count { history.append(StageEntry(stage: "won", on: day)); outcome = .won; break }
                history.append(StageEntry(stage: openStages[stageIndex].id, on: day))
            }
            let enteredLast = history[history.count - 1].on
            let cycleGuess = Int(openStages.reduce(0) { $0 + $1.medianDays } * 1.1)
            var expected: Day? = outcome == nil ? max(enteredLast + 7, created + cycleGuess + rng.int(-10...25)) : enteredLast
            var changes: [CloseDateChange] = []
            if outcome == nil, let e = expected, rng.chance(p.pushShare) {
                let on = max(created + 3, t0 - rng.int(1...70))
                let moved = e + rng.int(14...60)
                changes.append(CloseDateChange(on: on, from: e, to: moved))
                expected = moved
            } else if outcome == nil, let e = expected, rng.chance(0.15) {
                // Overdue: nobody updated the date; still after the deal was created (as a CRM enforces).
                expected = max(created + 1, min(e, t0 - rng.int(2...20)))
            }
            var deal = Deal(id: "D-\(1001 + i)", name: "\(account.name): \(Self.dealTitle(p.industry, &rng))",
                            account: account.id, owner: owner.id, amount: amount, termMonths: term, type: type,
                            segment: segment.name, source: rng.pick(["inbound", "inbound", "outbound", "referral", "partner"]),
                            created: created, firstMeeting: firstMeeting, expectedClose: expected,
                            closeDateChanges: changes, stageHistory: history)
            // Never before the deal existed (a data-quality warning): a young stuck deal was last touched when created.
            deal.lastActivity = outcome == nil ? max(created, t0 - (stuck ? rng.int(15...45) : rng.int(0...12))) : enteredLast
            if outcome == .lost { deal.lostReason = rng.pick(Self.lostReasons) }
            if outcome == nil { deal.nextStep = rng.pick(Self.nextSteps) }
            if p.industry == .professionalServices { deal.deliveryCost = (amount * (0.40 + 0.22 * rng.unit()) / 100).rounded() * 100 }
            if p.pov { addProofOfValue(&deal, outcome: outcome) }
            if p.industry == .aiStartup, outcome == .won { deal.founderInFinalMeeting = rng.chance(0.55) }
            if outcome == .won, type == "new_logo", p.industry == .aiStartup || p.accountChurn > 0.01, rng.chance(0.12) {
                let on = enteredLast + rng.int(20...120)
                if on <= t0 { deal.churn = Churn(on: on, amount: (deal.annualizedValue * (0.3 + 0.7 * rng.unit())).rounded()) }
            }
            deals.append(deal)
        }
        return deals
    }

    static func dealTitle(_ industry: Industry, _ rng: inout SeededRandom) -> String {
        switch industry {
        case .professionalServices: return rng.pick(["Operating model review", "Pricing strategy", "M&A integration", "Retainer renewal", "Data platform assessment"])
        case .hrTech: return rng.pick(["Payroll + benefits suite", "Skills intelligence", "Compliance automation", "Workforce planning"])
        case .martech: return rng.pick(["Journey orchestration", "Attribution add-on", "Seat expansion", "Enterprise tier"])
        case .aiStartup: return rng.pick(["Document AI pilot", "Forecasting model", "Agent platform", "Model tuning"])
        default: return rng.pick(["Annual subscription", "Platform upgrade", "Team plan", "Enterprise licence"])
        }
    }

    mutating func addProofOfValue(_ deal: inout Deal, outcome: Stage.Outcome?) {
        guard let povIndex = deal.stageHistory.firstIndex(where: { $0.stage == "pov" }) else { return }
        let started = deal.stageHistory[povIndex].on
        if povIndex + 1 < deal.stageHistory.count {
            let next = deal.stageHistory[povIndex + 1]
            deal.pov = ProofOfValue(started: started, ended: next.on, outcome: next.stage == "lost" ? "failed" : "converted")
        } else {
            deal.pov = ProofOfValue(started: started, ended: nil, outcome: "running")
        }
    }

    /// The CRO has seen one stall and acknowledged it with a note.
    mutating func acknowledgeOneStall(_ deals: inout [Deal], engagement: Engagement) {
        var e = engagement
        e.deals = deals
        let snap = Snapshot(EngagementIndex(e), asOf: t0)
        guard let d = snap.stalled.max(by: { deals[$0].amount < deals[$1].amount }) else { return }
        deals[d].stallAck = StallAck(until: t0 + 10, note: "Budget frozen until the board meeting; CFO confirmed it is still a go.")
    }

    // MARK: series

    mutating func makeFunnel(_ deals: [Deal]) -> [YearMonth: FunnelMonth] {
        var inboundCreated: [YearMonth: Int] = [:]
        for d in deals where d.source == "inbound" { inboundCreated[d.created.month, default: 0] += 1 }
        var out: [YearMonth: FunnelMonth] = [:]
        for m in months {
            let inbound = Double(inboundCreated[m] ?? 0)
            let leads = (max(inbound, 1) * (4 + 2 * rng.unit())).rounded()
            var f = FunnelMonth(inboundLeads: leads, qualifiedMeetings: (leads * (0.25 + 0.1 * rng.unit())).rounded())
            if p.plg {
                let signups = (leads * (5 + 2 * rng.unit())).rounded()
                let pqls = (signups * 0.15).rounded()
                f.signups = signups; f.pqls = pqls; f.pqlConverted = (pqls * (0.1 + 0.08 * rng.unit())).rounded()
            }
            out[m] = f
        }
        return out
    }

    mutating func makeForecasts(_ deals: [Deal], stages: [Stage]) -> [Forecast] {
        var wonByMonth: [YearMonth: Double] = [:]
        for d in deals where d.stageHistory.last?.stage == "won" { wonByMonth[d.stageHistory.last!.on.month, default: 0] += d.amount }
        return (0..<13).map { k in
            let m = t0.month - 12 + k
            let actual = wonByMonth[m] ?? p.monthlySpend
            let amount = (actual * (1 + p.forecastError * rng.normal()) / 1000).rounded() * 1000
            return Forecast(month: m, amount: max(1000, amount), madeOn: m.firstDay - 3)
        }
    }

    /// Bookings and net-new targets derived from the generated pipeline and the profile's coverage goals.
    func makeTargets(_ e: Engagement) -> Targets {
        let ctx = KPIContext(index: EngagementIndex(e), asOf: t0)
        let q = ctx.windows.quarter
        let wonQTD = ctx.amount(ctx.won(in: ctx.windows.qtd))
        let pipeline = ctx.amount(ctx.pipeline(closingIn: q))
        let pipelineNext = ctx.amount(ctx.pipeline(closingIn: q.next))
        // What a typical quarter booked over the last four, so early-quarter targets stay realistic.
        var quarter = q
        var booked = 0.0, netNewHistory = 0.0
        for _ in 0..<4 {
            quarter = quarter.previous
            let won = ctx.won(in: quarter.window)
            booked += ctx.amount(won)
            netNewHistory += ctx.annualized(won.filter { KPIContext.newBusiness.contains(e.deals[$0].kind) }) - ctx.churn(in: quarter.window)
        }
        let typical = booked / 4, typicalNetNew = netNewHistory / 4
        func thousands(_ v: Double) -> Double { max(1000, (v / 1000).rounded() * 1000) }
        var t = Targets()
        t.bookings[q.description] = thousands(wonQTD + pipeline / p.coverageGoal)
        t.bookings[q.next.description] = thousands(max(typical * 0.25, pipelineNext / p.nextCoverageGoal))
        let pq = ctx.windows.previousQuarter
        t.bookings[pq.description] = thousands(ctx.amount(ctx.won(in: pq.window)) * 1.05)
        let netNew = ctx.netNewARR().value ?? 0
        t.netNewARR[q.description] = thousands(max(typicalNetNew * 0.6, netNew / max(ctx.windows.pace, 0.1)) * p.netNewTargetFactor)
        t.kpis = p.kpiOverrides
        return t
    }

    func assignQuotas(_ reps: [Rep], targets: Targets) -> [Rep] {
        reps.map { rep in
            var r = rep
            for (q, amount) in targets.bookings { r.quota[q] = (amount / Double(reps.count) / 1000).rounded() * 1000 }
            return r
        }
    }

    static let actionTexts: [(String, KPIID)] = [
        ("Rewrite the proposal template around outcomes", .salesCycleDays),
        ("Add a pricing floor to stop discounting", .avgDealSize),
        ("Weekly pipeline review with every rep", .pipelineCoverage),
        ("Clean close dates on every open deal", .forecastAccuracy),
        ("Launch the expansion playbook for top accounts", .nrr),
        ("Pre-recorded security review for prospects", .sccr),
        ("Qualify out deals without a budget owner", .winRate),
        ("Self-serve sandbox for POVs", .povToPipeline),
        ("Flag low-margin scopes before signing", .grossMargin),
        ("Tighten PQL scoring with product", .pqlToPaid),
    ]

    /// Clients whose Monday review is still to do: last week's actions are not marked yet and
    /// this week's are not planned (the others were reviewed already).
    static let reviewPending: Set<String> = ["northwind-advisory", "talentloop"]

    mutating func makeActions() -> [Action] {
        var out: [Action] = []
        var k = Int(p.seed % 5)
        let plan: [(Int, String)] = Self.reviewPending.contains(p.id)
            ? [(2, "done"), (2, "done"), (2, "dropped"), (1, "planned"), (1, "planned"), (1, "planned")]
            : [(2, "done"), (2, "done"), (2, "dropped"), (1, "done"), (1, "done"), (1, "done"), (0, "planned"), (0, "planned"), (0, "planned")]
        for (weeksAgo, status) in plan {
            let (text, kpi) = Self.actionTexts[k % Self.actionTexts.count]
            k += 1
            out.append(Action(week: (t0 - 7 * weeksAgo).isoWeek, status: status, text: text, kpi: kpi.rawValue, owner: "Jordan Blake"))
        }
        return out
    }

    static let rootCauses = ["Proposal went out without an economic buyer", "Security review started too late",
                             "Discounted to match a competitor we never qualified", "Champion left mid-cycle",
                             "Close date set by the rep's quota, not the buyer's process"]
    static let systemicChanges = ["No proposal without a named budget owner", "Security pack sent at discovery",
                                  "Competitive deals need a CRO review before pricing", "Multi-thread every deal above 50k",
                                  "Close dates come from a mutual action plan"]

    mutating func makeAutopsies(_ e: Engagement) -> [Autopsy] {
        let ctx = KPIContext(index: EngagementIndex(e), asOf: t0)
        var out: [Autopsy] = []
        for d in ctx.lostOrSlipped(in: ctx.windows.qtd) where rng.chance(p.autopsyShare) {
            let deal = e.deals[d]
            let lost = ctx.snapshot.lost.contains(d)
            let written = min(t0, (lost ? ctx.snapshot.closedOn(d) : t0 - 3) + 2)
            out.append(Autopsy(deal: deal.id, writtenOn: written,
                               kpis: lost ? ["win_rate", "pipeline_coverage"] : ["forecast_accuracy", "sales_cycle_days"],
                               rootCause: rng.pick(Self.rootCauses), systemicChange: rng.pick(Self.systemicChanges),
                               owner: "Jordan Blake", due: t0 + 14, status: rng.chance(0.3) ? "done" : "open"))
        }
        return out
    }
}
