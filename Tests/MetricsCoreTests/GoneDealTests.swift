import Foundation
import Testing
@testable import MetricsCore

/// Deals gone from the CRM (engagement-format.md, "Time travel"): out of the pipeline from
/// `gone_on` on when open that day, neither open nor lost; closed ones keep counting as closed.
@Suite struct GoneDealTests {
    static func gone(_ deal: Deal, _ on: String) -> Deal {
        var d = deal
        d.goneOn = Build.day(on)
        return d
    }

    /// Stall threshold: 30 days (fewer than 5 stage exits in the year, no stage or engagement value).
    static let engagement = Build.engagement(deals: [
        Build.deal("A", 10_000, [("lead", "2026-11-01")], expected: "2026-12-10"),
        // Open, stalled (proposal since 10-01) and overdue (expected 11-15) until it went on 11-20.
        gone(Build.deal("G", 40_000, [("lead", "2026-09-01"), ("proposal", "2026-10-01")], expected: "2026-11-15"), "2026-11-20"),
        // Won before it went: still won.
        gone(Build.deal("C", 20_000, [("lead", "2026-09-01"), ("won", "2026-11-10")]), "2026-11-20"),
        Build.deal("L", 7_000, [("lead", "2026-09-01"), ("lost", "2026-10-20")]),
        Build.deal("W", 30_000, [("lead", "2026-09-01"), ("won", "2026-10-15")]),
        // Went before the review week.
        gone(Build.deal("O", 5_000, [("lead", "2026-09-01")], expected: "2026-12-20"), "2026-11-01"),
    ])
    static let ids = engagement.deals.map(\.id)
    static func names(_ indices: [Int]) -> [String] { indices.map { ids[$0] } }

    @Test func theDayBeforeItWentItIsInThePipeline() {
        let ctx = Build.context(Self.engagement, "2026-11-19")
        #expect(Self.names(ctx.snapshot.open) == ["A", "G"])
        #expect(Self.names(ctx.snapshot.gone) == ["O"])
        #expect(Self.names(ctx.snapshot.stalled) == ["G"])     // 49 days in proposal > 30
        #expect(Self.names(ctx.slippedDeals(in: ctx.windows.qtd)) == ["G"]) // expected 11-15 < 11-19
    }

    @Test func fromGoneOnItIsNeitherOpenNorLost() {
        let ctx = Build.context(Self.engagement, "2026-11-23")
        #expect(Self.names(ctx.snapshot.open) == ["A"])
        #expect(Self.names(ctx.snapshot.gone) == ["G", "O"])
        #expect(Self.names(ctx.snapshot.won) == ["C", "W"])     // C was won before it went
        #expect(Self.names(ctx.snapshot.lost) == ["L"])
        #expect(ctx.snapshot.stalled.isEmpty)
        #expect(ctx.slippedDeals(in: ctx.windows.qtd).isEmpty)
        #expect(ctx.snapshot.states[1].isGone && ctx.snapshot.states[1].stage == 1) // still shows the stage it was in
        // Win rate, T90 2026-08-26 … 2026-11-23: won C, W; lost L; the gone deals are not losses: 2 / 3.
        #expect(Build.kpi(Self.engagement, "2026-11-23", .winRate).value == 2.0 / 3.0)
        // Velocity = open deals × win rate × average win ÷ cycle: 1 × 2/3 × (20,000 + 30,000)/2 ÷ mean(70, 44) days.
        #expect(Build.kpi(Self.engagement, "2026-11-23", .pipelineVelocity).value == 1 * (2.0 / 3.0) * 25_000 / 57)
        // Stalled share: nothing stalled in 10,000 open.
        #expect(Build.kpi(Self.engagement, "2026-11-23", .stalledShare).value == 0)
    }

    @Test func theReviewListsTheOpenDealsThatWentThisWeek() throws {
        let review = EngagementReview(index: EngagementIndex(Self.engagement), asOf: Build.day("2026-11-23"))
        // 2026-11-17 … 2026-11-23: G went open (40,000); C went closed (not listed); O went on 11-01.
        #expect(Self.names(review.gone) == ["G"])
        #expect(review.goneDeals == ["G"])
        // Waterfall 11-16 → 11-23: open a week ago A + G = 50,000; G leaves as gone; 10,000 now.
        let w = review.waterfall
        #expect(w.startAmount == 50_000 && w.endAmount == 10_000 && w.reconciledEnd == 10_000)
        let gone = try #require(w.rows.first { $0.bucket == .gone })
        #expect(Self.names(gone.deals) == ["G"] && gone.amount == 40_000)
        // A week in which none went has no gone row.
        let later = EngagementReview(index: EngagementIndex(Self.engagement), asOf: Build.day("2026-12-07"))
        #expect(later.gone.isEmpty && !later.waterfall.rows.contains { $0.bucket == .gone })
    }

    @Test func reportsShowTheWeeksGoneDeals() throws {
        var second = Build.deal("H", 9_500, [("lead", "2026-10-01")], expected: "2026-12-01")
        second.goneOn = Build.day("2026-11-21")
        var third = Build.deal("K", 12_000, [("lead", "2026-10-01")], expected: "2026-12-01")
        third.goneOn = Build.day("2026-11-23")
        var fourth = Build.deal("M", 1_000, [("lead", "2026-10-01")], expected: "2026-12-01")
        fourth.goneOn = Build.day("2026-11-17")
        var e = Self.engagement
        e.deals += [second, third, fourth]
        let text = String(decoding: EngagementWriter.write(e), as: UTF8.self)
        let portfolio = Portfolio(files: [Fixtures.load(text, name: "c.json")])
        let asOf = Build.day("2026-11-23")
        let reviews = portfolio.reviews(asOf: asOf)
        // G 40,000 + K 12,000 + H 9,500 + M 1,000 = 62,500; the three largest shown; money as reports write it ($63k, $9.5k).
        let line = "Gone from the CRM this week: 4 deals, $63k (largest: G $40k, K $12k, H $9.5k)"
        #expect(ReportText.render(portfolio, reviews: reviews, asOf: asOf, glyphs: .ascii).contains("\n" + line + "\n"))
        #expect(ReportMarkdown.render(portfolio, reviews: reviews, asOf: asOf).contains("\n**Gone from the CRM this week:** 4 deals, $63k (largest: G $40k, K $12k, H $9.5k)\n\n"))
        let json = try JSONSerialization.jsonObject(with: Data(ReportJSON.render(portfolio, reviews: reviews, asOf: asOf).utf8)) as! [String: Any]
        let engagement = (json["engagements"] as! [[String: Any]])[0]
        #expect(engagement["gone_deals"] as? [String] == ["G", "H", "K", "M"])
        // A week without: no line in the text, an empty list in JSON.
        let quiet = Build.day("2026-12-07")
        #expect(!ReportText.render(portfolio, reviews: portfolio.reviews(asOf: quiet), asOf: quiet, glyphs: .ascii).contains("Gone from the CRM"))
    }
}
