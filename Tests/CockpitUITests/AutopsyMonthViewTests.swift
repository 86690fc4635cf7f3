import Foundation
import Testing
@testable import CockpitUI
import MetricsCore

/// The KPI autopsy by month (`m` on the KPI autopsy): what `MonthlyDeepDive` computes for the
/// review date's month, grouped by root cause and by systemic change, the changes' statuses and
/// the deals still without an autopsy; `<` `>` step months, `[` `]` still step weeks.
@Suite struct AutopsyMonthViewTests {
    /// Review date Monday 2026-11-30, the last day of November (fiscal year from January). Only
    /// `win_rate` is on the dashboard, so what a win would lift can be worked out by hand.
    /// Both stages stall after 60 days; no `last_activity`, so only days in stage stall a deal.
    ///
    /// November (2026-11-01 … 2026-11-30), as of 2026-11-30:
    /// - lost in the month: D-1 $50k (11-10), D-2 $30k (11-20), D-6 $8k (11-25);
    /// - slipped in the month: D-3 $20k (its close moved on 11-05 from 11-15 to 2027-01-20);
    /// - stalled at its end: D-4 $15k, in proposal since 09-15: 76 days > 60 (D-3, in proposal
    ///   since 10-20, is 41 days in: not stalled);
    /// - D-5 was lost in October and D-7, D-8 were won: not in November's list.
    /// So 5 deals; autopsies written for D-1, D-2, D-3 (3 written).
    ///
    /// Win rate, T90 = 2026-09-02 … 2026-11-30: won D-7 (11-12), D-8 (10-05); lost D-1, D-2,
    /// D-5 (10-15), D-6 → 2 / 6 = 33.3%, yellow (green ≥ 40%, red < 30%). Had D-1 been won (on
    /// 11-10): 3 / 6 = 50% green; D-2 likewise; D-3 won on 11-15 (its close before the slip):
    /// 3 / 7 = 42.9% green. Each lifts Win from yellow to green.
    ///
    /// By root cause: "No economic buyer" = D-1 + D-2 = 2 deals, $50k + $30k = $80k, Win (2);
    /// "Close date set by the rep's quota" = D-3, 1 deal, $20k, Win (1). By systemic change the
    /// same pairs: "Name the budget owner before a proposal" $80k, "Close dates come from a
    /// mutual action plan" $20k. Changes on 11-30: D-1 open (due 12-15), D-2 overdue (due 11-25,
    /// still open), D-3 done. Without an autopsy, largest first: D-4 $15k stalled (it hurts
    /// Sales cycle length, Pipeline velocity, Stalled pipeline), D-6 $8k lost (Win rate, and, open a
    /// week before with its close on 11-25 inside 2026-Q4, pipeline_coverage and
    /// weighted_pipeline_coverage; no forecast was recorded, so not forecast_accuracy).
    static let fixture = #"""
    {
      "format": "redline.engagement/1",
      "client": {"id": "mv", "name": "Month View Co", "industry": "saas"},
      "dashboard": ["win_rate"],
      "stages": [
        {"id": "lead", "name": "Lead", "probability": 0.2, "stall_after_days": 60},
        {"id": "proposal", "name": "Proposal", "probability": 0.5, "stall_after_days": 60},
        {"id": "won", "name": "Won", "outcome": "won"},
        {"id": "lost", "name": "Lost", "outcome": "lost"}
      ],
      "deals": [
        {"id": "D-1", "name": "One", "amount": 50000, "created": "2026-09-01", "expected_close": "2026-11-10", "lost_reason": "price",
         "stage_history": [{"stage": "lead", "on": "2026-09-01"}, {"stage": "proposal", "on": "2026-10-01"}, {"stage": "lost", "on": "2026-11-10"}]},
        {"id": "D-2", "name": "Two", "amount": 30000, "created": "2026-10-01", "expected_close": "2026-11-20", "lost_reason": "price",
         "stage_history": [{"stage": "lead", "on": "2026-10-01"}, {"stage": "proposal", "on": "2026-10-15"}, {"stage": "lost", "on": "2026-11-20"}]},
        {"id": "D-3", "name": "Three", "amount": 20000, "created": "2026-10-01", "expected_close": "2027-01-20",
         "close_date_changes": [{"on": "2026-11-05", "from": "2026-11-15", "to": "2027-01-20"}],
         "stage_history": [{"stage": "lead", "on": "2026-10-01"}, {"stage": "proposal", "on": "2026-10-20"}]},
        {"id": "D-4", "name": "Four", "amount": 15000, "created": "2026-08-15", "expected_close": "2026-12-20",
         "stage_history": [{"stage": "lead", "on": "2026-08-15"}, {"stage": "proposal", "on": "2026-09-15"}]},
        {"id": "D-5", "name": "Five", "amount": 10000, "created": "2026-08-01", "expected_close": "2026-10-15", "lost_reason": "timing",
         "stage_history": [{"stage": "lead", "on": "2026-08-01"}, {"stage": "proposal", "on": "2026-09-01"}, {"stage": "lost", "on": "2026-10-15"}]},
        {"id": "D-6", "name": "Six", "amount": 8000, "created": "2026-11-02", "expected_close": "2026-11-25", "lost_reason": "price",
         "stage_history": [{"stage": "lead", "on": "2026-11-02"}, {"stage": "lost", "on": "2026-11-25"}]},
        {"id": "D-7", "name": "Seven", "amount": 40000, "created": "2026-08-20", "expected_close": "2026-11-12",
         "stage_history": [{"stage": "lead", "on": "2026-08-20"}, {"stage": "proposal", "on": "2026-09-20"}, {"stage": "won", "on": "2026-11-12"}]},
        {"id": "D-8", "name": "Eight", "amount": 25000, "created": "2026-07-01", "expected_close": "2026-10-05",
         "stage_history": [{"stage": "lead", "on": "2026-07-01"}, {"stage": "won", "on": "2026-10-05"}]}
      ],
      "autopsies": [
        {"deal": "D-5", "written_on": "2026-10-20", "kpis": ["win_rate"], "root_cause": "No economic buyer",
         "systemic_change": "Name the budget owner before a proposal", "owner": "Sam", "due": "2026-11-30", "status": "open"},
        {"deal": "D-1", "written_on": "2026-11-12", "kpis": ["win_rate"], "root_cause": "No economic buyer",
         "systemic_change": "Name the budget owner before a proposal", "owner": "Sam", "due": "2026-12-15", "status": "open"},
        {"deal": "D-2", "written_on": "2026-11-21", "kpis": ["win_rate"], "root_cause": "No economic buyer",
         "systemic_change": "Name the budget owner before a proposal", "owner": "Ana", "due": "2026-11-25", "status": "open"},
        {"deal": "D-3", "written_on": "2026-11-06", "kpis": ["win_rate"], "root_cause": "Close date set by the rep's quota",
         "systemic_change": "Close dates come from a mutual action plan", "owner": "Sam", "due": "2026-11-20", "status": "done"}
      ]
    }
    """#

    static let asOf = Day("2026-11-30")!

    static func state(size: Size = Size(width: 80, height: 24)) -> AppState {
        var file = Array(fixture.utf8).withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "month-view.json") }
        // As the runtime finds a file this user may not write when it reads it.
        file.whyNotWritable = "you may not write month-view.json (owned by root, mode 0644); it is unchanged"
        var s = AppState(entries: [PortfolioEntry(file: file)], anchor: asOf, themes: [.plain], size: size)
        _ = Cockpit.press([.enter, .char("a"), .char("m")], on: &s)
        return s
    }

    @Test func theFixtureLoadsClean() {
        let file = Array(Self.fixture.utf8).withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "month-view.json") }
        #expect(file.errors.isEmpty && file.warnings.isEmpty, "\(file.errors + file.warnings)")
    }

    /// The groups, changes and deals the view draws are the hand-computed ones above.
    @Test func novemberGroupedByHand() throws {
        let s = Self.state()
        #expect(s.autopsyMonth == YearMonth(year: 2026, month: 11))
        let dive = try #require(s.deepDive(0))
        #expect(dive.asOf == Self.asOf && dive.review.autopsy.rows.count == 5 && dive.review.autopsy.writtenCount == 3)
        #expect(dive.review.kpi(.winRate).status == .yellow && abs(dive.review.kpi(.winRate).value! - 2.0 / 6.0) < 1e-12)
        #expect(dive.byRootCause.map(\.text) == ["No economic buyer", "Close date set by the rep's quota"])
        #expect(dive.byRootCause.map { $0.rows.map(\.dealID) } == [["D-1", "D-2"], ["D-3"]])
        #expect(dive.byRootCause.map(\.amount) == [80000, 20000])
        #expect(dive.byRootCause.map { $0.statusGains.map { "\($0.kpi.rawValue) \($0.deals)" } } == [["win_rate 2"], ["win_rate 1"]])
        #expect(dive.bySystemicChange.map(\.text) == ["Name the budget owner before a proposal", "Close dates come from a mutual action plan"])
        #expect(dive.bySystemicChange.map(\.amount) == [80000, 20000])
        #expect(dive.changes.map { "\($0.row.dealID) \($0.state.rawValue)" } == ["D-1 open", "D-2 overdue", "D-3 done"])
        #expect(dive.unwritten.map(\.dealID) == ["D-4", "D-6"] && dive.unwritten.map(\.why) == ["stalled", "lost"])

        #expect(CockpitView.render(s, glyphs: .unicode).trimmedLines == [
            " Redline │ Portfolio › Month View Co › KPI autopsy    2026-W49 · Mon 2026-11-30",
            " Month View Co · KPI autopsy by month: 2026-11  ·  5 deals, 3 autopsies written",
            "─ By root cause, largest first ─────────────────────────────────────────────────",
            "▶ 2 deals  $80k  No economic buyer",
            "                 D-1, D-2; won, they would have lifted Win rate (2)",
            "  1 deal   $20k  Close date set by the rep's quota",
            "                 D-3; won, they would have lifted Win rate (1)",
            "─ By systemic change, largest first ────────────────────────────────────────────",
            "  2 deals  $80k  Name the budget owner before a proposal",
            "                 D-1, D-2; won, they would have lifted Win rate (2)",
            "  1 deal   $20k  Close dates come from a mutual action plan",
            "                 D-3; won, they would have lifted Win rate (1)",
            "─ Systemic changes: 1 overdue, 1 open, 1 done ──────────────────────────────────",
            "  D-1  open     Name the budget owner before a proposal (owner Sam, due",
            "                2026-12-15)",
            "  D-2  overdue  Name the budget owner before a proposal (owner Ana, due",
            "                2026-11-25)",
            "  D-3  done     Close dates come from a mutual action plan (owner Sam, due",
            "                2026-11-20)",
            "─ Without an autopsy (2), largest first ────────────────────────────────────────",
            "  D-4   $15k  stalled  Sales cycle length, Pipeline velocity ($/day), Stalled",
            "                       pipeline",
            "  D-6  $8.0k  lost     Win rate, Pipeline coverage, Weighted pipeline coverage",
            "Enter story  e autopsy  m quarter  < > month  [ ] week  Esc back  ? help",
        ])
    }

    /// j moves over groups, changes and deals; a change or a deal opens its story, and `e` its autopsy.
    @Test func theSelectionMovesOverItemsAndOpensDeals() throws {
        var s = Self.state()
        // Items: 2 root-cause groups, 2 change groups, 3 changes, 2 deals = 9.
        #expect(s.rowCount(s.top) == 9)
        _ = Cockpit.press([.enter], on: &s)
        #expect(s.status == "Enter opens a deal: select a systemic change or a deal without an autopsy." && s.top.screen == .autopsy(client: 0))
        _ = Cockpit.press(Array(repeating: .char("j"), count: 5), on: &s)   // the second change: D-2, overdue
        var lines = CockpitView.render(s, glyphs: .ascii).trimmedLines
        #expect(lines[15] == "> D-2  overdue  Name the budget owner before a proposal (owner Ana, due")
        _ = Cockpit.press([.enter], on: &s)
        let d2 = s.entries[0].index!.dealIndex["D-2"]!
        #expect(s.top.screen == .story(client: 0, deal: d2))
        _ = Cockpit.press([.escape, .char("G")], on: &s)                  // back on the same item, then the last: D-6
        #expect(s.top.selection == 8)
        lines = CockpitView.render(s, glyphs: .unicode).trimmedLines
        #expect(lines[22] == "▶ D-6  $8.0k  lost     Win rate, Pipeline coverage, Weighted pipeline coverage")
        // The written demo would open the form; this fixture's file is not writable: e says why.
        _ = Cockpit.press([.char("e")], on: &s)
        #expect(s.status == "Not editable: you may not write month-view.json (owned by root, mode 0644); it is unchanged.")
    }

    /// `<` shows October as of its last day: D-5 lost on 10-15 and written on 10-20; nothing
    /// else (D-4 was 46 days in proposal on 10-31, D-3 had not slipped yet). T90 at 10-31 =
    /// 08-03 … 10-31: won D-8, lost D-5 → 1 / 2 = 50%, green already; won, D-5 makes 2 / 2, still
    /// green: no status lifted. `>` comes back; a month not begun is refused.
    @Test func monthsStepWithAngleBrackets() throws {
        var s = Self.state()
        _ = Cockpit.press([.char("<")], on: &s)
        let october = try #require(s.deepDive(0))
        #expect(october.month == YearMonth(year: 2026, month: 10) && october.asOf == Day("2026-10-31"))
        #expect(october.review.autopsy.rows.map(\.dealID) == ["D-5"])
        #expect(october.byRootCause.map { "\($0.text) \($0.rows.count) \($0.amount) \($0.statusGains.count)" } == ["No economic buyer 1 10000.0 0"])
        #expect(october.changes.map { "\($0.row.dealID) \($0.state.rawValue)" } == ["D-5 open"])   // due 11-30, after 10-31
        var lines = CockpitView.render(s, glyphs: .unicode).trimmedLines
        #expect(lines[1] == " Month View Co · KPI autopsy by month: 2026-10  ·  1 deal, 1 autopsy written")
        #expect(lines[3] == "▶ 1 deal  $10k  No economic buyer")
        #expect(lines[4] == "                D-5")
        _ = Cockpit.press([.char(">")], on: &s)
        #expect(s.autopsyMonth == YearMonth(year: 2026, month: 11) && s.deepDive(0)?.review.autopsy.rows.count == 5)
        _ = Cockpit.press([.char(">")], on: &s)
        #expect(s.status == "2026-12 has not begun on 2026-11-30; ] moves the review date a week later.")
        // A week earlier (11-23) the month is the same, as of that day: D-6 (lost 11-25) is not lost yet.
        _ = Cockpit.press([.char("[")], on: &s)
        #expect(s.deepDive(0)?.asOf == Day("2026-11-23") && s.deepDive(0)?.review.autopsy.rows.contains { $0.dealID == "D-6" } == false)
        lines = CockpitView.render(s, glyphs: .unicode).trimmedLines
        #expect(lines[1].hasPrefix(" Month View Co · KPI autopsy by month: 2026-11 (to 2026-11-23)"))
        // m goes back to the quarter to date.
        _ = Cockpit.press([.char("m")], on: &s)
        #expect(s.autopsyMonthsBack == nil && CockpitView.render(s, glyphs: .unicode).trimmedLines[1].contains("KPI autopsy 2026-10-01 … 2026-11-23"))
        // Elsewhere the keys say where they work.
        var p = Self.state()
        _ = Cockpit.press([.char("d"), .char("m")], on: &p)
        #expect(p.status == "m shows the KPI autopsy by month: on the KPI autopsy (a).")
        _ = Cockpit.press([.char("<")], on: &p)
        #expect(p.status == "< > move a month in the KPI autopsy by month (a, then m).")
    }

    /// The deep dive is computed in the background, like the sparklines: asked for once, drawn
    /// as computing meanwhile; a week step or a reload asks again.
    @Test func theDeepDiveIsComputedInTheBackground() {
        let file = Array(Self.fixture.utf8).withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "month-view.json") }
        var s = AppState(entries: [PortfolioEntry(file: file)], anchor: Self.asOf, themes: [.plain])
        _ = Cockpit.press([.enter, .char("a")], on: &s)
        let effects = s.update(.key(.char("m")))
        #expect(effects == [.compute(.deepDive(client: 0, month: YearMonth(year: 2026, month: 11), date: Self.asOf))])
        #expect(s.update(.key(.char("j"))).isEmpty)   // asked once
        #expect(CockpitView.render(s, glyphs: .ascii).trimmedLines[3] == "  Computing the deep dive of 2026-11...")
        _ = Cockpit.perform(effects, on: &s)
        #expect(s.deepDive(0) != nil && s.pendingDeepDives.isEmpty)
        // Its layout is kept once it arrives (keys and clicks read it, not a new layout), and
        // laid out again at another width.
        let laidOut = { (s: AppState) in AutopsyMonthView.places(AutopsyMonthView.lines(s.deepDive(0)!, glyphs: .ascii, width: s.size.width)) }
        #expect(s.monthLinesCache?.places == laidOut(s) && s.monthLinesCache?.key.width == 80)
        _ = s.update(.resize(Size(width: 120, height: 30)))
        #expect(s.monthLinesCache?.places == laidOut(s) && s.monthLinesCache?.key.width == 120)
        _ = s.update(.key(.char("m")))
        #expect(s.monthLinesCache == nil)
    }

    /// At 80×24 with ASCII glyphs, no number is cut and every line fits.
    @Test func asciiAt80x24() {
        let lines = CockpitView.render(Self.state(), glyphs: .ascii).trimmedLines
        #expect(lines[2] == "- By root cause, largest first -------------------------------------------------")
        #expect(lines[12] == "- Systemic changes: 1 overdue, 1 open, 1 done ----------------------------------")
        #expect(lines.allSatisfy { $0.count <= 80 && !$0.contains("...") })
    }
}
