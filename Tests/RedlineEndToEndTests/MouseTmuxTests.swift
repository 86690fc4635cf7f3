import Foundation
import Testing

/// The mouse end to end in tmux at 80×24 (issue 14): the cockpit asks for mouse reports (SGR,
/// mode 1006, as ncurses does for xterm-256color), a click selects the row under it, a double
/// click opens it, and after quitting the pane reports no mouse again. `--no-mouse` and
/// `mouse = false` never ask for it. tmux's pane flags say which modes the program turned on.
@Suite(.serialized, OutsideTool.tmux) struct MouseTmuxTests {
    let redline = CommandRunner.binary.path
    let start = " --as-of 2026-11-23; echo EXIT=$?"

    /// A config folder of its own: `config.toml` holds `config` (none when nil).
    func session(config: String?) throws -> TmuxSession {
        let xdg = NSTemporaryDirectory() + "redline-mouse-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: xdg + "/redline", withIntermediateDirectories: true)
        if let config { try config.write(toFile: xdg + "/redline/config.toml", atomically: true, encoding: .utf8) }
        return try TmuxSession(width: 80, height: 24, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "XDG_CONFIG_HOME": xdg])
    }

    /// The pane's mouse modes: any (a mode reporting presses), SGR (1006), standard (1000).
    func mouseFlags(_ t: TmuxSession) throws -> String {
        try t.tmux(["display", "-p", "-t", t.name, "#{mouse_any_flag} #{mouse_sgr_flag} #{mouse_standard_flag}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A left press and release at a 0-based cell, as xterm sends it in SGR mode (1-based);
    /// `times: 2` is a double click: the second 100 ms after the first, as a hand does it
    /// (ncurses reads clicks sent in one burst as one).
    func click(_ t: TmuxSession, x: Int, y: Int, times: Int = 1) throws {
        for i in 0..<times {
            if i > 0 { Thread.sleep(forTimeInterval: 0.1) }
            try t.tmux(["send-keys", "-t", t.name, "-l", "\u{1B}[<0;\(x + 1);\(y + 1)M\u{1B}[<0;\(x + 1);\(y + 1)m"])
        }
    }

    @Test func aClickSelectsAPortfolioRowAndADoubleClickOpensIt() throws {
        let t = try session(config: nil)
        try t.run(redline + start)
        try t.waitFor("▶ TalentLoop", "BrightSignal")
        #expect(try mouseFlags(t) == "1 1 1")
        // Line 5 is the third client's row: header, title, column titles, then the rows.
        try click(t, x: 10, y: 5)
        try t.waitFor("▶ Ledgerly", "  TalentLoop")
        // The wheel on the portfolio moves the selection a row a notch (the list is shown whole).
        try t.tmux(["send-keys", "-t", t.name, "-l", "\u{1B}[<65;10;6M"])
        try t.waitFor("▶ Northwind Advisory", "  Ledgerly")
        try click(t, x: 10, y: 4, times: 2)
        try t.waitFor("Redline │ Portfolio › Cortexa AI", "Cortexa AI (ai startup)")
        try t.keys("q")
        let screen = try t.waitFor("EXIT=0")
        #expect(!screen.contains("Clients"))
        // Mouse reporting is off again: a click in the pane now goes to no program as a report.
        #expect(try mouseFlags(t) == "0 0 0")
    }

    /// A signal (SIGTERM, a hang-up, Ctrl-C) ends the cockpit with mouse reporting off too.
    @Test func aSignalTurnsMouseReportingOff() throws {
        for signal in [SIGTERM, SIGHUP, SIGINT] {
            let t = try session(config: nil)
            try t.run(redline + start)
            try t.waitFor("▶ TalentLoop", "BrightSignal")
            #expect(try mouseFlags(t) == "1 1 1")
            let pid = try #require(try t.childPID())
            kill(pid, signal)
            try t.waitFor("EXIT=")
            #expect(try mouseFlags(t) == "0 0 0", "after signal \(signal)")
        }
    }

    @Test func noMouseAndTheConfigLeaveTheMouseToTheTerminal() throws {
        for (config, flag) in [(nil as String?, " --no-mouse"), ("mouse = false\n", "")] {
            let t = try session(config: config)
            try t.run(redline + flag + start)
            try t.waitFor("▶ TalentLoop", "BrightSignal")
            #expect(try mouseFlags(t) == "0 0 0", "\(flag) \(config ?? "")")
            try t.keys("q")
            try t.waitFor("EXIT=0")
        }
    }
}
