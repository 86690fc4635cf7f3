import Testing
@testable import MetricsCore

/// Dates that cannot be true are warnings with their place (engagement-format.md), and the demo has none.
@Suite struct DataQualityTests {
    @Test func activityAndOutcomeBeforeCreated() {
        let file = Fixtures.load("""
        {"format": "redline.engagement/1", "client": {"id": "c", "name": "C", "industry": "saas"},
         "stages": [{"id": "lead"}, {"id": "won", "outcome": "won"}, {"id": "lost", "outcome": "lost"}],
         "deals": [
          {"id": "A", "name": "A", "amount": 1, "created": "2026-03-10", "expected_close": "2026-12-01",
           "stage_history": [{"stage": "lead", "on": "2026-03-10"}], "last_activity": "2026-02-01"},
          {"id": "B", "name": "B", "amount": 1, "created": "2026-03-10",
           "stage_history": [{"stage": "lead", "on": "2026-02-20"}, {"stage": "won", "on": "2026-03-01"}]}
         ]}
        """)
        #expect(!file.isRejected)
        #expect(file.warnings.map { "\($0.path): \($0.message)" } == [
            "deals[0].last_activity: last activity (2026-02-01) is before the deal was created (2026-03-10)",
            "deals[1].stage_history[0]: the first stage entry (2026-02-20) is before the deal was created (2026-03-10)",
            "deals[1].stage_history[1]: the deal was won (2026-03-01) before it was created (2026-03-10)",
        ])
        #expect(file.warnings[0].line == 5)
    }

    @Test func theDemoHasNoDataQualityWarning() {
        for file in DemoPortfolio.portfolio(anchor: Day("2026-11-23")!).files {
            #expect(file.warnings.isEmpty, "\(file.file): \(file.warnings.prefix(3))")
        }
    }
}
