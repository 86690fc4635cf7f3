import Foundation
import Testing

/// The cockpit binary end to end in tmux: navigate, time-travel, help, quit, and the shell
/// restored afterwards; under several TERM and locale settings and signals.
@Suite(.serialized, OutsideTool.tmux) struct CockpitTmuxTests {
    let redline = CommandRunner.binary.path
    let start = " --as-of 2026-11-23; echo EXIT=$?"

    func session(_ env: [String: String], width: Int = 100, height: Int = 30) throws -> TmuxSession {
        try TmuxSession(width: width, height: height, environment: env)
    }

    /// After quitting, the cockpit's screen is gone and the shell is back with the exit status.
    func expectRestored(_ t: TmuxSession, status: Int = 0) throws {
        let screen = try t.waitFor("EXIT=\(status)")
        #expect(!screen.contains("Redline │") && !screen.contains("Clients"), "the cockpit is still on screen:\n\(screen)")
        #expect(screen.contains("$ \(redline)"), "the shell's own lines are not back:\n\(screen)")
    }

    @Test func navigateToAStalledDealAndBackUnderXterm256() throws {
        let t = try session(["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        try t.run(redline + start)
        // The portfolio order of kpis.md: TalentLoop (4 red KPIs) before Cortexa AI (red, fewer).
        try t.waitFor("Clients · weekly status, worst first", "▶ TalentLoop", "  Cortexa AI", "BrightSignal")
        try t.keys("j", "Enter")
        try t.waitFor("Cortexa AI (ai startup)  ■ red → Emergency meeting with product & finance")
        try t.keys("x")
        try t.waitFor("Cortexa AI · stalled deals")
        try t.keys("Enter")
        try t.waitFor("Stage history", "D-1003  Juniper Logistics: Document AI pilot", "STALLED")
        try t.keys("[")
        try t.waitFor("2026-W47 · Mon 2026-11-16 (time travel)")
        try t.keys("?")
        try t.waitFor("? or Esc closes this help")
        try t.keys("Escape")
        try t.keys("t")
        try t.waitFor("Back to 2026-11-23.")
        // Colour is on: the pane holds SGR colour sequences.
        #expect(try t.screen(escapes: true).contains("\u{1B}[38;5;"))
        try t.keys("q")
        try expectRestored(t)
    }

    /// `c` redraws everything in the next theme's colours (dark's red 203, light's 160), not
    /// only the name in the footer.
    @Test func theNextThemeChangesTheColoursSent() throws {
        let t = try session(["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        try t.run(redline + start)
        try t.waitFor("▶ TalentLoop", "BrightSignal")
        let dark = try t.screen(escapes: true)
        #expect(dark.contains("\u{1B}[38;5;203m") && !dark.contains("\u{1B}[38;5;160m"))
        try t.keys("c")
        try t.waitFor("Theme: light")
        Thread.sleep(forTimeInterval: 0.2)
        let light = try t.screen(escapes: true)
        #expect(light.contains("\u{1B}[38;5;160m") && !light.contains("\u{1B}[38;5;203m"), "still dark colours:\n\(light)")
        try t.keys("q")
        try expectRestored(t)
    }

    @Test func screenTerminalAndCLocaleUseASCII() throws {
        let t = try session(["TERM": "screen", "LANG": "C"])
        try t.run(redline + start)
        try t.waitFor(" Redline | Portfolio", "> TalentLoop         ! red    same            Emergency meeting", "+ green")
        try t.keys("Enter", "f")
        try t.waitFor("Pipeline since last week")
        try t.keys("Escape", "Escape", "q")
        try expectRestored(t)
    }

    /// Inside a real GNU screen (which sets TERM=screen and does its own terminal emulation),
    /// run from tmux so the test can read what screen draws; a click goes through it too.
    @Test(OutsideTool.screen) func insideGNUScreen() throws {
        let which = NSTemporaryDirectory() + "redline-which-screen.out"
        guard try spawnAndWait(["sh", "-c", "command -v screen"], output: which) == 0 else {
            Issue.record("GNU screen is not installed: apt-get install -y screen (.ci/run does it)")
            return
        }
        let exitFile = try CommandRunner.temporaryFolder().appendingPathComponent("exit").path
        let t = try session(["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        try t.run("screen -q sh -c '\(redline) --as-of 2026-11-23; echo EXIT=$? > \(exitFile)'; cat \(exitFile)")
        try t.waitFor("Clients · weekly status, worst first", "  Cortexa AI         ■ red    same            Emergency meeting")
        // The mouse through screen: it asks the pane for the classic reports (mode 1000, no SGR)
        // and translates them for the cockpit. A press and release on line 5, column 10, as
        // xterm encodes them there: ESC [ M, then 32 + button, 32 + column, 32 + line (1-based).
        let flags = try t.tmux(["display", "-p", "-t", t.name, "#{mouse_any_flag} #{mouse_standard_flag}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(flags == "1 1", "mouse modes inside screen: \(flags)")
        try t.tmux(["send-keys", "-t", t.name, "-l", "\u{1B}[M +&\u{1B}[M#+&"])
        try t.waitFor("▶ Ledgerly")
        try t.keys("k", "k")
        try t.waitFor("▶ TalentLoop")
        try t.keys("j", "Enter", "x")
        try t.waitFor("Cortexa AI · stalled deals")
        try t.keys("Enter")
        try t.waitFor("D-1003  Juniper Logistics: Document AI pilot")
        try t.keys("q")
        let after = try t.waitFor("EXIT=0")
        #expect(!after.contains("Redline │"), "the cockpit is still on screen:\n\(after)")
    }

    /// Home and End as tmux, xterm (outside keypad mode) and rxvt send them, besides TERM's own:
    /// each moves the selection, none is read as Esc and then text (`[` moved the week).
    @Test func homeAndEndInEveryDialect() throws {
        let t = try session(["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        try t.run(redline + start)
        try t.waitFor("▶ TalentLoop")
        for (end, home) in [("\u{1B}[4~", "\u{1B}[1~"), ("\u{1B}[F", "\u{1B}[H"), ("\u{1B}[8~", "\u{1B}[7~"), ("\u{1B}OF", "\u{1B}OH")] {
            try t.tmux(["send-keys", "-t", t.name, "-l", end])
            try t.waitFor("▶ BrightSignal")
            try t.tmux(["send-keys", "-t", t.name, "-l", home])
            let screen = try t.waitFor("▶ TalentLoop")
            #expect(!screen.contains("time travel") && screen.contains("2026-W48"), "\(end.debugDescription): \(screen)")
        }
        try t.keys("q")
        try expectRestored(t)
    }

    @Test func noColorDrawsWithoutColour() throws {
        let t = try session(["TERM": "xterm-256color", "LANG": "C.UTF-8", "NO_COLOR": "1"])
        try t.run(redline + start)
        try t.waitFor("Clients · weekly status, worst first", "● green", "9 deals stalled now")
        let raw = try t.screen(escapes: true)
        #expect(!raw.contains("[38;5;") && !raw.contains("[31m") && !raw.contains("[32m"), "colour with NO_COLOR set")
        #expect(raw.contains("■ red") && raw.contains("● green"))
        try t.keys("q")
        try expectRestored(t)
    }

    @Test func belowEightyByTwentyFourSaysSoAndResizesLive() throws {
        let t = try session(["TERM": "xterm-256color", "LANG": "C.UTF-8"], width: 70, height: 20)
        try t.run(redline + start)
        try t.waitFor("Enlarge the terminal (now 70×20).")
        try t.tmux(["resize-window", "-t", t.name, "-x", "100", "-y", "30"])
        try t.waitFor("Clients · weekly status, worst first")
        try t.keys("q")
        try expectRestored(t)
    }

    @Test func sigtermAndSighupRestoreTheTerminal() throws {
        for signal in [SIGTERM, SIGHUP, SIGINT] {
            let t = try session(["TERM": "xterm-256color", "LANG": "C.UTF-8"])
            try t.run(redline + start)
            try t.waitFor("Clients · weekly status, worst first")
            let pid = try #require(try t.childPID())
            kill(pid, signal)
            try expectRestored(t)
        }
    }

    @Test func anUnknownTermIsOneErrorLine() throws {
        let t = try session(["TERM": "nosuchterm", "LANG": "C.UTF-8"], width: 160)
        try t.run(redline + start)
        let screen = try t.waitFor("EXIT=2")
        #expect(screen.contains("redline: error: cannot open the terminal: unknown or unusable TERM \"nosuchterm\"; try TERM=xterm-256color"))
    }

    /// TERM=dumb is known but cannot move the cursor: refused the same way (it drew a blank
    /// screen and exited 0), pointing to the text report.
    @Test func aTermWithoutCursorAddressingIsOneErrorLine() throws {
        let t = try session(["TERM": "dumb", "LANG": "C.UTF-8"], width: 200)
        try t.run(redline + start)
        let screen = try t.waitFor("EXIT=2")
        #expect(screen.contains("redline: error: cannot open the terminal: TERM \"dumb\" has no cursor addressing; use redline report for the text report, or try TERM=xterm-256color\n"))
    }
}

/// `redline` with no path started in a folder holding a `demo/` folder (as `redline demo --write
/// demo` makes): the bundled demo stays read-only and nothing is written into that folder.
@Suite(.serialized, OutsideTool.tmux) struct BundledDemoTmuxTests {
    @Test func theDemoBesideADemoFolderWritesNothing() throws {
        let dir = try CommandRunner.temporaryFolder()
        let folder = dir.appendingPathComponent("demo")
        #expect(try CommandRunner.run(["demo", "--write", folder.path, "--as-of", "2026-11-23"]).status == 0)
        let listing = { try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() }
        let before = try listing()
        let bytes = try Data(contentsOf: folder.appendingPathComponent("cortexa-ai.json"))
        let t = try TmuxSession(width: 100, height: 30, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        try t.run("cd \(dir.path) && \(CommandRunner.binary.path) --as-of 2026-11-23; echo EXIT=$?")
        try t.waitFor("Clients · weekly status, worst first")
        try t.keys("j", "Enter", "a")
        try t.waitFor("KPI autopsy")
        try t.keys("e")
        try t.waitFor("The demo is read-only")
        try t.keys("Enter", "n")
        try t.waitFor("The demo is read-only")
        try t.keys("q")
        try t.waitFor("EXIT=0")
        #expect(try listing() == before)   // no lock file, no temporary file
        #expect(try Data(contentsOf: folder.appendingPathComponent("cortexa-ai.json")) == bytes)
    }
}

/// Another user's change to a file on screen shows up within about a second.
@Suite(.serialized, OutsideTool.tmux) struct LiveReloadTmuxTests {
    @Test func anEditFromAnotherProcessIsReloaded() throws {
        let dir = try CommandRunner.temporaryFolder()
        #expect(try CommandRunner.run(["demo", "--write", dir.path, "--as-of", "2026-11-23"]).status == 0)
        let t = try TmuxSession(width: 100, height: 30, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        try t.run("\(CommandRunner.binary.path) \(dir.path) --as-of 2026-11-23; echo EXIT=$?")
        try t.waitFor("Clients · weekly status, worst first")
        let edit = try CommandRunner.run(["action", "add", dir.appendingPathComponent("ledgerly.json").path, "--text", "Call the CFO", "--week", "2026-W48"])
        #expect(edit.status == 0)
        try t.waitFor("ledgerly.json changed on disk, reloaded: 1 action(s)", timeout: 5)
        try t.keys("q")
        try t.waitFor("EXIT=0")
    }
}

/// Editing in the cockpit, end to end: acknowledge a stall and write a next step, quit, and
/// find exactly those changes in the file.
@Suite(.serialized, OutsideTool.tmux) struct EditingTmuxTests {
    @Test func ackAndNextStepAreSavedAndNothingElseChanges() throws {
        let dir = try CommandRunner.temporaryFolder()
        #expect(try CommandRunner.run(["demo", "--write", dir.path, "--as-of", "2026-11-23"]).status == 0)
        let path = dir.appendingPathComponent("cortexa-ai.json").path
        let before = try String(contentsOfFile: path, encoding: .utf8)
        let t = try TmuxSession(width: 100, height: 30, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        try t.run("\(CommandRunner.binary.path) \(dir.path) --as-of 2026-11-23; echo EXIT=$?")
        try t.waitFor("Clients · weekly status, worst first")
        try t.keys("j", "Enter", "x", "Enter")
        try t.waitFor("D-1003  Juniper Logistics: Document AI pilot")
        try t.keys("A")
        try t.tmux(["send-keys", "-t", t.name, "-l", "CFO back Monday"])
        try t.keys("Enter")
        try t.waitFor("Saved to cortexa-ai.json.")
        try t.keys("n", "C-a", "C-k")
        try t.tmux(["send-keys", "-t", t.name, "-l", " then legal"])
        try t.keys("Enter")
        // The first save's message may still be on screen: wait for the new next step itself.
        try t.waitFor("Next step: then legal")
        try t.keys("q")
        try t.waitFor("EXIT=0")
        let after = try String(contentsOfFile: path, encoding: .utf8)
        let old = before.split(separator: "\n", omittingEmptySubsequences: false), new = after.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(new.count == old.count + 1)                      // one stall_ack line added
        var counts: [Substring: Int] = [:]
        for line in old { counts[line, default: 0] += 1 }
        for line in new { counts[line, default: 0] -= 1 }
        let removed = counts.values.filter { $0 > 0 }.reduce(0, +), added = -counts.values.filter { $0 < 0 }.reduce(0, +)
        // The next_step line changes (new text, and the comma before the new member); stall_ack is one new line.
        #expect(removed == 1 && added == 2, "removed \(removed), added \(added)")
        #expect(after.contains(#""stall_ack": {"until": "2026-12-07", "note": "CFO back Monday"}"#))
        #expect(after.contains(#""next_step": "then legal""#))     // Ctrl-K cleared the old text; the edges are trimmed
    }
}
