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

    // MARK: The kept loads of a save (issue 15): only the members an edit changed are scanned and decoded.

    /// `text` without the whitespace between tokens: one line, so every problem after an edit
    /// changes column.
    static func minified(_ text: String) -> String {
        var out: [UInt8] = [], inString = false, escaped = false
        for c in text.utf8 {
            if inString {
                if escaped { escaped = false } else if c == 0x5C { escaped = true } else if c == 0x22 { inString = false }
            } else if c == 0x22 {
                inString = true
            } else if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 {
                continue
            }
            out.append(c)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The fixture with deal warnings as written, on one line, with CRLF line ends, and with a BOM.
    static let layouts = [withDealWarnings, minified(withDealWarnings), withDealWarnings.replacingOccurrences(of: "\n", with: "\r\n"),
                          "\u{FEFF}" + withDealWarnings]

    /// A save through kept loads: the file loaded whole (as under the lock of a first save), the
    /// edit, and its check taking what the edit left from that load. The check, its problems'
    /// lines and columns, and the kept tape must be what a whole load of the result gives.
    /// Returns the top-level keys the check took.
    func checkKept(_ edit: ReviewEdit, in text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let (_, first) = KeptLoad.load(Array(text.utf8), file: "f.json", after: nil, reusing: nil)
        let kept = try #require(first, sourceLocation: sourceLocation)
        #expect(kept.members != nil && kept.taken.isEmpty, sourceLocation: sourceLocation)
        let doc = JSONDocument(bytes: kept.bytes, tape: kept.tape)
        guard case .write(let edits) = try edit.plan(in: try #require(kept.loaded.engagement), document: doc) else {
            Issue.record("nothing to write", sourceLocation: sourceLocation); return []
        }
        let after = try doc.applying(edits)
        let (fast, saved) = KeptLoad.load(after, file: "f.json", after: kept, reusing: nil)
        let whole = after.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "f.json") }
        #expect(fast.problems == whole.problems, sourceLocation: sourceLocation)
        #expect(fast.unlisted == whole.unlisted, sourceLocation: sourceLocation)
        #expect(whole.warnings.contains { $0.path.hasPrefix("deals[") }, sourceLocation: sourceLocation)
        let fastEngagement = try #require(fast.engagement), wholeEngagement = try #require(whole.engagement)
        #expect(EngagementWriter.write(fastEngagement) == EngagementWriter.write(wholeEngagement), sourceLocation: sourceLocation)
        let tape = try #require(saved?.tape, sourceLocation: sourceLocation)
        #expect(.tape(TapeRescanTests.nodes(tape)) == TapeRescanTests.wholeScan(Array(after[(text.hasPrefix("\u{FEFF}") ? 3 : 0)...])),
                sourceLocation: sourceLocation)
        return saved?.taken ?? []
    }

    static let week = ISOWeek(year: 2026, week: 48)
    static let draft = AutopsyDraft(kpis: ["win_rate"], rootCause: "No budget owner", systemicChange: "Qualify budget at discovery",
                                    owner: "Sam", due: Day("2026-12-15"), status: "open")
    /// Each kind of save the cockpit and the commands make beside the deals, with the member it edits.
    static let besideTheDeals: [(ReviewEdit, String)] = [
        (.addAction(week: week, text: "Call the CFO", kpi: "win_rate", owner: "Sam"), "actions"),
        (.setActionStatus(ActionRef(week: ISOWeek(year: 2026, week: 47), ordinal: 0, text: "Hire an SDR"), base: "dropped", mine: "done"), "actions"),
        (.addAutopsy(deal: "D-2", draft, writtenOn: Fixtures.asOf), "autopsies"),
        (.autopsy(deal: "D-7", base: AutopsyDraft(kpis: ["sales_cycle_days"], rootCause: "Legal stuck", status: "open"),
                  mine: AutopsyDraft(kpis: ["sales_cycle_days"], rootCause: "Legal stuck", status: "done"), writtenOn: Fixtures.asOf), "autopsies"),
        (.recordForecast(asOf: Fixtures.asOf), "forecasts"),
        (.improvement(kpi: .winRate, base: nil, mine: Improvement(quarter: "2026-Q4", change: 0.1)), "targets"),
    ]

    @Test func aKeptCheckTakesAllButTheEditedMember() throws {
        for text in Self.layouts {
            for (edit, member) in Self.besideTheDeals {
                let taken = try checkKept(edit, in: text)
                #expect(!taken.contains(member), "\(edit)")
                for key in ["client", "engagement", "stages", "reps", "accounts", "deals", "funnel"] where key != member {
                    #expect(taken.contains(key), "\(edit): \(key) not taken")
                }
                // The autopsies read the deals' ids: taken with them.
                if member != "autopsies" { #expect(taken.contains("autopsies")) }
            }
        }
    }

    /// A next step or a stall acknowledgement edits a deal: the deals are scanned and decoded
    /// again, and so are the autopsies that read their ids; the rest is still taken.
    @Test func aDealEditDecodesTheDealsAgain() throws {
        for text in Self.layouts {
            let e = Fixtures.engagement(Self.withDealWarnings)
            for edit in [ReviewEdit.nextStep(deal: "D-1", base: e.deals[0].nextStep ?? "", mine: "Call"),
                         .stallAck(deal: "D-6", base: nil, mine: StallAckDraft(until: Day("2026-12-10")!, note: "on holiday"))] {
                let taken = try checkKept(edit, in: text)
                #expect(!taken.contains("deals") && !taken.contains("autopsies"))
                #expect(taken.contains("accounts") && taken.contains("stages") && taken.contains("targets"))
            }
        }
    }

    /// The kept members are what a check takes: a doctored copy shows through (so the equalities
    /// above are not a whole load compared with itself), and only while the bytes are unchanged.
    @Test func theKeptMembersAreTaken() throws {
        let bytes = Array(Self.withDealWarnings.utf8)
        let (_, first) = KeptLoad.load(bytes, file: "f.json", after: nil, reusing: nil)
        let kept = try #require(first)
        var doctored = try #require(kept.loaded.engagement)
        doctored.deals[0].name = "Doctored"
        doctored.accounts[0].name = "Doctored too"
        var file = kept.loaded
        file.engagement = doctored
        let fake = KeptLoad(bytes: kept.bytes, tape: kept.tape, loaded: file, members: kept.members, deals: kept.deals, taken: [])
        let withAction = Self.withDealWarnings.replacingOccurrences(of: #""text": "Hire an SDR"}"#, with: #""text": "Hire two SDRs"}"#)
        let (loaded, _) = KeptLoad.load(Array(withAction.utf8), file: "f.json", after: fake, reusing: nil)
        #expect(loaded.engagement?.deals[0].name == "Doctored")
        #expect(loaded.engagement?.accounts[0].name == "Doctored too")
        #expect(loaded.engagement?.actions[1].text == "Hire two SDRs")
        // One byte of an account changed: the accounts and the deals (which read them) decoded again.
        let renamed = withAction.replacingOccurrences(of: #""name": "A1""#, with: #""name": "B1""#)
        let (again, _) = KeptLoad.load(Array(renamed.utf8), file: "f.json", after: fake, reusing: nil)
        #expect(again.engagement?.deals[0].name == "One")
        #expect(again.engagement?.accounts[0].name == "B1")
    }

    /// A save's check holds the only reference to the load before the edit: the new tape is made
    /// in that tape's memory, and is still the whole scan's.
    @Test func aCheckMakesItsTapeInTheMemoryOfTheOneBefore() throws {
        for (edit, _) in Self.besideTheDeals {
            let kept = try #require(KeptLoad.load(Array(Self.withDealWarnings.utf8), file: "f.json", after: nil, reusing: nil).kept)
            let base = kept.tape.storage.base
            let after: [UInt8]
            do {
                let doc = JSONDocument(bytes: kept.bytes, tape: kept.tape)
                guard case .write(let edits) = try edit.plan(in: try #require(kept.loaded.engagement), document: doc) else { continue }
                after = try doc.applying(edits)
            }
            let (fast, saved) = KeptLoad.load(after, file: "f.json", after: consume kept, reusing: nil)
            let tape = try #require(saved?.tape)
            #expect(tape.storage.base == base, "\(edit)")
            #expect(.tape(TapeRescanTests.nodes(tape)) == TapeRescanTests.wholeScan(after))
            #expect(fast.problems == after.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "f.json") }.problems)
        }
    }

    /// A full problem list is filled in decode order, so a check that would reach it with members
    /// taken loads whole instead: the listed problems and the counts stay a whole load's.
    @Test func aFullProblemListLoadsWhole() throws {
        let deals = (0..<9_998).map { i in
            #"{"id": "D-\#(i)", "name": "n", "owner": "nobody", "amount": 1, "created": "2026-01-01", "expected_close": "2026-12-01", "stage_history": [{"stage": "lead", "on": "2026-01-01"}]}"#
        }
        let text = #"{"format": "redline.engagement/1", "client": {"id": "c", "name": "C", "industry": "saas"}, "stages": [{"id": "lead"}, {"id": "won", "outcome": "won"}, {"id": "lost", "outcome": "lost"}], "deals": ["#
            + deals.joined(separator: ",\n") + "],\n" + #""autopsies": [{"deal": "D-1", "written_on": "2026-11-01"}]}"#
        let (base, first) = KeptLoad.load(Array(text.utf8), file: "f.json", after: nil, reusing: nil)
        #expect(base.warnings.count == 9_998 && base.unlisted.total == 0)
        let kept = try #require(first)
        #expect(kept.members != nil)
        for extra in [1, 3] {
            let autopsies = (0..<extra).map { #"{"deal": "gone-\#($0)", "written_on": "2026-11-01"}"# }.joined(separator: ", ")
            let after = Array(text.replacingOccurrences(of: #"{"deal": "D-1", "written_on": "2026-11-01"}"#, with: autopsies).utf8)
            let (fast, saved) = KeptLoad.load(after, file: "f.json", after: kept, reusing: nil)
            let whole = after.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "f.json") }
            #expect(fast.problems == whole.problems)
            #expect(fast.unlisted == whole.unlisted)
            #expect(fast.counts.total == 9_998 + extra)
            #expect(saved?.taken == (extra == 1 ? ["client", "stages", "deals"] : []))
        }
    }
}
