import Foundation
import Testing

/// The monthly and quarterly cadence in the cockpit, end to end in tmux at 80×24 on the written
/// demo: set an improvement target on Northwind's sales cycle length from its dashboard (the
/// goal shows as the change is typed), see the tile judge by it, open the KPI autopsy by month,
/// quit: `git diff` shows only the target's lines.
@Suite(.serialized, OutsideTool.tmux) struct TargetTmuxTests {
    let redline = CommandRunner.binary.path

    func git(_ dir: URL, _ args: String...) throws -> String {
        let out = dir.path + ".git.out"
        let status = try spawnAndWait(["git", "-C", dir.path, "-c", "user.name=Redline Test", "-c", "user.email=test@redline.invalid"] + args, output: out)
        let text = String(decoding: FileManager.default.contents(atPath: out) ?? Data(), as: UTF8.self)
        #expect(status == 0, "git \(args): \(text)")
        return text
    }

    @Test func setATargetThenReadTheMonth() throws {
        let dir = try CommandRunner.temporaryFolder()
        #expect(try CommandRunner.run(["demo", "--write", dir.path, "--as-of", "2026-11-23"]).status == 0)
        _ = try git(dir, "init", "-q")
        _ = try git(dir, "add", ".")
        _ = try git(dir, "commit", "-q", "-m", "demo")

        let t = try TmuxSession(width: 80, height: 24, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        try t.run("\(redline) \(dir.path) --as-of 2026-11-23; echo EXIT=$?")
        try t.waitFor("Clients · weekly status, worst first")
        try t.keys(":")
        try t.tmux(["send-keys", "-t", t.name, "-l", "northwind-advisory"])
        try t.keys("Enter")
        try t.waitFor("Portfolio › Northwind Advisory", "▶ Net revenue retention")
        try t.keys("j", "j")
        try t.waitFor("▶ Sales cycle length")
        try t.keys("i")
        try t.waitFor("Improvement target of Sales cycle length", "(*) 2026-Q4  ( ) 2027-Q1")
        try t.tmux(["send-keys", "-t", t.name, "-l", "--", "-10"])
        // 52.0 d as of 2026-09-30, the last day of 2026-Q3; × 0.9 = 46.8 d.
        try t.waitFor("-10% on 2026-Q4: goal 46.8 d, baseline 52.0 d")
        try t.keys("Enter")
        try t.waitFor("Saved to northwind-advisory.json: Sales cycle length -10% on 2026-Q4.")
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

        #expect(try git(dir, "diff", "--name-only") == "northwind-advisory.json\n")
        let diff = try git(dir, "diff", "-U0").split(separator: "\n").map(String.init)
        let removed = diff.filter { $0.hasPrefix("-") && !$0.hasPrefix("---") }
        let added = diff.filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }
        // Git's diff of the inserted member: the `}` that gained a comma, then three new lines.
        #expect(removed == [] || removed == ["-    }"], "\(diff)")
        #expect(added.contains(#"+    "improvements": {"#) && added.contains(#"+      "sales_cycle_days": {"quarter": "2026-Q4", "change": -0.1}"#), "\(diff)")
        #expect(added.count - removed.count == 3, "\(diff)")
    }
}
