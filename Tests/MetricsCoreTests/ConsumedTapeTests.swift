import Testing
@testable import MetricsCore

/// A load that reads its tape once gives the nodes of decoded deals back to the system as it
/// goes (`PageRelease`): what it loads, and every problem with its place, is what a load that
/// keeps its tape gives.
@Suite struct ConsumedTapeTests {
    static func load(_ bytes: [UInt8], consuming: Bool) -> LoadedFile {
        var tape: JSONTape?, deals: DecodedDeals?
        let loaded = bytes.withUnsafeBufferPointer {
            EngagementLoader.load(bytes: $0, file: "big.json", keepingTape: &tape, reusing: nil, decodedDeals: &deals,
                                  remembering: false, consumingTape: consuming)
        }
        #expect((tape == nil) == consuming)
        return loaded
    }

    @Test func aCleanFileLoadsTheSame() throws {
        let e = DemoPortfolio.synthetic(deals: 30_000, anchor: Day("2026-11-23")!)
        let bytes = EngagementWriter.write(e)
        let kept = try #require(Self.load(bytes, consuming: false).engagement)
        let consumed = try #require(Self.load(bytes, consuming: true).engagement)
        #expect(EngagementWriter.write(consumed) == EngagementWriter.write(kept))
        #expect(EngagementWriter.write(consumed) == bytes)
    }

    @Test func problemsAreTheSameAndInTheSamePlaces() {
        var e = DemoPortfolio.synthetic(deals: 30_000, anchor: Day("2026-11-23")!)
        e.deals[25_000].id = e.deals[2].id
        e.deals[29_999].id = e.deals[29_998].id
        e.deals[4_000].stageHistory[0] = StageEntry(stage: "nowhere", on: e.deals[4_000].created)
        e.deals[17_000].owner = "nobody"
        let bytes = EngagementWriter.write(e)
        let kept = Self.load(bytes, consuming: false), consumed = Self.load(bytes, consuming: true)
        // The four above, and an autopsy of the deal whose id the duplicate took.
        #expect(kept.problems.map { "\($0.severity): \($0.path)" } == [
            "error: deals[4000].stage_history[0].stage", "warning: deals[17000].owner", "error: deals[25000].id", "error: deals[29999].id",
            "warning: autopsies[1125].deal",
        ])
        #expect(consumed.problems.map(\.description) == kept.problems.map(\.description))
        #expect(consumed.engagement == nil)
    }
}
