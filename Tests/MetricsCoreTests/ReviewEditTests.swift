import Testing
@testable import MetricsCore

/// Review edits merged into the file as it is now: a field nobody else changed takes the new
/// value, the same field changed by someone else is a conflict with both versions.
@Suite struct ReviewEditTests {
    let e = Fixtures.engagement(Fixtures.kpiBasic)
    var doc: JSONDocument { try! JSONDocument(bytes: Array(Fixtures.kpiBasic.utf8)) }

    func apply(_ edit: ReviewEdit, choice: ConflictChoice = .ask) throws -> Engagement {
        guard case .write(let edits) = try edit.plan(in: e, document: doc, choice: choice) else { throw EngagementFile.Failure("nothing to write") }
        return Fixtures.engagement(String(decoding: try doc.applying(edits), as: UTF8.self))
    }

    @Test func threeWayMergeOfOneField() throws {
        let d3 = e.deals.first { $0.id == "D-3" }!
        let now = d3.nextStep ?? ""
        // Base equals the file: mine is written.
        #expect(try apply(.nextStep(deal: "D-3", base: now, mine: "Call the CFO")).deals.first { $0.id == "D-3" }?.nextStep == "Call the CFO")
        // Mine equals the file already: nothing to write.
        guard case .unchanged = try ReviewEdit.nextStep(deal: "D-3", base: "old", mine: now).plan(in: e, document: doc) else { Issue.record("not unchanged"); return }
        // Someone else changed it from the base to something else: a conflict, both versions.
        guard case .conflicts(let c) = try ReviewEdit.nextStep(deal: "D-3", base: "what I saw", mine: "Mine").plan(in: e, document: doc) else { Issue.record("no conflict"); return }
        #expect(c == [EditConflict(field: "next step", theirs: now, mine: "Mine")])
        // ... unless the user chose theirs over mine.
        #expect(try apply(.nextStep(deal: "D-3", base: "what I saw", mine: "Mine"), choice: .keepMine).deals.first { $0.id == "D-3" }?.nextStep == "Mine")
    }

    @Test func autopsyFieldsMergeOneByOne() throws {
        let written = AutopsyDraft(e.autopsies[0])
        #expect(written == AutopsyDraft(kpis: ["win_rate"], rootCause: "No budget owner", systemicChange: "Qualify budget at discovery",
                                        owner: "Sam", due: Day("2026-12-01"), status: "open"))
        // I saw an older owner and changed only the status: the owner on disk is not mine to touch.
        var base = written; base.owner = "Someone before"
        var mine = base; mine.status = "done"
        let merged = try apply(.autopsy(deal: "D-3", base: base, mine: mine, writtenOn: Fixtures.asOf))
        #expect(merged.autopsies.count == 2 && merged.autopsies[0].status == "done" && merged.autopsies[0].owner == "Sam")
        // Clearing the due date writes null (absent), and the autopsy still loads.
        var cleared = written; cleared.due = nil
        #expect(try apply(.autopsy(deal: "D-3", base: written, mine: cleared, writtenOn: Fixtures.asOf)).autopsies[0].due == nil)
        // A new autopsy for a deal someone else wrote meanwhile: every differing field is a conflict.
        guard case .conflicts(let c) = try ReviewEdit.autopsy(deal: "D-3", base: nil, mine: AutopsyDraft(kpis: ["win_rate"], rootCause: "Mine", systemicChange: "Mine too", status: "open"),
                                                              writtenOn: Fixtures.asOf).plan(in: e, document: doc) else { Issue.record("no conflict"); return }
        #expect(c.map(\.field) == ["root cause", "systemic change"])   // owner and due left empty here: theirs stay
    }

    @Test func newAutopsiesAndActionsAreAppended() throws {
        let draft = AutopsyDraft(kpis: ["win_rate", "sales_cycle_days"], rootCause: "Security review late", systemicChange: "Security pack at discovery",
                                 owner: "", due: Day("2027-01-15"), status: "open")
        let withAutopsy = try apply(.autopsy(deal: "D-1", base: nil, mine: draft, writtenOn: Fixtures.asOf))
        #expect(withAutopsy.autopsies.count == 3)
        let a = withAutopsy.autopsies[2]
        #expect(a.deal == "D-1" && a.writtenOn == Fixtures.asOf && a.kpis == ["win_rate", "sales_cycle_days"] && a.owner == nil && a.due == Day("2027-01-15"))
        let withAction = try apply(.addAction(week: ISOWeek("2026-W48")!, text: "Call \"every\" champion", kpi: "win_rate", owner: "Jordan"))
        #expect(withAction.actions.count == 4 && withAction.actions[3].text == "Call \"every\" champion" && withAction.actions[3].status == "planned")
    }

    @Test func actionsAreFoundByWeekPlaceAndText() throws {
        let week = ISOWeek("2026-W47")!
        // Its place moved (someone inserted one before it): found by text.
        let ref = ActionRef(week: week, ordinal: 0, text: "Hire an SDR")
        let marked = try apply(.setActionStatus(ref, base: "dropped", mine: "done"))
        #expect(marked.actions[1].status == "done" && marked.actions[0].status == "done")
        #expect(throws: EngagementFile.Failure("the action \"Gone\" of 2026-W47 is no longer in the file")) {
            try ReviewEdit.setActionStatus(ActionRef(week: week, ordinal: 0, text: "Gone"), base: "planned", mine: "done").plan(in: e, document: doc)
        }
        #expect(throws: EngagementFile.Failure("no deal D-404 in the file any more")) {
            try ReviewEdit.nextStep(deal: "D-404", base: "", mine: "x").plan(in: e, document: doc)
        }
    }
}
