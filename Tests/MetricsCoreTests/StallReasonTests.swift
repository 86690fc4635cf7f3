import Testing
@testable import MetricsCore

/// Why a deal is stalled, in words, by the rule that made it so (kpis.md): a deal only 10 days
/// in its stage but silent for 24 must not look healthy in its story.
@Suite struct StallReasonTests {
    @Test func theRuleThatStalledTheDealIsNamed() {
        let e = Build.engagement(deals: [
            // 2026-09-01 → 2026-11-23: 83 days in Lead; under 5 exits the limit is 30 days.
            Build.deal("D-1", 1000, [("lead", "2026-09-01")], lastActivity: "2026-11-20"),
            // 10 days in Lead, last activity 2026-10-30: 24 days silent, over the default 21.
            Build.deal("D-2", 1000, [("lead", "2026-11-13")], lastActivity: "2026-10-30"),
            // 10 days in Lead, active 3 days ago: not stalled.
            Build.deal("D-3", 1000, [("lead", "2026-11-13")], lastActivity: "2026-11-20"),
        ])
        let ix = EngagementIndex(e)
        let snap = Snapshot(ix, asOf: Build.day("2026-11-23"))
        #expect(snap.stallReason(0, ix) == "83 days in its stage (limit 30)")
        #expect(snap.stallReason(1, ix) == "no activity for 24 days (limit 21)")
        #expect(snap.stallReason(2, ix) == nil)
    }
}
