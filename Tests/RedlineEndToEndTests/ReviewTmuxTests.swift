import Foundation
import Testing

/// The Monday review in the cockpit, end to end in tmux on the demo: write an autopsy for a lost
/// deal, plan three actions, mark one of last week's done, acknowledge a stall, quit, reopen —
/// all there, and `git diff` shows only those changes.
@Suite(.serialized, OutsideTool.tmux) struct ReviewTmuxTests {
    let file = "northwind-advisory.json"

    func openNorthwind(_ t: TmuxSession, _ dir: URL, prefix: String = "") throws {
        try t.openClient("northwind-advisory", named: "Northwind Advisory", in: dir, prefix: prefix)
    }

    @Test func theMondayReviewIsSavedAndNothingElseChanges() throws {
        let repo = try DemoRepository()
        let dir = repo.dir
        let t = try TmuxSession(width: 100, height: 30, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        try openNorthwind(t, dir)

        // The autopsy of the lost deal D-1116 (second row of the KPI autopsy).
        try t.keys("a")
        try t.waitFor("· autopsies 3/7")
        try t.keys("j", "e")
        try t.waitFor("KPI autopsy of D-1116")
        try t.type("Proposal sent before the economic buyer was met")
        try t.keys("Tab")
        try t.type("No proposal without a named budget owner")
        try t.keys("Enter")
        try t.waitFor("Saved to \(file).")

        // Three actions for this week, and one of last week's marked done.
        try t.keys("w")
        try t.waitFor("2026-W48: 0 of 3 planned · 2026-W47: 0 done, 3 open")
        let plans = ["Call every stalled champion", "Pricing floor in the CPQ", "Pipeline review on Thursdays"]
        for (n, text) in plans.enumerated() {
            try t.keys("o")
            try t.waitFor("Plan an action for 2026-W48")
            try t.type(text)
            try t.keys("Enter")
            try t.waitFor("Saved: \(n + 1) of 3 actions planned for 2026-W48.")
        }
        try t.keys("g", "D")
        try t.waitFor("2026-W48: 3 of 3 planned · 2026-W47: 1 done, 2 open")

        // A stall acknowledged from the deal's story.
        try t.keys("x")
        try t.waitFor("Northwind Advisory · stalled deals")
        try t.keys("Enter")
        try t.waitFor("Stage history")
        try t.keys("A")
        try t.type("Board decides on 3 Dec")
        try t.keys("Enter")
        try t.waitFor("Saved to \(file).")
        try t.waitFor("STALL ACKNOWLEDGED until 2026-12-07")
        try t.keys("q")
        try t.waitFor("EXIT=0")

        // Reopened: all there.
        try t.run("clear")
        try openNorthwind(t, dir)
        try t.keys("w")
        try t.waitFor("2026-W48: 3 of 3 planned · 2026-W47: 1 done, 2 open", "Pipeline review on Thursdays")
        try t.keys("a")
        try t.waitFor("· autopsies 4/7")
        try t.keys("q")
        try t.waitFor("EXIT=0")

        // Only this file, and only those changes.
        #expect(try repo.changedFiles() == "\(file)\n")
        var (removed, added) = try repo.changedLines(file)
        // A removed line comes back with a comma (a member or element now follows it), or is the status marked done.
        for line in removed {
            if let i = added.firstIndex(of: line + ",") { added.remove(at: i); continue }
            #expect(line.hasSuffix("\"status\": \"planned\","), "unexpected removed line: \(line)")
            if let i = added.firstIndex(of: line.replacingOccurrences(of: "planned", with: "done")) { added.remove(at: i) } else { Issue.record("no done line for \(line)") }
        }
        #expect(removed.count == 2, "\(removed)")   // the line before stall_ack, and the status (git pairs "}" with "},")
        let text = added.joined(separator: "\n")
        #expect(added.contains { $0.hasSuffix(#""stall_ack": {"until": "2026-12-07", "note": "Board decides on 3 Dec"}"#) })
        #expect(text.contains(#""deal": "D-1116","#) && text.contains(#""root_cause": "Proposal sent before the economic buyer was met","#))
        #expect(text.contains(#""systemic_change": "No proposal without a named budget owner","#) && text.contains(#""written_on": "2026-11-23","#))
        for plan in plans { #expect(text.contains(#""text": "\#(plan)","#)) }
        // Autopsy (10 lines), 3 actions of 6 lines, 1 stall_ack line; nothing else.
        #expect(added.count == 10 + 18 + 1, "\(added.count) added lines:\n\(text)")
    }

    /// A paste (tmux pastes with bracketed-paste marks when asked) goes into the form as text:
    /// its line breaks and a `q` in it neither save nor quit; outside a form it does nothing.
    @Test func aPasteIsTextNotKeys() throws {
        let dir = try CommandRunner.temporaryFolder()
        #expect(try CommandRunner.run(["demo", "--write", dir.path, "--as-of", "2026-11-23"]).status == 0)
        let t = try TmuxSession(width: 100, height: 30, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        try openNorthwind(t, dir)
        try t.keys("x")
        try t.waitFor("Northwind Advisory · stalled deals")
        try t.keys("Enter", "n", "C-u")
        try t.tmux(["set-buffer", "-b", "p", "Call the CFO\nthen q the legal team"])
        try t.tmux(["paste-buffer", "-p", "-b", "p", "-t", t.name])
        try t.waitFor("Next step: Call the CFO then q the legal team")
        try t.keys("Escape", "Escape")
        try t.tmux(["paste-buffer", "-p", "-b", "p", "-t", t.name])
        try t.waitFor("Pasted text goes into forms and filters only; it was not run as keys.")
        try t.keys("q")
        try t.waitFor("EXIT=0")
    }

    /// Ctrl-C reaches the cockpit as a signal (the terminal is in cbreak mode): in a form with
    /// text typed it asks first, a second one closes the form, and the cockpit runs on until q.
    @Test func ctrlCInAFormAsksFirstAndDoesNotQuit() throws {
        let dir = try CommandRunner.temporaryFolder()
        #expect(try CommandRunner.run(["demo", "--write", dir.path, "--as-of", "2026-11-23"]).status == 0)
        let path = dir.appendingPathComponent(file).path
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let t = try TmuxSession(width: 100, height: 30, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        try openNorthwind(t, dir)
        try t.keys("x")
        try t.waitFor("Northwind Advisory · stalled deals")
        try t.keys("Enter", "n", "C-u")
        try t.type("q?")
        // Typed first: the terminal flushes unread input on Ctrl-C (no NOFLSH).
        try t.waitFor("Next step: q?")
        try t.keys("C-c")
        try t.waitFor("Ctrl-C again discards what you typed; Enter saves it.", "Next step: q?")
        try t.keys("C-c")
        try t.waitFor("Discarded what you typed; q quits.")
        try t.keys("q")
        try t.waitFor("EXIT=0")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    /// A save that cannot be written (a file-size limit stands in for a full disk) keeps the
    /// typed text in the form with the reason, and the file as it was.
    @Test func aFailedSaveKeepsTheTypedText() throws {
        let dir = try CommandRunner.temporaryFolder()
        #expect(try CommandRunner.run(["demo", "--write", dir.path, "--as-of", "2026-11-23"]).status == 0)
        let path = dir.appendingPathComponent(file).path
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let t = try TmuxSession(width: 160, height: 30, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        try openNorthwind(t, dir, prefix: "ulimit -f 8; ")
        try t.keys("x")
        try t.waitFor("Northwind Advisory · stalled deals")
        try t.keys("Enter", "n", "C-u")
        try t.type("Keep this text")
        try t.keys("Enter")
        try t.waitFor("Not saved: the file size limit was reached while writing; \(file) is unchanged. Your text is still here; Enter tries again.",
                      "Next step: Keep this text")
        try t.keys("Escape")
        try t.waitFor("Esc again discards what you typed; Enter saves it.")
        try t.keys("Escape", "q")
        try t.waitFor("EXIT=0")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}
