import Foundation
import Testing

/// The forecast in the cockpit, end to end in tmux on the written demo: open a client's
/// forecast, record it, quit, reopen: the three entries are in the file, `git diff` shows only
/// them, and recording again the same day changes nothing.
@Suite(.serialized, OutsideTool.tmux) struct ForecastTmuxTests {
    func openForecast(_ t: TmuxSession, _ dir: URL) throws {
        try t.openClient("cortexa-ai", named: "Cortexa AI", in: dir)
        try t.keys("F")
        try t.waitFor("Cortexa AI · rolling forecast as of 2026-11-23", "Deals behind 2026-11 (8)")
    }

    @Test func recordQuitReopen() throws {
        let repo = try DemoRepository()
        let dir = repo.dir

        let t = try TmuxSession(width: 100, height: 30, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        try openForecast(t, dir)
        try t.keys("R")
        try t.waitFor("Recorded the forecast of 2026-11-23 (3 months) in cortexa-ai.json.")
        try t.keys("q")
        try t.waitFor("EXIT=0")

        #expect(try repo.changedFiles() == "cortexa-ai.json\n")
        let lines = try repo.changedLines()
        let removed = lines.removed.map { $0.trimmingCharacters(in: .whitespaces) }, added = lines.added.map { $0.trimmingCharacters(in: .whitespaces) }
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
