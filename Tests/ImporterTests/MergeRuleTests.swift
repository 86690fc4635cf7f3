import Testing
@testable import Importer
import MetricsCore

/// The rules of engagement-format.md, "Successive exports", one at a time on small files.
@Suite struct MergeRuleTests {
    static let stages = [Stage(id: "open", name: "Open", probability: 0.5), Stage(id: "next", name: "Next", probability: 0.7),
                         Stage(id: "won", name: "Won", outcome: .won), Stage(id: "lost", name: "Lost", outcome: .lost)]

    static func deal(_ id: String, _ history: [(String, String)], close: String? = nil, amount: Double = 1_000,
                     name: String? = nil, owner: String? = nil, account: String? = nil) -> Deal {
        Deal(id: id, name: name ?? "Deal \(id)", account: account, owner: owner, amount: amount, created: Day(history[0].1)!,
             expectedClose: close.flatMap(Day.init), stageHistory: history.map { StageEntry(stage: $0.0, on: Day($0.1)!) })
    }

    static func engagement(_ deals: [Deal], asOf: String?) -> Engagement {
        Engagement(client: Client(id: "c", name: "C", industry: "saas"), stages: stages,
                   reps: [Rep(id: "sam", name: "Sam"), Rep(id: "priya", name: "Priya")],
                   accounts: [Account(id: "acme", name: "Acme"), Account(id: "globex", name: "Globex")],
                   deals: deals, dataAsOf: asOf.flatMap(Day.init))
    }

    /// `existing` written as a file, `incoming` merged into it as of `asOf`.
    static func merge(_ existing: Engagement, _ incoming: Engagement, asOf: String) throws -> (before: [UInt8], after: [UInt8], report: MergeReport, merged: Engagement) {
        try merge(EngagementWriter.write(existing), incoming, asOf: asOf)
    }

    static func merge(_ before: [UInt8], _ incoming: Engagement, asOf: String) throws -> (before: [UInt8], after: [UInt8], report: MergeReport, merged: Engagement) {
        let existing = try #require(before.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "c.json") }.engagement)
        let document = try JSONDocument(bytes: before)
        let plan = try ImportMerge.plan(existing: existing, document: document, incoming: incoming, asOf: Day(asOf)!)
        let after = try document.applying(plan.edits)
        let loaded = after.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "c.json") }
        #expect(loaded.errors.isEmpty, "\(loaded.errors)")
        return (before, after, plan.report, try #require(loaded.engagement))
    }

    static func history(_ e: Engagement, _ id: String) -> [StageEntry] { e.deals.first { $0.id == id }!.stageHistory }

    /// Two exports of one day: the later corrects the earlier, and the report says that day's figures change.
    @Test func aSecondExportOfTheSameDayIsSaid() throws {
        let before = Self.engagement([Self.deal("A", [("open", "2026-11-01")])], asOf: "2026-11-30")
        let after = Self.engagement([Self.deal("A", [("open", "2026-11-01"), ("won", "2026-11-30")])], asOf: "2026-11-30")
        let m = try Self.merge(before, after, asOf: "2026-11-30")
        #expect(Self.history(m.merged, "A").last == StageEntry(stage: "won", on: Day("2026-11-30")!))
        #expect(m.report.sameDayAsLastImport == Day("2026-11-30"))
        #expect(m.report.dataAsOf == nil)
        // Nothing moved: nothing to say.
        let again = try Self.merge(m.after, after, asOf: "2026-11-30")
        #expect(again.report.sameDayAsLastImport == nil)
        // A later export: dated after the last import as before.
        #expect(try Self.merge(before, after, asOf: "2026-12-01").report.sameDayAsLastImport == nil)
    }

    @Test func stageMovesAreDatedBetweenTheTwoExports() throws {
        // Earlier export 2026-10-31, this one 2026-11-14: moves land in 2026-11-01 … 2026-11-14.
        let before = Self.engagement([
            Self.deal("E", [("open", "2026-10-01")]), Self.deal("M", [("open", "2026-10-01")]),
            Self.deal("F", [("open", "2026-10-01")]), Self.deal("H", [("open", "2026-10-01"), ("next", "2026-11-03")]),
        ], asOf: "2026-10-31")
        let after = Self.engagement([
            Self.deal("E", [("open", "2026-10-01"), ("won", "2026-10-20")]),  // the CRM says before the earlier export
            Self.deal("M", [("open", "2026-10-01"), ("won", "2026-11-05")]),  // between the exports: as the CRM says
            Self.deal("F", [("open", "2026-10-01"), ("won", "2026-11-20")]),  // after this export: this export's date
            Self.deal("H", [("open", "2026-10-01"), ("lost", "2026-10-20")]), // never before the file's last entry (11-03)
        ], asOf: "2026-11-14")
        let m = try Self.merge(before, after, asOf: "2026-11-14")
        #expect(Self.history(m.merged, "E") == [StageEntry(stage: "open", on: Day("2026-10-01")!), StageEntry(stage: "won", on: Day("2026-11-01")!)])
        #expect(Self.history(m.merged, "M").last == StageEntry(stage: "won", on: Day("2026-11-05")!))
        #expect(Self.history(m.merged, "F").last == StageEntry(stage: "won", on: Day("2026-11-14")!))
        #expect(Self.history(m.merged, "H") == [StageEntry(stage: "open", on: Day("2026-10-01")!), StageEntry(stage: "next", on: Day("2026-11-03")!),
                                                StageEntry(stage: "lost", on: Day("2026-11-03")!)])
        #expect(m.report.stageMoves.map(\.id) == ["E", "M", "F", "H"])
        #expect(m.report.movesRedated == 2) // E and H
        #expect(m.merged.dataAsOf == Day("2026-11-14"))
    }

    @Test func closeDatesGetAChangeAndValuesFollowTheCRM() throws {
        let before = Self.engagement([
            Self.deal("P", [("open", "2026-10-01")], close: "2026-11-20", amount: 5_000, name: "Pilot", owner: "sam", account: "acme"),
            Self.deal("N", [("open", "2026-10-01")]),        // no close date yet
            Self.deal("W", [("open", "2026-10-01")]),        // no close date, then won with one
            Self.deal("K", [("open", "2026-10-01")], owner: "sam", account: "acme"),
        ], asOf: "2026-10-31")
        var p = Self.deal("P", [("open", "2026-10-01")], close: "2026-12-05", amount: 7_500, name: "Pilot, phase 2", owner: "priya", account: "globex")
        p.probability = 0.35
        let after = Self.engagement([
            p,
            Self.deal("N", [("open", "2026-10-01")], close: "2026-12-15"),
            Self.deal("W", [("open", "2026-10-01"), ("won", "2026-11-10")], close: "2026-11-10"),
            Self.deal("K", [("open", "2026-10-01")]),        // owner and account cells empty in this export
        ], asOf: "2026-11-14")
        let m = try Self.merge(before, after, asOf: "2026-11-14")
        let deal = { (id: String) in m.merged.deals.first { $0.id == id }! }
        #expect(deal("P").closeDateChanges == [CloseDateChange(on: Day("2026-11-14")!, from: Day("2026-11-20")!, to: Day("2026-12-05")!)])
        #expect(deal("P").expectedClose == Day("2026-12-05"))
        #expect((deal("P").amount, deal("P").name, deal("P").owner, deal("P").account) == (7_500, "Pilot, phase 2", "priya", "globex"))
        // The probability is reported, not applied: it has no history and past forecasts use it.
        #expect(deal("P").probability == nil && m.report.probabilityChanges.map(\.id) == ["P"])
        // An open deal's first close date is set; a deal that closed without one while open gets none.
        #expect(deal("N").expectedClose == Day("2026-12-15") && deal("N").closeDateChanges.isEmpty)
        #expect(deal("W").expectedClose == nil && deal("W").closeDateChanges.isEmpty)
        // An empty cell never erases what the file has.
        #expect(deal("K").owner == "sam" && deal("K").account == "acme")
        #expect(m.report.renames.map(\.to) == ["Pilot, phase 2"])
        #expect(m.report.ownerChanges.map { "\($0.id) \($0.from ?? "-") \($0.to)" } == ["P sam priya"])
        #expect(m.report.accountChanges.map { "\($0.id) \($0.from ?? "-") \($0.to)" } == ["P acme globex"])
        #expect(m.report.firstCloseDates.map(\.id) == ["N"])
        #expect(m.report.amountChanges.map(\.to) == [7_500])
    }

    @Test func goneDealsGetGoneOnAndLoseItWhenTheyComeBack() throws {
        let first = Self.engagement([Self.deal("A", [("open", "2026-10-01")], close: "2026-12-01"),
                                     Self.deal("B", [("open", "2026-10-01")], close: "2026-12-01")], asOf: "2026-10-31")
        let written = EngagementWriter.write(first)
        // B is missing from the next export: it gets gone_on, everything else it has stays.
        let second = try Self.merge(written, Self.engagement([Self.deal("A", [("open", "2026-10-01")], close: "2026-12-01")], asOf: nil), asOf: "2026-11-14")
        #expect(second.report.gone == ["B"])
        #expect(second.merged.deals.map(\.goneOn) == [nil, Day("2026-11-14")])
        #expect(second.merged.deals[1].stageHistory == first.deals[1].stageHistory && second.merged.deals[1].expectedClose == Day("2026-12-01"))
        // Still missing two weeks later: it keeps the first date it went.
        let third = try Self.merge(second.after, Self.engagement([Self.deal("A", [("open", "2026-10-01")], close: "2026-12-01")], asOf: nil), asOf: "2026-11-28")
        #expect(third.report.gone.isEmpty && third.report.stillGone == 1)
        #expect(third.merged.deals[1].goneOn == Day("2026-11-14"))
        // Back, in the same stage: gone_on is removed and the deal's bytes are as they were.
        let back = try Self.merge(third.after, first, asOf: "2026-12-12")
        #expect(back.report.cameBack == ["B"])
        #expect(back.merged.deals[1].goneOn == nil)
        let text = String(decoding: back.after, as: UTF8.self), original = String(decoding: written, as: UTF8.self)
        #expect(text == original.replacingOccurrences(of: "\"data_as_of\": \"2026-10-31\"", with: "\"data_as_of\": \"2026-12-12\""))
    }

    @Test func theSameExportAgainChangesNoByte() throws {
        let first = Self.engagement([Self.deal("A", [("open", "2026-10-01")], close: "2026-12-01", owner: "sam"),
                                     Self.deal("B", [("open", "2026-10-01"), ("won", "2026-10-20")], close: "2026-10-20")], asOf: "2026-10-31")
        let next = Self.engagement([Self.deal("A", [("open", "2026-10-01"), ("next", "2026-11-02")], close: "2026-12-10", owner: "priya"),
                                    Self.deal("C", [("open", "2026-11-05")], close: "2026-12-20")], asOf: "2026-11-14")
        let once = try Self.merge(first, next, asOf: "2026-11-14")
        #expect(!once.report.isEmpty)
        let twice = try Self.merge(once.after, next, asOf: "2026-11-14")
        #expect(twice.report.isEmpty)
        #expect(twice.after == once.after)
        let document = try JSONDocument(bytes: once.after)
        #expect(try ImportMerge.plan(existing: once.merged, document: document, incoming: next, asOf: Day("2026-11-14")!).edits.isEmpty)
    }

    @Test func newDealsFromBeforeTheLastImportAreDatedAfterIt() throws {
        let first = Self.engagement([Self.deal("A", [("open", "2026-10-01")], close: "2026-12-01")], asOf: "2026-10-31")
        let next = Self.engagement([
            Self.deal("A", [("open", "2026-10-01")], close: "2026-12-01"),
            Self.deal("LATE", [("open", "2026-10-30"), ("won", "2026-10-31")], close: "2026-10-31"), // the CRM has it from before the earlier export
            Self.deal("NEW", [("open", "2026-11-05")], close: "2026-12-20"),
        ], asOf: "2026-11-14")
        let m = try Self.merge(first, next, asOf: "2026-11-14")
        let late = m.merged.deals.first { $0.id == "LATE" }!
        #expect(late.created == Day("2026-11-01") && late.firstMeeting == Day("2026-10-30")) // the cycle still starts when the CRM says
        #expect(late.stageHistory == [StageEntry(stage: "open", on: Day("2026-11-01")!), StageEntry(stage: "won", on: Day("2026-11-01")!)])
        let new = m.merged.deals.first { $0.id == "NEW" }!
        #expect(new.created == Day("2026-11-05") && new.firstMeeting == nil && new.stageHistory.first?.on == Day("2026-11-05"))
        #expect(m.report.newDeals == ["LATE", "NEW"] && m.report.newDealsRedated == 1)
    }

    @Test func aDocumentThatIsNotTheLoadedFileIsRefused() throws {
        let file = EngagementWriter.write(Self.engagement([Self.deal("A", [("open", "2026-10-01")])], asOf: "2026-10-31"))
        let other = Self.engagement([Self.deal("A", [("open", "2026-10-01")]), Self.deal("B", [("open", "2026-10-01")])], asOf: "2026-10-31")
        #expect(throws: MergeError("the file's deals array has 1 element but 2 deals loaded")) {
            try ImportMerge.plan(existing: other, document: try JSONDocument(bytes: file), incoming: other, asOf: Day("2026-11-14")!)
        }
    }

    @Test func anExportOlderThanTheFileIsRefused() throws {
        let file = EngagementWriter.write(Self.engagement([Self.deal("A", [("open", "2026-10-01")])], asOf: "2026-11-14"))
        let existing = try #require(file.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "c.json") }.engagement)
        #expect(throws: MergeError("the export's date 2026-10-31 is before the file's data_as_of 2026-11-14 (its last import): import exports oldest first")) {
            try ImportMerge.plan(existing: existing, document: try JSONDocument(bytes: file), incoming: existing, asOf: Day("2026-10-31")!)
        }
    }

    /// Without --as-of the export's date is its file's modification date: a copy of the same
    /// export is no news, so it leaves the file as it is; a guessed date older than the file is
    /// refused with what fixes it.
    @Test func aGuessedDateAloneDoesNotMoveDataAsOf() throws {
        let existing = Self.engagement([Self.deal("A", [("open", "2026-10-01")], close: "2026-12-01")], asOf: "2026-10-31")
        let file = EngagementWriter.write(existing)
        let loaded = try #require(file.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "c.json") }.engagement)
        let same = try ImportMerge.plan(existing: loaded, document: try JSONDocument(bytes: file), incoming: existing, asOf: Day("2026-11-20")!, asOfGiven: false)
        #expect(same.edits.isEmpty)
        #expect(same.report.keptDataAsOf == Day("2026-10-31"))
        #expect(same.report.dataAsOf == nil)
        // Given, the same date moves it: the CRO says the export is of that day.
        let given = try ImportMerge.plan(existing: loaded, document: try JSONDocument(bytes: file), incoming: existing, asOf: Day("2026-11-20")!)
        #expect(given.report.dataAsOf?.to == Day("2026-11-20"))
        #expect(given.report.keptDataAsOf == nil)
        // Guessed, with a move in it: the move is dated and data_as_of follows.
        var moved = existing
        moved.deals[0].stageHistory.append(StageEntry(stage: "won", on: Day("2026-11-10")!))
        let m = try ImportMerge.plan(existing: loaded, document: try JSONDocument(bytes: file), incoming: moved, asOf: Day("2026-11-20")!, asOfGiven: false)
        #expect(m.report.stageMoves.map(\.id) == ["A"])
        #expect(m.report.dataAsOf?.to == Day("2026-11-20"))
        #expect(throws: MergeError("the export's date 2026-10-20 is before the file's data_as_of 2026-10-31 (its last import): import exports oldest first (without --as-of it is the export file's modification date: give the day it was exported)")) {
            try ImportMerge.plan(existing: loaded, document: try JSONDocument(bytes: file), incoming: existing, asOf: Day("2026-10-20")!, asOfGiven: false)
        }
    }
}
