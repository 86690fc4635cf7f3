import Foundation
import Testing

/// The search of every client's deals, end to end in tmux at 80×24 under LANG=C: `/` on the
/// portfolio, a deal's name typed, Enter opens its story, Esc back to the results, Esc to the portfolio.
@Suite(.serialized, OutsideTool.tmux) struct SearchTmuxTests {
    let redline = CommandRunner.binary.path

    @Test func typeADealsNameAndOpenIt() throws {
        let dir = try CommandRunner.temporaryFolder()
        #expect(try CommandRunner.run(["demo", "--write", dir.path, "--as-of", "2026-11-23"]).status == 0)
        let t = try TmuxSession(width: 80, height: 24, environment: ["TERM": "xterm", "LANG": "C"])
        try t.run("\(redline) \(dir.path) --as-of 2026-11-23; echo EXIT=$?")
        try t.waitFor("Clients | weekly status, worst first", "/ search")
        try t.keys("/")
        try t.waitFor("Search every client's deals", "Type a deal's id or name, an account or an owner")
        try t.tmux(["send-keys", "-t", t.name, "-l", "acme systems: model"])
        let found = try t.waitFor("Search every client's deals for \"acme systems: model\"  |  1 match")
        // Columns as wide as the row shown (the amount's title reaches over the stage's).
        #expect(found.contains("> Cortexa AI D-1084 Acme Systems: Model tuning      Closed lost $90k Kenji Sato"), "\(found)")
        try t.keys("Enter")
        // The breadcrumb keeps where you are whole: the search's long query gives way at 80 columns.
        let story = try t.waitFor("Redline | ... > D-1084 ", "Stage: Closed lost on 2024-11-07")
        #expect(story.contains(" D-1084  Acme Systems: Model tuning"), "\(story)")
        try t.keys("Escape")
        try t.waitFor("1 match", "j/k move", "Esc back")
        try t.keys("Escape")
        try t.waitFor("Clients | weekly status, worst first")
        try t.keys("q")
        try t.waitFor("EXIT=0")
    }
}
