import Foundation
import Testing
@testable import CockpitUI
import MetricsCore

/// Improvement targets set from the cockpit: `i` on the KPI selected on a dashboard, a form
/// with the quarter and the change in percent, the goal and baseline shown as it is typed, and
/// the same locked, merged save as every other edit.
///
/// Northwind Advisory (fiscal year from January) as of 2026-11-23, in 2026-Q4. Its sales cycle
/// length is 73.6 d now (the dashboard) and 52.0 d as of 2026-09-30, the last day of 2026-Q3
/// (`redline report` with the target set prints the same baseline). By hand: a -10% goal is
/// 52.0 × 0.9 = 46.8 d; 73.6 d is worse than the 52.0 d baseline, so the KPI turns red.
@Suite(.serialized) struct ImprovementFormTests {
    func northwind(_ s: AppState) -> Int { s.entries.firstIndex { $0.index?.engagement.client.id == "northwind-advisory" }! }

    /// The written demo on Northwind's dashboard with sales cycle length (the third tile) selected.
    func onSalesCycle() throws -> (AppState, Int, String) {
        var (s, _) = try Cockpit.writtenDemo()
        let c = northwind(s)
        s.stack = [NavEntry(.portfolio), NavEntry(.dashboard(client: c))]
        _ = Cockpit.press([.char("j"), .char("j")], on: &s)
        #expect(s.reviews[c]!.dashboard[s.top.selection] == .salesCycleDays)
        return (s, c, s.entries[c].file.file)
    }

    func render(_ s: AppState, _ glyphs: UIGlyphs = .unicode) -> [String] { CockpitView.render(s, glyphs: glyphs).trimmedLines }

    @Test func theSelectedTileIsMarkedAndJKMoveIt() throws {
        let (s, _, _) = try onSalesCycle()
        let lines = render(s)
        #expect(lines[8] == "▶ Sales cycle length ───────────────── ─ Next-quarter coverage ──────────────")
        #expect(lines[4] == "─ Net revenue retention ────────────── ─ Average deal size (ADS) ────────────")
        #expect(render(s, .ascii)[8].hasPrefix("> Sales cycle length ---"))
        #expect(lines[23] == "i target  f funnel  a autopsy  x stalled  [ ] week  t today  Esc back  ? help")
        // k goes back; the selection stops at the first and last tile.
        var t = s
        _ = Cockpit.press([.char("k"), .char("k"), .char("k")], on: &t)
        #expect(t.top.selection == 0)
        _ = Cockpit.press([.char("G")], on: &t)
        #expect(t.top.selection == 4)   // five tiles: nrr, avg_deal_size, sales_cycle_days, pipeline_coverage_next, gross_margin
    }

    /// A fiscal year from February names the quarter of November by the year it ends in
    /// (`2027-Q4` on 2026-11-23), which looked a year off: the form says each quarter's months,
    /// in ASCII under LANG=C.
    @Test func theQuartersOfferedSayTheirMonths() throws {
        var (s, _) = try Cockpit.writtenDemo()
        let c = s.entries.firstIndex { $0.index?.engagement.client.id == "talentloop" }!
        #expect(s.entries[c].index!.engagement.client.fiscalYearStartMonth == 2)
        s.stack = [NavEntry(.portfolio), NavEntry(.dashboard(client: c))]
        _ = Cockpit.press([.char("i")], on: &s)
        let box = try #require(render(s).firstIndex { $0.hasPrefix("─ Improvement target of ") })
        #expect(render(s)[box + 1] == "    Quarter            (*) 2027-Q4 (Nov–Jan)  ( ) 2028-Q1 (Feb–Apr)")
        #expect(render(s, .ascii)[box + 1] == "    Quarter            (*) 2027-Q4 (Nov-Jan)  ( ) 2028-Q1 (Feb-Apr)")
        // What is saved is the quarter's key alone.
        #expect(s.form?.fields[0].picked == ["2027-Q4"])
    }

    /// A KPI without a threshold target (Northwind's average deal size): the form said
    /// "judged by —", a dash for what judges it.
    @Test func aKPIWithoutATargetSaysItIsNotJudged() throws {
        var (s, _) = try Cockpit.writtenDemo()
        s.stack = [NavEntry(.portfolio), NavEntry(.dashboard(client: northwind(s)))]
        _ = Cockpit.press([.char("j"), .char("i")], on: &s)
        let lines = render(s)
        let box = try #require(lines.firstIndex { $0.hasPrefix("─ Improvement target of Average deal size (ADS) ─") })
        #expect(lines[box + 5] == "    Now                no improvement target, and no threshold: not judged")
    }

    @Test func theFormShowsTheGoalAsItIsTyped() throws {
        var (s, c, _) = try onSalesCycle()
        _ = Cockpit.press([.char("i")], on: &s)
        let form = try #require(s.form)
        #expect(form.purpose == .improvement(kpi: .salesCycleDays))
        #expect(form.fields.map(\.label) == ["Quarter", "Change %"])
        #expect(form.fields[0].shownOptions == ["2026-Q4 (Oct–Dec)", "2027-Q1 (Jan–Mar)"] && form.fields[0].picked == ["2026-Q4"])
        #expect(form.focus == 1 && form.fields[1].text.isEmpty)
        // Baselines measured when the form opened: Q3's last day, and for 2027-Q1 the value so far (t).
        #expect(form.baselines["2026-Q4"]?.day == Day("2026-09-30") && form.baselines["2026-Q4"]?.isFinal == true)
        #expect(form.baselines["2027-Q1"]?.day == Cockpit.asOf && form.baselines["2027-Q1"]?.finalOn == Day("2026-12-31"))
        #expect(form.baselines["2027-Q1"]?.value == s.reviews[c]!.kpi(.salesCycleDays).value)
        var lines = render(s)
        let box = try #require(lines.firstIndex { $0.hasPrefix("─ Improvement target of Sales cycle length ─") })
        #expect(lines[box + 1] == "    Quarter            (*) 2026-Q4 (Oct–Dec)  ( ) 2027-Q1 (Jan–Mar)")
        #expect(lines[box + 2] == "  ▶ Change %")
        #expect(lines[box + 4] == "    Goal               Type the change in percent: 15 for +15%, -22 for -22%.")
        #expect(lines[box + 5] == "    Now                no improvement target; judged by ≤60.0 d, red >90.0 d")
        #expect(lines[box + 7] == "  Tab/↓ next field  ·  ←/→ move, Space picks  ·  Enter saves  ·  Esc cancels")
        #expect(box + 8 == 23)
        _ = Cockpit.press(chars("-10"), on: &s)
        lines = render(s)
        // 52.0 d × (1 − 0.10) = 46.8 d.
        #expect(lines[box + 4] == "    Goal               -10% on 2026-Q4: goal 46.8 d, baseline 52.0 d")
        // The next quarter: baseline 73.6 d so far, goal 73.6 × 0.9 = 66.24 → 66.2 d; final when 2026 ends.
        // (The box grows by the wrapped line, upwards.)
        _ = Cockpit.press([.backTab, .right, .char(" ")], on: &s)
        lines = render(s)
        #expect(lines[box + 3] == "    Goal               -10% on 2027-Q1: goal 66.2 d, baseline 73.6 d (baseline")
        #expect(lines[box + 4] == "                       so far; final on 2026-12-31)")
        #expect(lines[box - 1] == "─ Improvement target of Sales cycle length ─────────────────────────────────────")
    }

    /// The save writes `targets.improvements.sales_cycle_days` and nothing else; the dashboard
    /// judges the KPI by it at once.
    @Test func settingATargetChangesOnlyThoseLines() throws {
        var (s, c, path) = try onSalesCycle()
        let before = try String(contentsOfFile: path, encoding: .utf8)
        #expect(s.reviews[c]!.kpi(.salesCycleDays).status == .yellow)
        _ = Cockpit.press([.char("i")] + chars("-10"), on: &s)
        Cockpit.pressSaving([.enter], on: &s)
        #expect(s.form == nil)
        #expect(s.status == "Saved to northwind-advisory.json: Sales cycle length -10% on 2026-Q4 (Oct–Dec).")
        let after = try String(contentsOfFile: path, encoding: .utf8)
        // The file: `targets` got one member after `net_new_arr`; every other line is as it was.
        let was = before.split(separator: "\n", omittingEmptySubsequences: false), now = after.split(separator: "\n", omittingEmptySubsequences: false)
        let at = try #require(was.firstIndex { $0.contains("\"net_new_arr\": {") })
        #expect(was[at + 1] == #"      "2026-Q4": 828000"# && was[at + 2] == "    }")
        #expect(Array(now[..<(at + 2)]) == Array(was[..<(at + 2)]))
        #expect(now[at + 2] == "    },")
        #expect(now[at + 3] == #"    "improvements": {"#)
        #expect(now[at + 4] == #"      "sales_cycle_days": {"quarter": "2026-Q4", "change": -0.1}"#)
        #expect(now[at + 5] == "    }")
        #expect(Array(now[(at + 6)...]) == Array(was[(at + 3)...]))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(after.utf8)) as? [String: Any])
        let improvements = try #require((json["targets"] as? [String: Any])?["improvements"] as? [String: Any])
        let goal = try #require(improvements["sales_cycle_days"] as? [String: Any])
        #expect(improvements.count == 1 && goal.count == 2 && goal["quarter"] as? String == "2026-Q4" && goal["change"] as? Double == -0.1)
        // The dashboard now judges by the goal: 73.6 d > the 52.0 d baseline → red; the tile says both numbers.
        let k = s.reviews[c]!.kpi(.salesCycleDays)
        #expect(k.status == .red && k.improvement == ImprovementTarget(quarter: "2026-Q4", change: -0.1, baseline: k.improvement?.baseline))
        #expect(abs(k.improvement!.baseline! - 52.0) < 0.05 && abs(k.improvement!.goal! - 46.8) < 0.05)
        s.status = nil
        let lines = render(s)
        #expect(lines[2] == " why: red: Sales cycle length 73.6 d")
        #expect(lines[7] == "▶ Sales cycle length ───────────────── ─ Next-quarter coverage ──────────────")
        #expect(lines[8].hasPrefix(" 73.6 d  ■ red  ↑ from 59.0 d"))
        #expect(lines[9].hasPrefix(" Q4 goal 46.8 d, -10% from 52.0 d "))
        // Wider, the tile has room for more words, then for the whole sentence the reports print.
        s.size = Size(width: 160, height: 48)
        #expect(render(s).contains { $0.hasSuffix(" -10% on 2026-Q4: goal 46.8 d, baseline 52.0 d") })
        s.size = Size(width: 200, height: 60)
        #expect(render(s).contains { $0.hasSuffix(" target -10% on 2026-Q4: goal 46.8 d, baseline 52.0 d") })
    }

    /// The form opens on the target in the file; an empty change removes it.
    @Test func anExistingTargetIsChangedOrRemoved() throws {
        var (s, c, path) = try onSalesCycle()
        let before = try String(contentsOfFile: path, encoding: .utf8)
        _ = Cockpit.press([.char("i")] + chars("-10"), on: &s)
        Cockpit.pressSaving([.enter], on: &s)
        _ = Cockpit.press([.char("i")], on: &s)
        #expect(s.form?.fields[1].text == "-10" && s.form?.fields[0].picked == ["2026-Q4"])
        var lines = render(s)
        let box = try #require(lines.firstIndex { $0.hasPrefix("─ Improvement target of Sales cycle length ─") })
        #expect(lines[box + 5] == "    Now                -10% on 2026-Q4 (Oct–Dec); an empty change removes it")
        // Moved to next quarter, same change: the exact value is kept.
        _ = Cockpit.press([.backTab, .right, .char(" ")], on: &s)
        Cockpit.pressSaving([.enter], on: &s)
        #expect(s.status == "Saved to northwind-advisory.json: Sales cycle length -10% on 2027-Q1 (Jan–Mar); it judges the KPI from 2027-01-01.")
        #expect(s.entries[c].index!.engagement.targets.improvements == ["sales_cycle_days": Improvement(quarter: "2027-Q1", change: -0.1)])
        // Not this quarter's goal: the KPI keeps its thresholds; the tile's title names the goal to come.
        #expect(s.reviews[c]!.kpi(.salesCycleDays).improvement == nil && s.reviews[c]!.kpi(.salesCycleDays).status == .yellow)
        s.status = nil
        #expect(render(s)[8] == "▶ Sales cycle length · 2027-Q1: -10% ─ ─ Next-quarter coverage ──────────────")
        // Reopened on 2027-Q1, the quarter's cursor is on it; emptied, Enter removes the target.
        _ = Cockpit.press([.char("i")], on: &s)
        guard case .pick(_, _, let cursor, _)? = s.form?.fields[0].value else { Issue.record("no quarter pick"); return }
        #expect(cursor == 1 && s.form?.fields[0].picked == ["2027-Q1"])
        _ = Cockpit.press([.ctrl("u")], on: &s)
        lines = render(s)
        #expect(lines[box + 4] == "    Goal               Enter removes the improvement target.")
        Cockpit.pressSaving([.enter], on: &s)
        #expect(s.status == "Removed the improvement target of Sales cycle length from northwind-advisory.json.")
        #expect(s.entries[c].index!.engagement.targets.improvements.isEmpty)
        let after = try String(contentsOfFile: path, encoding: .utf8)
        // Removing the only target gives back the file as it was before it was set.
        #expect(after == before)
    }

    /// A change that cannot be a goal is named, and the cursor stays on it; nothing is written.
    @Test func changesThatCannotBeGoalsAreNamed() throws {
        var (s, _, path) = try onSalesCycle()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let cases: [(String, String)] = [
            ("", "Change % is needed: 15 for +15%, -22 for -22%."),
            ("abc", "Change %: \"abc\" is not a number; type 15 for +15%, -22 for -22%."),
            ("10", "Change %: 10 does not improve Sales cycle length: lower is better, so the change must be negative."),
            ("-100", "Change %: a change must be above -100%."),
        ]
        for (typed, message) in cases {
            _ = Cockpit.press([.char("i")] + chars(typed) + [.backTab], on: &s)
            Cockpit.pressSaving([.enter], on: &s)
            #expect(s.form != nil && s.form?.focus == 1 && s.status == message, "\(typed): \(s.status ?? "")")
            while s.form != nil { _ = Cockpit.press([.escape], on: &s) }
            #expect(s.top.screen == .dashboard(client: northwind(s)))
        }
        // On a KPI where higher is better (net revenue retention, the first tile), a cut is refused.
        _ = Cockpit.press([.char("g"), .char("i")] + chars("-5"), on: &s)
        Cockpit.pressSaving([.enter], on: &s)
        #expect(s.status == "Change %: -5 does not improve Net revenue retention: higher is better, so the change must be positive.")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    /// TalentLoop's dashboard (fiscal year from February: 2027-Q4 runs on 2026-11-23) with logo
    /// retention, the second tile, selected.
    func onLogoRetention() throws -> (AppState, Int, String) {
        var (s, _) = try Cockpit.writtenDemo()
        let c = try #require(s.entries.firstIndex { $0.index?.engagement.client.id == "talentloop" })
        s.stack = [NavEntry(.portfolio), NavEntry(.dashboard(client: c))]
        _ = Cockpit.press([.char("j")], on: &s)
        #expect(s.reviews[c]!.dashboard[s.top.selection] == .logoRetention)
        return (s, c, s.entries[c].file.file)
    }

    /// A rate has no goal above 100%: once the quarter's baseline is known the form refuses what
    /// `redline target set` refuses, in its words (TargetCLITests.aGoalNoQuarterCanMeetIsRefused:
    /// logo retention was 87.5% on 2026-10-31, the last day of 2027-Q3; +50% would be 131.3%, and
    /// 100 / 87.5 − 1 = 14.28…% is the most, +14.2% rounded down). The Goal line says why as it is
    /// typed; Enter says it again, keeps the cursor on the change, and writes nothing.
    @Test func aGoalNoQuarterCanMeetIsRefused() throws {
        var (s, c, path) = try onLogoRetention()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        _ = Cockpit.press([.char("i")] + chars("50"), on: &s)
        var lines = render(s)
        let box = try #require(lines.firstIndex { $0.hasPrefix("─ Improvement target of Logo retention ─") })
        #expect(Array(lines[box...]) == [
            "─ Improvement target of Logo retention ─────────────────────────────────────────",
            "    Quarter            (*) 2027-Q4 (Nov–Jan)  ( ) 2028-Q1 (Feb–Apr)",
            "  ▶ Change %           50",
            "",
            "    Goal               Change %: a change of +50% on logo_retention's baseline",
            "                       (87.5% on 2026-10-31) makes a goal of 131.3%, and",
            "                       logo_retention cannot be above 100%: at most +14.2%",
            "                       from this baseline",
            "    Now                no improvement target; judged by ≥95.0%, red <90.0%",
            "────────────────────────────────────────────────────────────────────────────────",
            "  Tab/↓ next field  ·  ←/→ move, Space picks  ·  Enter saves  ·  Esc cancels",
            "",
        ])
        #expect(box + 11 == 23)
        _ = Cockpit.press([.backTab], on: &s)
        Cockpit.pressSaving([.enter], on: &s)
        #expect(s.form != nil && s.form?.focus == 1)
        #expect(s.status == "Change %: a change of +50% on logo_retention's baseline (87.5% on 2026-10-31) makes a goal of 131.3%, "
                + "and logo_retention cannot be above 100%: at most +14.2% from this baseline.")
        lines = render(s)
        #expect(Array(lines[21...]) == ["Change %: a change of +50% on logo_retention's baseline (87.5% on 2026-10-31)",
                                        "makes a goal of 131.3%, and logo_retention cannot be above 100%: at most +14.2%",
                                        "from this baseline."])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        // The most the baseline allows is taken: 87.5% × 1.142 = 99.9% (the box shrinks to one Goal line).
        _ = Cockpit.press([.ctrl("u")] + chars("14.2"), on: &s)
        #expect(render(s)[box + 3 + 4] == "    Goal               +14.2% on 2027-Q4: goal 99.9%, baseline 87.5%")
        Cockpit.pressSaving([.enter], on: &s)
        #expect(s.form == nil && s.status == "Saved to talentloop.json: Logo retention +14.2% on 2027-Q4 (Nov–Jan).")
        #expect(s.entries[c].index!.engagement.targets.improvements == ["logo_retention": Improvement(quarter: "2027-Q4", change: 0.142)])
    }

    /// For a quarter not begun the baseline is not known yet (logo retention on 2027-01-31): the
    /// goal is taken, and the form notes, as `redline target set` does, that the value so far
    /// (89.4% on 2026-11-23) would make it 134.0%, above what the KPI can be.
    @Test func aGoalTheValueSoFarCannotMeetIsNoted() throws {
        var (s, c, _) = try onLogoRetention()
        _ = Cockpit.press([.char("i")] + chars("50") + [.backTab, .right, .char(" ")], on: &s)
        let lines = render(s)
        let box = try #require(lines.firstIndex { $0.hasPrefix("─ Improvement target of Logo retention ─") })
        #expect(Array(lines[box...]) == [
            "─ Improvement target of Logo retention ─────────────────────────────────────────",
            "  ▶ Quarter            ( ) 2027-Q4 (Nov–Jan)  (*) 2028-Q1 (Feb–Apr)",
            "    Change %           50",
            "",
            "    Goal               +50% on 2028-Q1: goal 134.0%, baseline 89.4% (baseline",
            "                       so far; final on 2027-01-31)",
            "    Note               the baseline is logo_retention on 2027-01-31, not known",
            "                       yet; from its 89.4% on 2026-11-23 this goal would be",
            "                       134.0%, and logo_retention cannot be above 100%",
            "    Now                no improvement target; judged by ≥95.0%, red <90.0%",
            "────────────────────────────────────────────────────────────────────────────────",
            "  Tab/↓ next field  ·  ←/→ move, Space picks  ·  Enter saves  ·  Esc cancels",
            "",
        ])
        #expect(box + 12 == 23)
        // A goal the value so far can reach has no note.
        var t = s
        _ = Cockpit.press([.tab, .ctrl("u")] + chars("10"), on: &t)
        #expect(!render(t).contains { $0.hasPrefix("    Note") })
        // Only a note: the baseline may still fall. Enter saves.
        Cockpit.pressSaving([.enter], on: &s)
        #expect(s.form == nil && s.status == "Saved to talentloop.json: Logo retention +50% on 2028-Q1 (Feb–Apr); it judges the KPI from 2027-02-01.")
        #expect(s.entries[c].index!.engagement.targets.improvements == ["logo_retention": Improvement(quarter: "2028-Q1", change: 0.5)])
    }

    /// A target for a quarter already over (2026-Q3, set before it ended) stays offered, so the
    /// form opens on it and an empty change removes it; a new goal for it is refused as
    /// `redline target set` refuses it (TargetCLITests.aQuarterThatHasEndedIsRefused), in its words.
    @Test func aQuarterThatHasEndedIsRefused() throws {
        var (s, dir) = try Cockpit.writtenDemo()
        let path = dir + "/northwind-advisory.json"
        try EngagementFile.update(path) { _, doc in Improvement(quarter: "2026-Q3", change: -0.1).edits(for: .salesCycleDays, in: doc) }
        s = Cockpit.state(files: try Portfolio.resolve([dir]).map { EngagementLoader.load(path: $0) })
        let c = northwind(s)
        s.stack = [NavEntry(.portfolio), NavEntry(.dashboard(client: c))]
        _ = Cockpit.press([.char("j"), .char("j"), .char("i")], on: &s)
        #expect(s.form?.fields[0].shownOptions == ["2026-Q4 (Oct–Dec)", "2027-Q1 (Jan–Mar)", "2026-Q3 (Jul–Sep)"] && s.form?.fields[0].picked == ["2026-Q3"])
        // Left as it was, there is nothing to save.
        Cockpit.pressSaving([.enter], on: &s)
        #expect(s.form == nil && s.status == "Nothing to save: the file already says that.")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        _ = Cockpit.press([.char("i"), .ctrl("u")] + chars("-20"), on: &s)
        let lines = render(s)
        let box = try #require(lines.firstIndex { $0.hasPrefix("─ Improvement target of Sales cycle length ─") })
        #expect(Array(lines[(box + 4)...(box + 7)]) == [
            "    Goal               Quarter: 2026-Q3 ended on 2026-09-30 in Northwind",
            "                       Advisory's fiscal year, before the review date",
            "                       2026-11-23: a target is for the quarter running or one",
            "                       to come",
        ])
        Cockpit.pressSaving([.enter], on: &s)
        #expect(s.form?.focus == 0)
        #expect(s.status == "Quarter: 2026-Q3 ended on 2026-09-30 in Northwind Advisory's fiscal year, before the review date 2026-11-23: "
                + "a target is for the quarter running or one to come.")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        // The running quarter takes the same change; the old target is replaced.
        _ = Cockpit.press([.left, .left, .char(" ")], on: &s)
        Cockpit.pressSaving([.enter], on: &s)
        #expect(s.form == nil && s.entries[c].index!.engagement.targets.improvements == ["sales_cycle_days": Improvement(quarter: "2026-Q4", change: -0.2)])
    }

    /// Someone else set a different target meanwhile: both versions, to choose from.
    @Test func aTargetChangedMeanwhileIsAConflict() throws {
        var (s, c, path) = try onSalesCycle()
        _ = Cockpit.press([.char("i")] + chars("-10"), on: &s)
        try EngagementFile.update(path) { _, doc in Improvement(quarter: "2026-Q4", change: -0.2).edits(for: .salesCycleDays, in: doc) }
        Cockpit.pressSaving([.enter], on: &s)
        #expect(s.form?.conflicts == [EditConflict(field: "improvement target of sales_cycle_days", theirs: "-20% on 2026-Q4", mine: "-10% on 2026-Q4")])
        Cockpit.pressSaving([.char("m")], on: &s)
        #expect(s.form == nil && s.entries[c].index!.engagement.targets.improvements["sales_cycle_days"] == Improvement(quarter: "2026-Q4", change: -0.1))
    }

    /// The bundled demo is read-only, and elsewhere than a dashboard `i` says where it works.
    @Test func whereIDoesNothingItSaysWhy() {
        var s = Cockpit.state()
        _ = Cockpit.press([.char("i")], on: &s)
        #expect(s.form == nil && s.status == "i sets an improvement target: on a client's dashboard (d), on the KPI selected with j/k.")
        _ = Cockpit.press([.enter, .char("i")], on: &s)
        #expect(s.form == nil && s.status == "The demo is read-only: `redline demo --write DIR`, then `redline DIR`, to edit.")
        var r = Cockpit.state()
        r.readOnly = true
        _ = Cockpit.press([.enter, .char("i")], on: &r)
        #expect(r.form == nil && r.status == "Read-only (--read-only): editing keys do nothing.")
    }
}
