import Testing
@testable import MetricsCore

/// The bundled demo: realistic, valid, alive on any date, reproducible for a given anchor.
@Suite struct DemoPortfolioTests {
    static let anchor = Day("2026-11-23")!
    let portfolio = DemoPortfolio.portfolio(anchor: anchor)

    @Test func fiveCleanEngagementsOnePerSeedIndustryPlusSaaS() {
        #expect(portfolio.files.map(\.file) == ["demo/brightsignal.json", "demo/cortexa-ai.json", "demo/ledgerly.json",
                                                "demo/northwind-advisory.json", "demo/talentloop.json"])
        #expect(portfolio.files.allSatisfy { $0.problems.isEmpty })
        let industries = portfolio.files.map { $0.engagement!.client.industry }
        #expect(industries == [.martech, .aiStartup, .saas, .professionalServices, .hrTech])
        for file in portfolio.files {
            let e = file.engagement!
            #expect((40...300).contains(e.deals.count), "\(e.client.id) has \(e.deals.count) deals")
            let months = Set(e.accounts.flatMap { $0.revenue.keys })
            #expect(months.count >= 24, "\(e.client.id) has \(months.count) months of revenue")
            #expect(!e.reps.isEmpty && !e.spend.isEmpty && !e.forecasts.isEmpty && !e.funnel.isEmpty)
            #expect(!e.actions.isEmpty && !e.autopsies.isEmpty)
        }
    }

    @Test func everyDashboardKPIHasDataAndStatusesAreMixed() {
        var statuses: [KPIStatus] = []
        for file in portfolio.files {
            let r = EngagementReview(index: EngagementIndex(file.engagement!), asOf: Self.anchor)
            for id in r.dashboard {
                let k = r.kpi(id)
                #expect(k.value != nil || k.status == .green, "\(r.engagement.client.id).\(id.rawValue): \(k.reason ?? "")")
            }
            #expect(!r.stalledDeals.isEmpty || r.engagement.client.industry == .martech)
            #expect(!r.slippedDeals.isEmpty)
            statuses.append(r.weeklyStatus)
        }
        #expect(statuses == [.green, .red, .yellow, .yellow, .red])
    }

    @Test func latestActivityIsInTheAnchorWeek() {
        for anchor in [Day("2026-11-23")!, Day("2031-05-14")!] {
            for e in DemoPortfolio.engagements(anchor: anchor) {
                let latest = e.deals.flatMap { $0.stageHistory.map(\.on) }.max()!
                #expect(latest <= anchor && latest > anchor - 7, "\(e.client.id): latest move \(latest)")
                #expect(e.dataAsOf == anchor)
            }
        }
    }

    /// No deal is expected to close before it was created (a review found five, each an
    /// overdue date drawn without looking at the deal's age), whatever the anchor.
    @Test func noDealClosesBeforeItExists() {
        for anchor in [Self.anchor, Day("2026-11-30")!, Day("2027-03-01")!] {
            for file in DemoPortfolio.portfolio(anchor: anchor).files {
                for deal in file.engagement?.deals ?? [] {
                    if let close = deal.expectedClose { #expect(close > deal.created, "\(file.file) \(deal.id) at \(anchor)") }
                }
            }
        }
    }

    @Test func reproducibleForAnAnchor() {
        let a = DemoPortfolio.files(anchor: Self.anchor).map(\.bytes)
        let b = DemoPortfolio.files(anchor: Self.anchor).map(\.bytes)
        #expect(a == b)
    }

    @Test func syntheticIsDeterministicAndValid() {
        let a = EngagementWriter.write(DemoPortfolio.synthetic(deals: 2_000, anchor: Self.anchor))
        let b = EngagementWriter.write(DemoPortfolio.synthetic(deals: 2_000, anchor: Self.anchor))
        #expect(a == b)
        let file = a.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "s.json") }
        #expect(file.problems.isEmpty)
        #expect(file.engagement?.deals.count == 2_000)
    }
}
