import Foundation
import Testing
@testable import MetricsCore

/// A save's check skips decoding the deals when no edit is in them or in what their decoding
/// reads (issue 15): what it gives must be what a whole load of the saved file gives, the
/// deals' problems at their new lines and columns included.
@Suite struct SaveCheckTests {
    /// The fixture with deal warnings (owners no rep has), so moved problem positions are checked.
    static let withDealWarnings = Fixtures.kpiBasic.replacingOccurrences(of: #""owner": "ana""#, with: #""owner": "nobody""#)

    struct Checked {
        let fast: LoadedFile
        let whole: LoadedFile
    }

    func check(_ edit: ReviewEdit, in text: String = withDealWarnings) throws -> Checked? {
        let bytes = Array(text.utf8)
        var tape: JSONTape?, decoded: DecodedDeals?
        let before = bytes.withUnsafeBufferPointer {
            EngagementLoader.load(bytes: $0, file: "f.json", keepingTape: &tape, reusing: nil, decodedDeals: &decoded)
        }
        let e = try #require(before.engagement)
        #expect(decoded != nil)
        let doc = JSONDocument(bytes: bytes, tape: try #require(tape))
        guard case .write(let edits) = try edit.plan(in: e, document: doc) else { Issue.record("nothing to write"); return nil }
        #expect(edits.allSatisfy { $0.leavesDealsAsTheyWere })
        let after = try doc.applying(edits)
        var newTape: JSONTape?, unused: DecodedDeals?
        let fast = after.withUnsafeBufferPointer {
            EngagementLoader.load(bytes: $0, file: "f.json", keepingTape: &newTape, reusing: decoded, decodedDeals: &unused)
        }
        let whole = after.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "f.json") }
        #expect(fast.problems == whole.problems)
        let fastEngagement = try #require(fast.engagement), wholeEngagement = try #require(whole.engagement)
        #expect(EngagementWriter.write(fastEngagement) == EngagementWriter.write(wholeEngagement))
        return Checked(fast: fast, whole: whole)
    }

    @Test func theFixtureHasDealWarningsToMove() {
        let loaded = Fixtures.load(Self.withDealWarnings)
        #expect(loaded.errors.isEmpty)
        #expect(loaded.warnings.contains { $0.message == "no rep has the id \"nobody\"" && $0.path.hasPrefix("deals[") })
    }

    /// `targets` comes before `deals` in the fixture: the deals' problems move down by the new lines.
    @Test func anImprovementTargetBeforeTheDeals() throws {
        let checked = try #require(try check(.improvement(kpi: .winRate, base: nil, mine: Improvement(quarter: "2026-Q4", change: 0.1))))
        let before = Fixtures.load(Self.withDealWarnings).warnings.first { $0.path.hasPrefix("deals[") }!
        let after = checked.whole.warnings.first { $0.path.hasPrefix("deals[") }!
        #expect(after.line! > before.line!)
    }

    @Test func anActionAForecastAndAnAutopsyAfterTheDeals() throws {
        _ = try check(.addAction(week: ISOWeek(year: 2026, week: 48), text: "Call the CFO", kpi: "win_rate", owner: "Sam"))
        _ = try check(.recordForecast(asOf: Fixtures.asOf))
        let draft = AutopsyDraft(kpis: ["win_rate"], rootCause: "No budget owner", systemicChange: "Qualify budget at discovery",
                                 owner: "Sam", due: Day("2026-12-15"), status: "open")
        _ = try check(.addAutopsy(deal: "D-2", draft, writtenOn: Fixtures.asOf))
    }

    /// The reused deals are the ones taken: a doctored copy shows through (so the equality above
    /// is not a whole load compared with itself).
    @Test func theReusedDealsAreTaken() throws {
        let bytes = Array(Self.withDealWarnings.utf8)
        var tape: JSONTape?, decoded: DecodedDeals?
        _ = bytes.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "f.json", keepingTape: &tape, reusing: nil, decodedDeals: &decoded) }
        let real = try #require(decoded)
        var deals = real.deals
        deals[0].name = "Doctored"
        let doctored = DecodedDeals(deals: deals, ids: real.ids, problems: [], offset: real.offset, inputs: real.inputs)
        var unusedTape: JSONTape?, unused: DecodedDeals?
        let loaded = bytes.withUnsafeBufferPointer {
            EngagementLoader.load(bytes: $0, file: "f.json", keepingTape: &unusedTape, reusing: doctored, decodedDeals: &unused)
        }
        #expect(loaded.engagement?.deals[0].name == "Doctored")
        #expect(loaded.warnings.allSatisfy { !$0.path.hasPrefix("deals[") })
    }

    /// Edits in a deal, or in what decoding deals reads, are checked by a whole load.
    @Test func editsInTheDealsAreNotEligible() throws {
        let doc = try JSONDocument(bytes: Array(Self.withDealWarnings.utf8))
        let e = Fixtures.engagement(Self.withDealWarnings)
        guard case .write(let edits) = try ReviewEdit.nextStep(deal: "D-1", base: e.deals[0].nextStep ?? "", mine: "Call").plan(in: e, document: doc) else {
            Issue.record("nothing to write"); return
        }
        #expect(!edits.allSatisfy { $0.leavesDealsAsTheyWere })
        #expect(!JSONEdit.append(["stages"], json: "{}").leavesDealsAsTheyWere)
        #expect(!JSONEdit.replace(["reps", 0, "id"], json: "\"x\"").leavesDealsAsTheyWere)
        #expect(JSONEdit.insert([], key: "autopsies", json: "[]").leavesDealsAsTheyWere)
        #expect(!JSONEdit.insert([], key: "accounts", json: "[]").leavesDealsAsTheyWere)
    }

    /// A reload of a path takes the deals of its previous load only while the bytes they were
    /// decoded from are unchanged: a changed deal (even one byte, same length) is decoded again.
    @Test func aReloadReusesOnlyUnchangedDeals() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("redline-reload-\(UUID().uuidString).json").path
        func write(_ text: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) }
        func whole() -> LoadedFile { Fixtures.load(String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self), name: path) }
        let text = Self.withDealWarnings
        try write(text)
        let first = EngagementLoader.load(path: path)
        #expect(first.engagement?.deals[0].name == "One")
        #expect(DecodedDealsCache.shared.get(path) != nil)

        // Someone else sets the dashboard, lines above the deals: deals reused, their problems moved.
        let withAction = text.replacingOccurrences(of: #""targets": {"#, with: #""dashboard": ["win_rate", "acv"],\#n  "targets": {"#)
        try write(withAction)
        let reloaded = EngagementLoader.load(path: path)
        let fresh = whole()
        #expect(reloaded.problems == fresh.problems)
        #expect(EngagementWriter.write(reloaded.engagement!) == EngagementWriter.write(fresh.engagement!))
        #expect(reloaded.engagement?.dashboard == ["win_rate", "acv"])
        #expect(reloaded.warnings.contains { $0.path.hasPrefix("deals[") })

        // A deal's name changed in place, same length: decoded again, never the old one.
        try write(withAction.replacingOccurrences(of: #""name": "One""#, with: #""name": "Uno""#))
        #expect(EngagementLoader.load(path: path).engagement?.deals[0].name == "Uno")
        // A rep renamed (deals read the reps): decoded again, with the warning it now makes.
        try write(withAction.replacingOccurrences(of: #"{"id": "sam", "name": "Sam""#, with: #"{"id": "sem", "name": "Sam""#))
        let renamed = EngagementLoader.load(path: path)
        #expect(renamed.problems == whole().problems)
        #expect(renamed.warnings.contains { $0.message == "no rep has the id \"sam\"" })
        // The cache is what a reload takes when the bytes match: a doctored entry shows through.
        let cached = try #require(DecodedDealsCache.shared.get(path))
        var deals = cached.deals
        deals[0].name = "From the cache"
        DecodedDealsCache.shared.set(path, DecodedDeals(deals: deals, ids: cached.ids, problems: cached.problems, offset: cached.offset, inputs: cached.inputs))
        #expect(EngagementLoader.load(path: path).engagement?.deals[0].name == "From the cache")
    }
}
