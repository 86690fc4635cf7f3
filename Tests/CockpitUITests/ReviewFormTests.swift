import Foundation
import Testing
@testable import CockpitUI
import MetricsCore

/// The review's forms: a deal's KPI autopsy, the week's actions, and what happens when someone
/// else changed the same thing meanwhile.
@Suite(.serialized) struct ReviewFormTests {
    func writtenDemo() throws -> AppState { try Cockpit.writtenDemo().0 }

    func client(_ id: String, _ s: AppState) -> Int { s.entries.firstIndex { $0.index?.engagement.client.id == id }! }

    /// Opens the KPI autopsy of a client on its first lost deal without a written autopsy.
    func openOnUnwrittenLostDeal(_ s: inout AppState, client c: Int) -> AutopsyRow {
        s.stack = [NavEntry(.portfolio), NavEntry(.autopsy(client: c))]
        let rows = s.reviews[c]!.autopsy.rows
        let at = rows.firstIndex { $0.causes.contains(.lost) && $0.written == nil }!
        s.stack[1].selection = at
        return rows[at]
    }

    @Test func anAutopsyStartsFromTheKPIsTheCoreProposesAndIsSaved() throws {
        var s = try writtenDemo()
        let c = client("northwind-advisory", s)
        let row = openOnUnwrittenLostDeal(&s, client: c)
        _ = Cockpit.press([.char("e")], on: &s)
        // What its winning moves on Northwind's dashboard (avg_deal_size, sales_cycle_days,
        // gross_margin) first, then what the rules find it hurt (win_rate, forecast_accuracy).
        let proposed = ["avg_deal_size", "sales_cycle_days", "gross_margin", "win_rate", "forecast_accuracy"]
        #expect(s.reviews[c]!.proposedKPIs(deal: row.deal).map(\.rawValue) == proposed)
        #expect(row.kpisHurt == ["win_rate", "forecast_accuracy"])
        #expect(s.form?.fields.map(\.label) == ["KPIs hurt", "Root cause", "Systemic change", "Owner", "Due", "Status"])
        #expect(s.form?.fields[0].picked == proposed)              // all proposed KPIs picked to start
        #expect(s.form?.focus == 1)                                // typing starts at the root cause
        #expect(s.form?.fields[3].text == "Jordan Blake")          // the engagement's CRO owns it by default
        _ = Cockpit.press(chars("No economic buyer on the proposal") + [.tab] + chars("Proposal needs a named budget owner"), on: &s)
        let before = try String(contentsOfFile: s.entries[c].file.file, encoding: .utf8)
        Cockpit.pressSaving([.enter], on: &s)
        #expect(s.form == nil && s.status == "Saved to northwind-advisory.json.")
        let a = s.entries[c].index!.engagement.autopsies.last!
        #expect(a.deal == row.dealID && a.kpis == proposed && a.writtenOn == Cockpit.asOf && a.due == Cockpit.asOf + 30)
        #expect(a.rootCause == "No economic buyer on the proposal" && a.systemicChange == "Proposal needs a named budget owner")
        #expect(a.owner == "Jordan Blake" && a.status == "open")
        #expect(s.reviews[c]!.autopsy.rows.first { $0.deal == row.deal }?.written != nil)   // the view shows it written
        // The file grew by the new autopsy only: everything before the end of the list is the same.
        let after = try String(contentsOfFile: s.entries[c].file.file, encoding: .utf8)
        let head = before[..<before.range(of: "\n  ]", options: .backwards, range: before.range(of: "\"autopsies\"")!.upperBound..<before.endIndex)!.lowerBound]
        #expect(after.hasPrefix(head))
    }

    /// `e` on the story of a stalled deal (x, Enter) starts from what `redline autopsy add`
    /// proposes for it, not from the dashboard's KPIs.
    @Test func anAutopsyOfAStalledDealStartsFromItsProposal() throws {
        var s = try writtenDemo()
        let c = client("talentloop", s)
        s.stack = [NavEntry(.portfolio), NavEntry(.dashboard(client: c))]
        _ = Cockpit.press([.char("x"), .enter], on: &s)
        guard case .story(_, let d) = s.top.screen else { Issue.record("not a story: \(s.top.screen)"); return }
        let review = try #require(s.reviews[c])
        let row = try #require(review.autopsy.rows.first { $0.deal == d })
        #expect(row.causes == [.stalled])
        _ = Cockpit.press([.char("e")], on: &s)
        let proposed = ["sales_cycle_days", "pipeline_velocity", "stalled_share"]
        #expect(review.proposedKPIs(deal: d).map(\.rawValue) == proposed)
        #expect(s.form?.fields[0].picked == proposed)
        #expect(s.form?.focus == 1)
    }

    /// A deal the autopsy proposes nothing for (open and moving, or its stall acknowledged) starts
    /// with nothing picked, as `redline autopsy add` without --kpi refuses it: never the dashboard.
    @Test func anAutopsyOfADealOffTheListStartsWithNothingPicked() throws {
        var s = try writtenDemo()
        let c = client("talentloop", s)
        let review = try #require(s.reviews[c])
        let listed = Set(review.autopsy.rows.map(\.deal))
        let d = try #require(review.current.snapshot.open.sorted().first { !listed.contains($0) })
        #expect(review.proposedKPIs(deal: d).isEmpty)
        s.stack = [NavEntry(.portfolio), NavEntry(.dashboard(client: c)), NavEntry(.story(client: c, deal: d))]
        _ = Cockpit.press([.char("e")], on: &s)
        let field = try #require(s.form?.fields[0])
        #expect(field.picked.isEmpty && s.form?.focus == 0)
        let id = s.entries[c].index!.deals[d].id
        #expect(s.status == "\(id) is not lost, slipped or stalled this quarter, so no KPI is proposed: pick the KPIs it hurt (Space).")
        // Space picks the first of the catalog; saved as picked.
        _ = Cockpit.press([.char(" "), .tab] + chars("Unclear next step") + [.tab] + chars("Mutual action plan at discovery"), on: &s)
        Cockpit.pressSaving([.enter], on: &s)
        #expect(s.entries[c].index!.engagement.autopsies.last.map { [$0.deal] + $0.kpis } == [id, KPIID.allCases[0].rawValue])
    }

    /// The KPI picker shows names, the proposal first, and reaches every KPI of the catalog.
    @Test func theAutopsyFormProposesDashboardKPIsFirstByName() throws {
        var s = try writtenDemo()
        let c = client("northwind-advisory", s)
        let row = openOnUnwrittenLostDeal(&s, client: c)
        _ = Cockpit.press([.char("e")], on: &s)
        let field = try #require(s.form?.fields[0])
        guard case .pick(let options, _, _, _) = field.value else { Issue.record("not a pick"); return }
        // The proposal (dashboard KPIs first), then the rest of the catalog in catalog order.
        let proposed = ["avg_deal_size", "sales_cycle_days", "gross_margin", "win_rate", "forecast_accuracy"]
        #expect(Array(options.prefix(6)) == proposed + ["acv"])
        #expect(options.count == 30 && Set(options) == Set(KPIID.allCases.map(\.rawValue)))
        #expect(Array(field.shownOptions.prefix(6)) == ["Average deal size (ADS)", "Sales cycle length", "Gross margin per engagement", "Win rate", "Forecast accuracy", "Average contract value"])
        var lines = CockpitView.render(s, glyphs: .ascii).trimmedLines
        #expect(lines.contains("    KPIs hurt*         [x] Average deal size (ADS)  [x] Sales cycle length ..."))
        // Any KPI: back to the picker, right past the proposal to the first of the rest, Space picks it.
        _ = Cockpit.press([.backTab] + Array(repeating: .right, count: 5) + [.char(" ")], on: &s)
        #expect(s.form?.fields[0].picked == proposed + ["acv"])
        lines = CockpitView.render(s, glyphs: .ascii).trimmedLines
        #expect(lines.contains { $0.hasPrefix("  > KPIs hurt*         ... ") && $0.contains("[x] Average contract value") })
        _ = Cockpit.press([.tab] + chars("Budget moved") + [.tab] + chars("Budget owner named at proposal"), on: &s)
        Cockpit.pressSaving([.enter], on: &s)
        let a = s.entries[c].index!.engagement.autopsies.last!
        #expect(a.deal == row.dealID && a.kpis == proposed + ["acv"])   // ids in the file, names on screen
    }

    @Test func anAutopsyIsCheckedBeforeSaving() throws {
        var s = try writtenDemo()
        _ = openOnUnwrittenLostDeal(&s, client: client("northwind-advisory", s))
        _ = Cockpit.press([.char("e"), .enter], on: &s)
        #expect(s.status == "Root cause is needed." && s.form?.focus == 1 && s.form?.saving == false)
        _ = Cockpit.press(chars("Late security review") + [.tab] + chars("Security pack in week one") + [.tab, .tab] + [.ctrl("u")] + chars("2026-13-40") + [.enter], on: &s)
        #expect(s.status == "Due: \"2026-13-40\" is not a date; expected YYYY-MM-DD." && s.form?.focus == 4)
        // Unpick every KPI: at least one is needed.
        _ = Cockpit.press([.ctrl("u")] + chars("2026-12-31") + [.tab, .tab], on: &s)
        #expect(s.form?.focus == 0)
        let count = s.form!.fields[0].picked.count
        for _ in 0..<count { _ = Cockpit.press([.char(" "), .right], on: &s) }
        _ = Cockpit.press([.enter], on: &s)
        #expect(s.status == "KPIs hurt: pick at least one (Space)." && s.form?.focus == 0)
    }

    @Test func anOpenChangePastItsDueDateIsOverdue() throws {
        var s = try writtenDemo()
        s.size = Size(width: 160, height: 48)
        let c = client("northwind-advisory", s)
        let row = openOnUnwrittenLostDeal(&s, client: c)
        _ = Cockpit.press([.char("e")] + chars("Late legal") + [.tab] + chars("Legal review at proposal") + [.tab, .tab, .ctrl("u")] + chars("2026-11-20"), on: &s)
        Cockpit.pressSaving([.enter], on: &s)
        let lines = CockpitView.render(s, glyphs: .unicode).trimmedLines
        #expect(lines[1].hasSuffix("· autopsies 4/7 lost or slipped, 1 stalled, 1 change overdue"))
        #expect(lines.contains { $0.contains(row.dealID) && $0.hasSuffix("overdue") })
    }

    @Test func aWrittenAutopsyIsEditedInPlace() throws {
        var s = try writtenDemo()
        let c = client("northwind-advisory", s)
        let row = openOnUnwrittenLostDeal(&s, client: c)
        _ = Cockpit.press([.char("e")] + chars("Champion left") + [.tab] + chars("Two contacts per deal"), on: &s)
        Cockpit.pressSaving([.enter], on: &s)
        let count = s.entries[c].index!.engagement.autopsies.count
        // Reopened from the deal's story: the written autopsy, to mark done.
        s.stack.append(NavEntry(.story(client: c, deal: row.deal)))
        _ = Cockpit.press([.char("e")], on: &s)
        #expect(s.form?.fields[1].text == "Champion left" && s.form?.fields[5].picked == ["open"])
        _ = Cockpit.press([.backTab, .backTab, .right, .char(" ")], on: &s)   // Status: done
        Cockpit.pressSaving([.enter], on: &s)
        let e = s.entries[c].index!.engagement
        #expect(e.autopsies.count == count && e.autopsies.last?.status == "done" && e.autopsies.last?.rootCause == "Champion left")
    }

    @Test func theWeeksActionsArePlannedAndLastWeeksMarked() throws {
        var s = try writtenDemo()
        let c = client("talentloop", s)
        s.stack = [NavEntry(.portfolio), NavEntry(.dashboard(client: c))]
        _ = Cockpit.press([.char("w")], on: &s)
        #expect(s.top.screen == .actions(client: c))
        let lastWeek = s.actionRows(client: c)
        #expect(lastWeek.count == 3 && lastWeek.allSatisfy { !$0.isThisWeek && $0.status == "planned" })
        _ = Cockpit.press([.char("o"), .enter], on: &s)
        #expect(s.status == "Action is needed." && s.form?.saving == false)
        _ = Cockpit.press([.escape], on: &s)                                   // nothing typed: closes at once
        #expect(s.form == nil)
        for (n, text) in ["Call every stalled deal's champion", "Pricing floor in the CPQ", "Pipeline review on Thursdays"].enumerated() {
            _ = Cockpit.press([.char("o")] + chars(text), on: &s)
            if n == 0 { _ = Cockpit.press([.tab, .right, .char(" ")], on: &s) }   // the first dashboard KPI
            Cockpit.pressSaving([.enter], on: &s)
            #expect(s.status == "Saved: \(n + 1) of 3 actions planned for 2026-W48." + (n < 2 ? " o plans another." : ""))
        }
        let planned = s.entries[c].index!.engagement.actions.filter { $0.week == Cockpit.asOf.isoWeek }
        #expect(planned.map(\.text) == ["Call every stalled deal's champion", "Pricing floor in the CPQ", "Pipeline review on Thursdays"])
        #expect(planned[0].kpi == s.reviews[c]!.dashboard[0].rawValue && planned[1].kpi == nil && planned.allSatisfy { $0.owner == "Jordan Blake" })
        // Last week's: first done, second dropped.
        Cockpit.pressSaving([.char("g"), .char("D"), .char("j"), .char("X")], on: &s)
        let marked = s.entries[c].index!.engagement.actions.filter { $0.week == (Cockpit.asOf - 7).isoWeek }.map(\.status)
        #expect(marked == ["done", "dropped", "planned"])
        #expect(s.reviews[c]!.actionsDoneLastWeek.count == 1 && s.reviews[c]!.actionsThisWeek.count == 3)
    }

    @Test func sameFieldChangedByTwoPeopleShowsBothVersions() throws {
        var s = try writtenDemo()
        _ = Cockpit.press([.enter, .char("x"), .enter], on: &s)
        guard case .story(let c, let d) = s.top.screen else { Issue.record("no story"); return }
        let path = s.entries[c].file.file, id = s.entries[c].index!.deals[d].id
        let original = s.entries[c].index!.deals[d].nextStep ?? ""
        _ = Cockpit.press([.char("n"), .ctrl("u")] + chars("Mine: send the MAP"), on: &s)
        // Meanwhile a colleague saves a different next step for the same deal.
        #expect(try EngagementFile.save(.nextStep(deal: id, base: original, mine: "Theirs: call the CFO"), to: path) == .saved)
        Cockpit.pressSaving([.enter], on: &s)
        #expect(s.form?.conflicts == [EditConflict(field: "next step", theirs: "Theirs: call the CFO", mine: "Mine: send the MAP")])
        #expect(s.entries[c].index!.deals[d].nextStep == "Theirs: call the CFO")     // nothing overwritten yet
        let screen = CockpitView.render(s, glyphs: .unicode).trimmedLines.joined(separator: "\n")
        #expect(screen.contains("on disk: Theirs: call the CFO") && screen.contains("yours:   Mine: send the MAP"))
        #expect(screen.contains("m keep mine (Enter)  ·  t take theirs  ·  e edit again"))
        // Edit again: theirs becomes the starting point, so the next Enter writes what is typed.
        _ = Cockpit.press([.char("e")] + chars(" after the call"), on: &s)
        Cockpit.pressSaving([.enter], on: &s)
        #expect(s.form == nil && s.entries[c].index!.deals[d].nextStep == "Mine: send the MAP after the call")
        // Again with t: theirs stays.
        _ = Cockpit.press([.char("n"), .ctrl("u")] + chars("Mine again"), on: &s)
        #expect(try EngagementFile.save(.nextStep(deal: id, base: "Mine: send the MAP after the call", mine: "Theirs again"), to: path) == .saved)
        Cockpit.pressSaving([.enter, .char("t")], on: &s)
        #expect(s.form == nil && s.status == "Kept the version on disk." && s.entries[c].index!.deals[d].nextStep == "Theirs again")
        // And with m: mine replaces theirs.
        _ = Cockpit.press([.char("n"), .ctrl("u")] + chars("Mine for good"), on: &s)
        _ = try EngagementFile.save(.nextStep(deal: id, base: "Theirs again", mine: "Theirs once more"), to: path)
        Cockpit.pressSaving([.enter, .char("m")], on: &s)
        #expect(s.form == nil && s.entries[c].index!.deals[d].nextStep == "Mine for good")
    }

    @Test func differentFieldsChangedMeanwhileAreBothKept() throws {
        var s = try writtenDemo()
        let c = client("northwind-advisory", s)
        let row = openOnUnwrittenLostDeal(&s, client: c)
        _ = Cockpit.press([.char("e")] + chars("Root A") + [.tab] + chars("Change A"), on: &s)
        Cockpit.pressSaving([.enter], on: &s)
        let path = s.entries[c].file.file
        let saved = AutopsyDraft(s.entries[c].index!.engagement.autopsies.last!)
        _ = Cockpit.press([.char("e"), .tab] + [.ctrl("u")] + chars("Change B"), on: &s)   // I change the systemic change
        var theirs = saved
        theirs.owner = "Sam Lee"                                                           // a colleague changes the owner
        #expect(try EngagementFile.save(.autopsy(deal: row.dealID, base: saved, mine: theirs, writtenOn: Cockpit.asOf), to: path) == .saved)
        Cockpit.pressSaving([.enter], on: &s)
        let a = s.entries[c].index!.engagement.autopsies.last!
        #expect(s.form == nil && a.systemicChange == "Change B" && a.owner == "Sam Lee" && a.rootCause == "Root A")
    }

    @Test func anActionMarkedByBothAsksForTheKeyAgain() throws {
        var s = try writtenDemo()
        let c = client("talentloop", s)
        s.stack = [NavEntry(.portfolio), NavEntry(.actions(client: c))]
        let row = s.actionRows(client: c)[0]
        #expect(try EngagementFile.save(.setActionStatus(row.ref, base: "planned", mine: "dropped"), to: s.entries[c].file.file) == .saved)
        Cockpit.pressSaving([.char("D")], on: &s)
        #expect(s.status == "Not changed: someone else set the status of \"\(row.ref.text)\" to dropped meanwhile; press the key again for done.")
        #expect(s.actionRows(client: c)[0].status == "dropped")
        Cockpit.pressSaving([.char("D")], on: &s)
        #expect(s.actionRows(client: c)[0].status == "done")
    }

    /// The stall acknowledgement has nothing to pick: its hint does not offer picking.
    @Test func aFormHintsOnlyTheKeysItUses() throws {
        var s = try writtenDemo()
        _ = Cockpit.press([.enter, .char("x"), .enter, .char("A")], on: &s)
        #expect(s.form != nil)
        let lines = CockpitView.render(s, glyphs: .ascii).trimmedLines
        #expect(lines.contains("  Tab/v next field  |  Enter saves  |  Esc cancels"), "\(lines.joined(separator: "\n"))")
        #expect(!lines.contains { $0.contains("Space pick") })
    }

    @Test func formsAndTheActionsViewAt80x24() throws {
        var s = try writtenDemo()
        let c = client("talentloop", s)
        s.stack = [NavEntry(.portfolio), NavEntry(.actions(client: c))]
        var lines = CockpitView.render(s, glyphs: .unicode).trimmedLines
        #expect(lines[1] == " TalentLoop · actions · 2026-W48: 0 of 3 planned · 2026-W47: 0 done, 3 open")
        // The KPI and owner as wide as they are, the action's text the rest. One KPI's name
        // (Sales cycle compression rate) is too long for the column: all are in short labels.
        #expect(lines[2] == "  Week  # Status     Action                                   KPI  Owner")
        #expect(lines[3] == "▶ last  1 ▲ planned  Pre-recorded security review for prospe… SCCR Jordan Blake")
        #expect(lines[4] == "  last  2 ▲ planned  Qualify out deals without a budget owner Win  Jordan Blake")
        #expect(lines[23].hasPrefix("Enter read  o plan  D done  X drop  P planned"))
        _ = Cockpit.press([.char("o")] + chars("Call the champions"), on: &s)
        lines = CockpitView.render(s, glyphs: .ascii).trimmedLines
        let box = lines.firstIndex { $0.hasPrefix("- Plan an action for 2026-W48 -") }!
        #expect(lines[box + 1] == "  > Action*            Call the champions")
        #expect(lines[box + 2] == "    KPI it moves       (*) none  ( ) Net new ARR  ( ) Logo retention  ...")
        #expect(lines[box + 3] == "    Owner              Jordan Blake")
        #expect(lines[box + 5] == "  Tab/v next field  |  <-/-> move, Space picks  |  Enter saves  |  Esc cancels")
        #expect(box + 6 == 23)   // the box sits on the screen's body, above the footer
        // The picker scrolls so the option under the cursor shows.
        // The dashboard's KPIs first, then the rest of the catalog: the 9th option after "none".
        let dashboard = s.reviews[c]!.dashboard
        let ninth = (dashboard + KPIID.allCases.filter { !dashboard.contains($0) })[8]
        _ = Cockpit.press([.tab] + Array(repeating: .right, count: 9), on: &s)
        lines = CockpitView.render(s, glyphs: .ascii).trimmedLines
        #expect(lines[box + 2].hasPrefix("  > KPI it moves       ... ") && lines[box + 2].contains("( ) \(KPICatalog.definition(ninth).name)"), "\(lines[box + 2])")
    }

    /// Someone inserts a deal at the top of the file while a next step is typed: the story and
    /// the form stay on the same deal, and the save goes to it.
    @Test func aReloadThatMovesDealsKeepsTheFormOnItsDeal() throws {
        var s = try writtenDemo()
        _ = Cockpit.press([.enter, .char("x"), .enter], on: &s)
        guard case .story(let c, let d) = s.top.screen else { Issue.record("no story"); return }
        let id = s.entries[c].index!.deals[d].id
        _ = Cockpit.press([.char("n"), .ctrl("u")] + chars("Typed before the reload"), on: &s)
        let path = s.entries[c].file.file
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let first = text.range(of: "\"deals\": [\n")!
        text.insert(contentsOf: "    {\"id\": \"D-0001\", \"name\": \"Inserted\", \"amount\": 1, \"created\": \"2026-11-01\", \"expected_close\": \"2026-12-01\", \"stage_history\": [{\"stage\": \"\(s.entries[c].index!.stages[0].id)\", \"on\": \"2026-11-01\"}]},\n", at: first.upperBound)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        _ = s.update(.reloaded(index: c, file: EngagementLoader.load(path: path)))
        guard case .story(_, let moved) = s.top.screen else { Issue.record("story closed"); return }
        #expect(moved == d + 1 && s.entries[c].index!.deals[moved].id == id)
        #expect(s.form?.fields[0].text == "Typed before the reload")
        Cockpit.pressSaving([.enter], on: &s)
        #expect(s.entries[c].index!.deals[d + 1].nextStep == "Typed before the reload")
        #expect(s.entries[c].index!.deals[d].nextStep != "Typed before the reload")
    }
}
