import Testing
@testable import MetricsCore

/// `IDTable` finds what a `[String: Int]` filled first-wins finds, and the load's merge of the deals
/// decoded on two threads keeps the file's order, its duplicates and its problems.
@Suite struct IDTableTests {
    /// Fills a table and a dictionary alike; every id given and some not given look up the same.
    static func expectLikeADictionary(_ ids: [String], probing: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) {
        var table = IDTable(), dictionary: [String: Int] = [:]
        for (k, id) in ids.enumerated() {
            let first = dictionary[id]
            #expect(table.insert(id, at: k) == first, "insert \(id)", sourceLocation: sourceLocation)
            if first == nil { dictionary[id] = k }
        }
        #expect(table.count == dictionary.count, sourceLocation: sourceLocation)
        for id in ids + probing { #expect(table[id] == dictionary[id], "lookup \(id)", sourceLocation: sourceLocation) }
    }

    @Test func asciiIdsGrowPastTheirFirstTable() {
        let ids = (0..<5_000).map { "D-\($0 % 3_000)" } + ["", "a", "0123456789abcdef0123"]
        Self.expectLikeADictionary(ids, probing: ["D-3000", "D-", "d-1", "0123456789abcdef012"])
    }

    @Test func idsOfTheSameLengthAndEndsAreTold() {
        // Differ only inside, past the first eight bytes, and in the tail.
        let ids = ["ACCT-0000-0001", "ACCT-0000-0002", "ACCT-1000-0001", "ACCT-0100-0001", "ACCT-0000-0001"]
        Self.expectLikeADictionary(ids, probing: ["ACCT-0000-0003"])
    }

    @Test func aNonASCIIIdIsEqualAsStringsAre() {
        // U+212A KELVIN SIGN is canonically equivalent to "K": one id for a `String` and so here.
        let ids = ["D-K1", "D-1", "D-\u{212A}1", "Chloé", "Chloe\u{301}", "D-2"]
        Self.expectLikeADictionary(ids, probing: ["D-\u{212A}2", "D-K2", "Chloe"])
        var table = IDTable()
        table.insert("D-K1", at: 0)
        #expect(table.insert("D-\u{212A}1", at: 1) == 0)
        #expect(table["D-\u{212A}1"] == 0)
    }

    @Test func theHashIsOfASCIIOnly() {
        #expect(IDTable.hash("D-1") != nil)
        #expect(IDTable.hash("D-1") == IDTable.hash(String(decoding: Array("D-1".utf8), as: UTF8.self)))
        #expect(IDTable.hash("D-\u{212A}1") == nil)
        #expect(IDTable.hash("") != nil)
    }

    /// The merge of the deals decoded on two threads, with a duplicate inside the second part, one
    /// across the parts and a deal with an error in the first part: every deal after it moves up.
    @Test func dealsDecodedOnTwoThreadsMergeInFileOrder() throws {
        var e = DemoPortfolio.synthetic(deals: 20_001, anchor: Day("2026-11-23")!)
        #expect(e.deals.count >= EngagementDecoder.parallelThreshold)
        e.deals[12_000].id = e.deals[11_000].id
        e.deals[15_000].id = e.deals[3].id
        e.deals[5].stageHistory[0] = StageEntry(stage: "nowhere", on: e.deals[5].created)
        let kept = e.deals.enumerated().filter { ![5, 12_000, 15_000].contains($0.offset) }.map(\.element.id)
        let bytes = EngagementWriter.write(e)
        var tape: JSONTape?
        let decoded = bytes.withUnsafeBufferPointer { EngagementLoader.decode(bytes: $0, file: "big.json", reusing: nil, after: nil, tape: &tape) }
        let deals = try #require(decoded.deals)
        #expect(deals.deals.map(\.id) == kept)
        #expect(deals.ids.count == kept.count)
        #expect(deals.ids[e.deals[3].id] == 3)
        #expect(deals.ids[e.deals[20_000].id] == 20_000)
        let messages = decoded.loaded.problems.filter { $0.severity == .error }.map { "\($0.path): \($0.message)" }
        #expect(messages == [
            "deals[5].stage_history[0].stage: " + unknownStageMessage("nowhere", stages: e.stages.map(\.id)),
            #"deals[12000].id: duplicate id "\#(e.deals[11_000].id)" (also deals[11000])"#,
            #"deals[15000].id: duplicate id "\#(e.deals[3].id)" (also deals[3])"#,
        ])
    }
}
