import Foundation
import Testing
@testable import MetricsCore

/// `u` in the cockpit: the undo of a saved edit gives back the file byte for byte, and is a
/// conflict, not an overwrite, when someone else changed the same thing since.
@Suite struct UndoEditTests {
    /// `kpiBasic` without the lists a first edit adds.
    static let withoutLists: String = {
        let doc = try! JSONDocument(bytes: Array(Fixtures.kpiBasic.utf8))
        return String(decoding: try! doc.applying([.remove(["forecasts"]), .remove(["actions"]), .remove(["autopsies"])]), as: UTF8.self)
    }()

    func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("redline-undo-\(UUID().uuidString).json").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func bytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    /// Saves `edit`, checks the file changed, undoes it, and checks the file is as it was.
    func saveThenUndo(_ edit: ReviewEdit, in text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = try file(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let before = try bytes(path)
        let saved = try EngagementFile.saveUndoable(edit, to: path)
        #expect(saved.outcome == .saved, sourceLocation: sourceLocation)
        #expect(try bytes(path) != before, sourceLocation: sourceLocation)
        let undo = try #require(saved.undo, sourceLocation: sourceLocation)
        let undone = try EngagementFile.saveUndoable(undo, to: path)
        #expect(undone.outcome == .saved, sourceLocation: sourceLocation)
        #expect(String(decoding: try bytes(path), as: UTF8.self) == text, sourceLocation: sourceLocation)
    }

    @Test func everyKindOfEditIsUndoneByteForByte() throws {
        let week = ISOWeek("2026-W48")!
        let draft = AutopsyDraft(kpis: ["win_rate"], rootCause: "No champion", systemicChange: "Map champions at discovery", owner: "Sam", due: Day("2027-01-15"), status: "open")
        for text in [Fixtures.kpiBasic, Self.withoutLists] {
            // D-1 has no next step and no stall acknowledgement: both are added, then removed.
            try saveThenUndo(.nextStep(deal: "D-1", base: "", mine: "Call the CFO"), in: text)
            try saveThenUndo(.stallAck(deal: "D-1", base: nil, mine: StallAckDraft(until: Day("2026-12-07")!, note: "Board in Dec")), in: text)
            try saveThenUndo(.autopsy(deal: "D-1", base: nil, mine: draft, writtenOn: Fixtures.asOf), in: text)
            try saveThenUndo(.addAutopsy(deal: "D-1", draft, writtenOn: Fixtures.asOf), in: text)
            try saveThenUndo(.addAction(week: week, text: "Call every champion", kpi: "win_rate", owner: "Jordan"), in: text)
            try saveThenUndo(.recordForecast(asOf: Fixtures.asOf), in: text)
            try saveThenUndo(.improvement(kpi: .winRate, base: nil, mine: Improvement(quarter: "2026-Q4", change: 0.1)), in: text)
        }
        // Edits of what the file already has: the old values come back.
        let e = Fixtures.engagement(Fixtures.kpiBasic)
        let d3 = try #require(e.deals.first { $0.id == "D-3" })
        try saveThenUndo(.nextStep(deal: "D-3", base: d3.nextStep ?? "", mine: "Another step"), in: Fixtures.kpiBasic)
        let acked = try #require(e.deals.first { $0.stallAck != nil })
        let ack = try #require(acked.stallAck)
        let was = StallAckDraft(until: ack.until, note: ack.note ?? "")
        try saveThenUndo(.stallAck(deal: acked.id, base: was, mine: StallAckDraft(until: Day("2026-12-14")!, note: "later")), in: Fixtures.kpiBasic)
        var changed = AutopsyDraft(e.autopsies[0]); changed.status = "done"
        try saveThenUndo(.autopsy(deal: e.autopsies[0].deal, base: AutopsyDraft(e.autopsies[0]), mine: changed, writtenOn: Fixtures.asOf), in: Fixtures.kpiBasic)
        let first = e.actions[0]
        let ref = ActionRef(week: first.week, ordinal: 0, text: first.text)
        try saveThenUndo(.setActionStatus(ref, base: first.status, mine: first.status == "done" ? "dropped" : "done"), in: Fixtures.kpiBasic)
    }

    @Test func anUndoAfterSomeoneElsesChangeIsAConflict() throws {
        let path = try file(Fixtures.kpiBasic)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let undoStep = try #require(try EngagementFile.saveUndoable(.nextStep(deal: "D-1", base: "", mine: "Mine"), to: path).undo)
        // A colleague changes the same next step meanwhile: the undo leaves theirs.
        #expect(try EngagementFile.save(.nextStep(deal: "D-1", base: "Mine", mine: "Theirs"), to: path) == .saved)
        #expect(try EngagementFile.save(undoStep, to: path) == .conflicts([EditConflict(field: "next step", theirs: "Theirs", mine: "")]))
        #expect(EngagementLoader.load(path: path).engagement?.deals.first { $0.id == "D-1" }?.nextStep == "Theirs")

        // A planned action someone marked done since is not removed.
        let week = ISOWeek("2026-W48")!
        let removeAction = try #require(try EngagementFile.saveUndoable(.addAction(week: week, text: "Plan it", kpi: nil, owner: nil), to: path).undo)
        let e = try #require(EngagementLoader.load(path: path).engagement)
        let ordinal = e.actions.filter { $0.week == week }.count - 1
        #expect(try EngagementFile.save(.setActionStatus(ActionRef(week: week, ordinal: ordinal, text: "Plan it"), base: "planned", mine: "done"), to: path) == .saved)
        #expect(try EngagementFile.save(removeAction, to: path) == .conflicts([EditConflict(field: "action \"Plan it\"", theirs: "done", mine: "(removed)")]))

        // An action someone removed since: the undo says so and writes nothing.
        let removeAgain = try #require(try EngagementFile.saveUndoable(.addAction(week: week, text: "Gone soon", kpi: nil, owner: nil), to: path).undo)
        #expect(try EngagementFile.save(removeAgain, to: path) == .saved)
        #expect(throws: EngagementFile.Failure("the action \"Gone soon\" of 2026-W48 is no longer in the file")) { try EngagementFile.save(removeAgain, to: path) }
    }

    @Test func theSummaryNamesWhatChanged() {
        #expect(ReviewEdit.nextStep(deal: "D-1", base: "", mine: "x").summary == "the next step of D-1")
        #expect(ReviewEdit.improvement(kpi: .winRate, base: nil, mine: nil).summary == "the improvement target of Win rate")
        #expect(ReviewEdit.recordForecast(asOf: Fixtures.asOf).summary == "the forecast of 2026-11-23")
    }
}
