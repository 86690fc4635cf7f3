import Foundation
import Testing

/// The monthly and quarterly cadence in the cockpit, end to end in tmux at 80×24 on the written
/// demo: set an improvement target on Northwind's sales cycle length from its dashboard (the
/// goal shows as the change is typed), see the tile judge by it, open the KPI autopsy by month,
/// quit: `git diff` shows only the target's lines.
@Suite(.serialized, OutsideTool.tmux) struct TargetTmuxTests {
    @Test func setATargetThenReadTheMonth() throws {
        let repo = try DemoRepository()
        let t = try TmuxSession(width: 80, height: 24, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        try t.openClient("northwind-advisory", named: "Northwind Advisory", in: repo.dir)
        try t.waitFor("▶ Net revenue retention")
        try t.keys("j", "j")
        try t.waitFor("▶ Sales cycle length")
        try t.keys("i")
        try t.waitFor("Improvement target of Sales cycle length", "(*) 2026-Q4 (Oct–Dec)  ( ) 2027-Q1 (Jan–Mar)")
        try t.type("-10")
        // 52.0 d as of 2026-09-30, the last day of 2026-Q3; × 0.9 = 46.8 d.
        try t.waitFor("-10% on 2026-Q4: goal 46.8 d, baseline 52.0 d")
        try t.keys("Enter")
        try t.waitFor("Saved to northwind-advisory.json: Sales cycle length -10% on 2026-Q4 (Oct–Dec).")
        let dashboard = try t.waitFor("Q4 goal 46.8 d, -10% from 52.0 d")
        #expect(dashboard.contains("73.6 d  ■ red"))
        try t.keys("a", "m")
        let month = try t.waitFor("KPI autopsy by month: 2026-11 (to 2026-11-23)", "Without an autopsy (2), largest first")
        #expect(month.contains("1 deal  $179k  Champion left mid-cycle"))
        #expect(month.contains("D-1020  open     Close dates come from a mutual action plan"))
        try t.keys("<")
        try t.waitFor("KPI autopsy by month: 2026-10", "Without an autopsy (5), largest first")
        try t.keys("q")
        try t.waitFor("EXIT=0")

        #expect(try repo.changedFiles() == "northwind-advisory.json\n")
        let (removed, added) = try repo.changedLines()
        // Git's diff of the inserted member: the `}` that gained a comma, then three new lines.
        #expect(removed == [] || removed == ["    }"], "\(removed) \(added)")
        #expect(added.contains(#"    "improvements": {"#) && added.contains(#"      "sales_cycle_days": {"quarter": "2026-Q4", "change": -0.1}"#), "\(added)")
        #expect(added.count - removed.count == 3, "\(removed) \(added)")
    }

    /// `u` after two saves takes both back, last first, through the locked save: the file is
    /// byte for byte the committed one, and a third `u` says there is nothing left.
    @Test func undoGivesBackTheFile() throws {
        let repo = try DemoRepository()
        let t = try TmuxSession(width: 80, height: 24, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        try t.openClient("northwind-advisory", named: "Northwind Advisory", in: repo.dir)
        try t.keys("j", "j", "i")
        try t.waitFor("Improvement target of Sales cycle length")
        try t.type("-10")
        try t.keys("Enter")
        try t.waitFor("Saved to northwind-advisory.json: Sales cycle length -10% on 2026-Q4 (Oct–Dec).")
        try t.keys("w", "o")
        try t.waitFor("Plan an action for 2026-W48")
        try t.type("Call every champion")
        try t.keys("Enter")
        try t.waitFor("Saved: 1 of 3 actions planned for 2026-W48.")
        #expect(try repo.changedLines().added.count > 3)
        try t.keys("Escape")
        try t.waitFor("u undo")
        try t.keys("u")
        try t.waitFor("Undone in northwind-advisory.json: the action \"Call every champion\"", "planned.")   // wrapped
        try t.keys("u")
        try t.waitFor("Undone in northwind-advisory.json: the improvement target of Sales cycle", "is removed.")
        try t.keys("u")
        try t.waitFor("Nothing to undo")
        try t.keys("q")
        try t.waitFor("EXIT=0")
        #expect(try repo.changedFiles() == "")
    }
}
