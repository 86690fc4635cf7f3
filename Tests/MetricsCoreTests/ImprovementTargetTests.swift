import Testing
@testable import MetricsCore

/// Improvement targets (kpis.md): judged against the previous quarter's value, worked by hand.
@Suite struct ImprovementTargetTests {
    /// Win rate (T90 = t−89 … t). As of 2026-09-30, the last day of 2026-Q3: W1, W2 won, L1, L2
    /// lost → baseline 2/4 = 0.5. As of t = 2026-11-18 (2026-Q4; T90 from 2026-08-21): the same
    /// four plus W3, W4 won → 4/6 = 0.667.
    func fixture(_ change: Double, quarter: String = "2026-Q4") -> Engagement {
        var e = Build.engagement(deals: [
            Build.deal("W1", 1000, [("lead", "2026-06-01"), ("won", "2026-09-10")]),
            Build.deal("W2", 1000, [("lead", "2026-06-01"), ("won", "2026-09-15")]),
            Build.deal("L1", 1000, [("lead", "2026-06-01"), ("lost", "2026-09-12")]),
            Build.deal("L2", 1000, [("lead", "2026-06-01"), ("lost", "2026-09-20")]),
            Build.deal("W3", 1000, [("lead", "2026-06-01"), ("won", "2026-11-01")]),
            Build.deal("W4", 1000, [("lead", "2026-06-01"), ("won", "2026-11-10")]),
        ])
        e.targets.improvements["win_rate"] = Improvement(quarter: quarter, change: change)
        return e
    }

    /// The writer (the importer's new files, `demo --write`) keeps what the model holds: an
    /// improvement target written and read back is the same target.
    @Test func writtenAndReadBack() throws {
        var e = fixture(0.125)
        e.targets.improvements["sales_cycle_days"] = Improvement(quarter: "2027-Q1", change: -0.1)
        let bytes = EngagementWriter.write(e)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#""improvements": {"#))
        #expect(text.contains(#""win_rate": {"quarter": "2026-Q4", "change": 0.125}"#))
        let loaded = bytes.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "written.json") }
        #expect(loaded.problems.isEmpty)
        let back = try #require(loaded.engagement)
        #expect(back.targets.improvements == e.targets.improvements)
    }

    @Test func goalAndBaselineFromThePreviousQuarter() {
        // +20%: goal 0.5 × 1.2 = 0.6; 0.667 ≥ 0.6 → green.
        let k = Build.kpi(fixture(0.2), "2026-11-18", .winRate)
        #expect(abs(k.value! - 4.0 / 6.0) < 1e-12)
        #expect(k.improvement == ImprovementTarget(quarter: "2026-Q4", change: 0.2, baseline: 0.5))
        #expect(abs(k.improvement!.goal! - 0.6) < 1e-12)
        #expect(k.status == .green)
        #expect(k.thresholds == .pair(ThresholdPair(green: 0.5 * 1.2, red: 0.5)))
        #expect(ValueFormatter(currency: "USD").target(k) == "+20% on 2026-Q4: goal 60.0%, baseline 50.0%")
        // +40%: goal 0.7; 0.5 ≤ 0.667 < 0.7 → yellow (better than the baseline, short of the goal).
        #expect(Build.kpi(fixture(0.4), "2026-11-18", .winRate).status == .yellow)
    }

    /// Outside its quarter the entry does nothing: the default thresholds (40% / 30%) judge.
    @Test func onlyInItsQuarter() {
        let k = Build.kpi(fixture(0.4, quarter: "2027-Q1"), "2026-11-18", .winRate)
        #expect(k.improvement == nil && k.thresholds == .pair(ThresholdPair(green: 0.40, red: 0.30)) && k.status == .green)
    }

    /// No deal closed in Q3's T90: no baseline, so `no_data` with the reason, the value still shown.
    @Test func withoutABaselineTheStatusIsNoData() {
        var e = fixture(0.2)
        e.deals = e.deals.filter { $0.id == "W3" || $0.id == "W4" }
        let k = Build.kpi(e, "2026-11-18", .winRate)
        #expect(k.value == 1.0 && k.status == .noData && k.reason == "no baseline for the improvement target")
        #expect(ValueFormatter(currency: "USD").target(k) == "+20% on 2026-Q4: no baseline for the improvement target")
    }

    /// The loader keeps goals that improve their KPI and warns of the others.
    @Test func changesThatDoNotImproveAreWarnings() {
        let file = Fixtures.load("""
        {"format": "redline.engagement/1", "client": {"id": "c", "name": "C", "industry": "saas"},
         "stages": [{"id": "lead"}, {"id": "won", "outcome": "won"}, {"id": "lost", "outcome": "lost"}], "deals": [],
         "targets": {"improvements": {
           "pipeline_velocity": {"quarter": "2026-Q4", "change": 0.15},
           "cac_payback_months": {"quarter": "2026-Q4", "change": 0.1},
           "win_rate": {"quarter": "Q4", "change": 0.1},
           "mrr": {"quarter": "2026-Q4", "change": 0.1}}}}
        """)
        #expect(file.engagement?.targets.improvements == ["pipeline_velocity": Improvement(quarter: "2026-Q4", change: 0.15)])
        #expect(file.warnings.map(\.message) == [
            "a change of 0.1 does not improve cac_payback_months (lower is better); this improvement target is ignored",
            "expected a fiscal quarter YYYY-Qn, found \"Q4\"; this improvement target is ignored",
            "unknown KPI id \"mrr\"; this improvement target is ignored",
        ])
    }

    /// The baseline a form shows is the one the engine judges by: win rate as of 2026-09-30 is
    /// 2/4 = 0.5 (the fixture's hand computation above). For the next quarter (2027-Q1) the day
    /// before it starts, 2026-12-31, is after t = 2026-11-18: the value so far, 4/6, as of t.
    @Test func theBaselineOfAQuarterIsTheEnginesOne() {
        let e = fixture(0.2)
        let index = EngagementIndex(e), t = Day("2026-11-18")!
        let q4 = FiscalQuarter(containing: t, startMonth: 1)
        let now = KPIEngine.baseline(.winRate, for: q4, index: index, asOf: t)
        #expect(now.value == 0.5 && now.day == Day("2026-09-30"))
        #expect(now.value == Build.kpi(e, "2026-11-18", .winRate).improvement?.baseline)
        let next = KPIEngine.baseline(.winRate, for: q4.next, index: index, asOf: t)
        #expect(next.day == t && abs(next.value! - 4.0 / 6.0) < 1e-12)
    }

    /// A share of a whole has no goal above 100%: from the fixture's baseline 0.5 (win rate on
    /// 2026-09-30), +100% is a goal of exactly 1.0 and taken; +1,500% is 8.0 and refused, with
    /// the largest change named in the unit typed. NRR (a ratio that grows past 1) has no top.
    @Test func aGoalAboveWhatARateCanBeIsUnreachable() {
        let day = Day("2026-09-30")!
        #expect(Improvement(quarter: "2026-Q4", change: 1).unreachable(for: .winRate, baseline: 0.5, on: day) == nil)
        #expect(Improvement(quarter: "2026-Q4", change: 15).unreachable(for: .winRate, baseline: 0.5, on: day, typed: .percent)
                == "a change of +1,500% on win_rate's baseline (50.0% on 2026-09-30) makes a goal of 800.0%, and win_rate cannot be above 100%: at most +100% from this baseline")
        // 1 ÷ 0.3 − 1 = 2.333…: rounded down to a tenth of a percent, so the change named is taken.
        #expect(Improvement(quarter: "2026-Q4", change: 2.5).unreachable(for: .winRate, baseline: 0.3, on: day)
                == "a change of 2.5 on win_rate's baseline (30.0% on 2026-09-30) makes a goal of 105.0%, and win_rate cannot be above 100%: at most 2.333 from this baseline")
        #expect(Improvement(quarter: "2026-Q4", change: 2.333).unreachable(for: .winRate, baseline: 0.3, on: day) == nil)
        #expect(Improvement(quarter: "2026-Q4", change: 0.1).unreachable(for: .winRate, baseline: 1, on: day)
                == "win_rate was 100.0% on 2026-09-30, its baseline for 2026-Q4, and cannot be above 100%: no change can improve on it")
        // No baseline (or 0): the engine says no_data; nothing to tell here.
        #expect(Improvement(quarter: "2026-Q4", change: 15).unreachable(for: .winRate, baseline: nil, on: day) == nil)
        #expect(Improvement(quarter: "2026-Q4", change: 15).unreachable(for: .winRate, baseline: 0, on: day) == nil)
        #expect(Improvement(quarter: "2026-Q4", change: 15).unreachable(for: .nrr, baseline: 1.1, on: day) == nil)
        #expect(Improvement(quarter: "2026-Q4", change: 15).unreachable(for: .pipelineVelocity, baseline: 5000, on: day) == nil)
        // A quarter to come: only a note, from the value so far.
        #expect(Improvement(quarter: "2027-Q1", change: 15).noteSoFar(for: .winRate, value: 4.0 / 6.0, on: Day("2026-11-18")!, baselineDay: Day("2026-12-31")!)
                == "the baseline is win_rate on 2026-12-31, not known yet; from its 66.7% on 2026-11-18 this goal would be 1,066.7%, and win_rate cannot be above 100%")
    }

    /// Every ratio of the catalog is a part of a whole (at most 1), but NRR.
    @Test func ratiosButNRRHaveATopOfOne() {
        let capped = KPICatalog.all.filter { $0.ceiling == 1 }.map(\.id)
        #expect(capped == KPICatalog.all.filter { $0.unit == .ratio && $0.id != .nrr }.map(\.id))
        #expect(capped.contains(.winRate) && capped.contains(.pqlToPaid) && capped.contains(.grossMargin) && !capped.contains(.nrr))
        #expect(KPICatalog.all.allSatisfy { $0.ceiling == nil || $0.ceiling == 1 })
    }

    /// Messages answer in the unit the change was typed in.
    /// A change too large for plain digits keeps its exponent whole (1.0e20 lost its last zero).
    @Test func aHugeChangeIsSpelledWithItsExponent() {
        #expect(ChangeUnit.percent.spell(1e18) == "+1.0e20%")
        #expect(ChangeUnit.percent.spell(-0.15) == "-15%")
    }

    @Test func aRefusedChangeIsNamedAsTyped() {
        #expect(Improvement(quarter: "2026-Q4", change: -0.15).problem(for: .winRate, typed: .percent)
                == "a change of -15% does not improve win_rate: higher is better, so the change must be positive")
        #expect(Improvement(quarter: "2026-Q4", change: -0.15).problem(for: .winRate)
                == "a change of -0.15 does not improve win_rate: higher is better, so the change must be positive")
        #expect(Improvement(quarter: "2026-Q4", change: -1.5).problem(for: .cacPaybackMonths, typed: .percent)
                == "a change of -150% is not above -100% (-100% would make the goal zero)")
        #expect(Improvement(quarter: "2026-Q4", change: -1).problem(for: .cacPaybackMonths)
                == "a change of -1 is not a fraction above -1 (0.15 means +15%)")
        #expect(ChangeUnit.percent.spell(0.125) == "+12.5%" && ChangeUnit.percent.spell(15) == "+1,500%" && ChangeUnit.fraction.spell(0.125) == "0.125")
    }

    /// A change as the cockpit's form takes it, in percent; and how a target is named in a conflict.
    @Test func changesTypedInPercent() {
        let cases: [(String, Double?)] = [("15", 0.15), ("+15", 0.15), ("15%", 0.15), (" -22 % ", -0.22), ("12.5", 0.125), ("−10", -0.1),
                                          ("", nil), ("abc", nil), ("1e3", nil), ("nan", nil), ("inf", nil), ("--5", nil), ("5-", nil)]
        for (text, want) in cases { #expect(Improvement.change(percent: text) == want, "\(text)") }
        #expect(Improvement(quarter: "2026-Q4", change: -0.22).percentText == "-22")
        #expect(Improvement(quarter: "2026-Q4", change: 0.125).percentText == "12.5")
        #expect(Improvement(quarter: "2026-Q4", change: 0.15).percentText == "15")
        #expect(Improvement.label(Improvement(quarter: "2027-Q1", change: -0.1)) == "-10% on 2027-Q1")
        #expect(Improvement.label(Improvement(quarter: "2026-Q4", change: 0.12345)) == "+12.345% on 2026-Q4")
        #expect(Improvement.label(nil) == "(none)")
    }

    /// The cockpit's save of a target: set (the objects created as needed), changed in place,
    /// removed; someone else's different target meanwhile is a conflict with both.
    @Test func aTargetIsSetChangedAndRemovedByTheMergedSave() throws {
        let text = #"{"format": "redline.engagement/1", "client": {"id": "c", "name": "C", "industry": "saas"},"# + "\n"
            + #" "stages": [{"id": "lead"}, {"id": "won", "outcome": "won"}, {"id": "lost", "outcome": "lost"}], "deals": []}"# + "\n"
        func save(_ edit: ReviewEdit, to text: String, choice: ConflictChoice = .ask) throws -> (String, EditPlan) {
            let e = Fixtures.engagement(text), doc = try JSONDocument(bytes: Array(text.utf8))
            let plan = try edit.plan(in: e, document: doc, choice: choice)
            guard case .write(let edits) = plan else { return (text, plan) }
            return (String(decoding: try doc.applying(edits), as: UTF8.self), plan)
        }
        let goal = Improvement(quarter: "2026-Q4", change: -0.1)
        let (set, _) = try save(.improvement(kpi: .salesCycleDays, base: nil, mine: goal), to: text)
        #expect(set == text.replacingOccurrences(of: #""deals": []}"#, with: "\"deals\": [], \"targets\": {\n \"improvements\": {\n  \"sales_cycle_days\": {\"quarter\": \"2026-Q4\", \"change\": -0.1}\n }\n}}"))
        #expect(Fixtures.engagement(set).targets.improvements == ["sales_cycle_days": goal])
        let changed = Improvement(quarter: "2027-Q1", change: -0.15)
        let (moved, _) = try save(.improvement(kpi: .salesCycleDays, base: goal, mine: changed), to: set)
        #expect(moved == set.replacingOccurrences(of: #"{"quarter": "2026-Q4", "change": -0.1}"#, with: #"{"quarter": "2027-Q1", "change": -0.15}"#))
        let (removed, _) = try save(.improvement(kpi: .salesCycleDays, base: changed, mine: nil), to: moved)
        // The only target removed: `improvements` and `targets` go too, and the file is as it was.
        #expect(removed == text)
        #expect(Fixtures.engagement(removed).targets.improvements.isEmpty)
        // Removing what is not there, or setting what is there: nothing to write.
        guard case .unchanged = try save(.improvement(kpi: .salesCycleDays, base: nil, mine: nil), to: removed).1,
              case .unchanged = try save(.improvement(kpi: .salesCycleDays, base: nil, mine: goal), to: set).1 else { Issue.record("not unchanged"); return }
        // I saw -10% on 2026-Q4 and typed -20%; someone else set -15% on 2027-Q1 meanwhile.
        guard case .conflicts(let c) = try save(.improvement(kpi: .salesCycleDays, base: goal, mine: Improvement(quarter: "2026-Q4", change: -0.2)), to: moved).1 else {
            Issue.record("no conflict"); return
        }
        #expect(c == [EditConflict(field: "improvement target of sales_cycle_days", theirs: "-15% on 2027-Q1", mine: "-20% on 2026-Q4")])
        #expect(try save(.improvement(kpi: .salesCycleDays, base: goal, mine: nil), to: moved, choice: .keepMine).0 == text)
    }
}
