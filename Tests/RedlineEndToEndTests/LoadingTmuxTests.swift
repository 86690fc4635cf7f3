import Foundation
import Testing

/// A large portfolio: the cockpit's first frame comes before the load ends and shows its
/// progress (issue 15); `q` while loading quits and gives the terminal back.
@Suite(.serialized, OutsideTool.tmux) struct LoadingTmuxTests {
    let redline = CommandRunner.binary.path

    /// 60,000 synthetic deals: a few seconds to load in a debug build, so the screen is seen.
    static func largeFolder() throws -> URL {
        let folder = try CommandRunner.temporaryFolder()
        let made = try CommandRunner.run(["demo", "--synthetic", "--deals", "60000", "--write", folder.path, "--as-of", "2026-11-23"])
        #expect(made.status == 0, "\(made.stderr)")
        return folder
    }

    @Test func theLoadShowsItsProgressThenThePortfolio() throws {
        let folder = try Self.largeFolder()
        let t = try TmuxSession(width: 80, height: 24, environment: ["TERM": "xterm-256color", "LANG": "C"])
        try t.run("\(redline) \(folder.path) --as-of 2026-11-23; echo EXIT=$?")
        // ASCII under LANG=C: the bar is # and . and the header says what happens.
        _ = try t.waitFor("Redline | Loading", "q quits", timeout: 20)
        // Then what the load is doing, with numbers: megabytes or deals read, or the review computed.
        var seen = ""
        for _ in 0..<400 {
            seen = try t.screen()
            if seen.contains(" MB (") || seen.contains("Reading deals: ") || seen.contains("Computing the review of 60,000 deals") { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(seen.contains(" MB (") || seen.contains("Reading deals: ") || seen.contains("Computing the review of 60,000 deals"), "\(seen)")
        #expect(seen.contains("[#") || seen.contains("[.."), "the bar in ASCII: \(seen)")
        let portfolio = try t.waitFor("Clients | weekly status, worst first", timeout: 120)
        #expect(!portfolio.contains("Loading"))
        try t.keys("q")
        _ = try t.waitFor("EXIT=0")
    }

    @Test func qWhileLoadingQuitsCleanly() throws {
        let folder = try Self.largeFolder()
        let t = try TmuxSession(width: 80, height: 24, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        try t.run("\(redline) \(folder.path) --as-of 2026-11-23; echo EXIT=$?")
        _ = try t.waitFor("Redline │ Loading", timeout: 20)
        try t.keys("q")
        let after = try t.waitFor("EXIT=0", timeout: 20)
        // The shell's screen is back: no cockpit frame left on it.
        #expect(!after.contains("q quits"))
    }

    /// Keys typed while the portfolio loads are acted on once it is loaded, in order.
    @Test func keysTypedWhileLoadingAreKept() throws {
        let folder = try Self.largeFolder()
        let t = try TmuxSession(width: 80, height: 24, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        try t.run("\(redline) \(folder.path) --as-of 2026-11-23; echo EXIT=$?")
        _ = try t.waitFor("Redline │ Loading", timeout: 20)
        try t.keys("x")
        // One client: its stalled deals, titled by its name (no Client column).
        try t.waitFor("Stalled, all clients", "Synthetic Co · stalled deals (", timeout: 120)
        try t.keys("q")
        _ = try t.waitFor("EXIT=0", timeout: 20)
    }
}
