import Foundation
import Testing

/// The forecast in the cockpit, end to end in tmux on the written demo: open a client's
/// forecast, record it, quit, reopen: the three entries are in the file, `git diff` shows only
/// them, and recording again the same day changes nothing.
@Suite(.serialized, OutsideTool.tmux) struct ForecastTmuxTests {
    let redline = CommandRunner.binary.path

    func git(_ dir: URL, _ args: String...) throws -> String {
        let out = dir.path + ".git.out"
        let status = try spawnAndWait(["git", "-C", dir.path, "-c", "user.name=Redline Test", "-c", "user.email=test@redline.invalid"] + args, output: out)
        let text = String(decoding: FileManager.default.contents(atPath: out) ?? Data(), as: UTF8.self)
        #expect(status == 0, "git \(args): \(text)")
        return text
    }

    func openForecast(_ t: TmuxSession, _ dir: URL) throws {
        try t.run("\(redline) \(dir.path) --as-of 2026-11-23; echo EXIT=$?")
        try t.waitFor("Clients · weekly status, worst first")
        try t.keys(":")
        try t.tmux(["send-keys", "-t", t.name, "-l", "cortexa-ai"])
        try t.keys("Enter")
        try t.waitFor("Portfolio › Cortexa AI")
        try t.keys("F")
        try t.waitFor("Cortexa AI · rolling forecast as of 2026-11-23", "Deals behind 2026-11 (8)")
    }

    @Test func recordQuitReopen() throws {
        let dir = try CommandRunner.temporaryFolder()
        #expect(try CommandRunner.run(["demo", "--write", dir.path, "--as-of", "2026-11-23"]).status == 0)
        _ = try git(dir, "init", "-q")
        _ = try git(dir, "add", ".")
        _ = try git(dir, "commit", "-q", "-m", "demo")

        let t = try TmuxSession(width: 100, height: 30, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        try openForecast(t, dir)
        try t.keys("R")
        try t.waitFor("Recorded the forecast of 2026-11-23 (3 months) in cortexa-ai.json.")
        try t.keys("q")
        try t.waitFor("EXIT=0")

        #expect(try git(dir, "diff", "--name-only") == "cortexa-ai.json\n")
        let diff = try git(dir, "diff", "-U0").split(separator: "\n").map(String.init)
        let removed = diff.filter { $0.hasPrefix("-") && !$0.hasPrefix("---") }.map { $0.dropFirst().trimmingCharacters(in: .whitespaces) }
        let added = diff.filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }.map { $0.dropFirst().trimmingCharacters(in: .whitespaces) }
        #expect(removed == [#"{"month": "2026-11", "amount": 181000, "made_on": "2026-10-29"}"#])
        #expect(added == [#"{"month": "2026-11", "amount": 181000, "made_on": "2026-10-29"},"#,
                          #"{"month": "2026-11", "amount": 310664.29, "made_on": "2026-11-23"},"#,
                          #"{"month": "2026-12", "amount": 103000, "made_on": "2026-11-23"},"#,
                          #"{"month": "2027-01", "amount": 435666.67, "made_on": "2026-11-23"}"#])

        // Reopen: recording again the same day writes nothing.
        let recorded = try Data(contentsOf: dir.appendingPathComponent("cortexa-ai.json"))
        try openForecast(t, dir)
        try t.keys("R")
        try t.waitFor("Nothing to save: the file already says that.")
        try t.keys("q")
        try t.waitFor("EXIT=0")
        #expect(try Data(contentsOf: dir.appendingPathComponent("cortexa-ai.json")) == recorded)
    }
}
