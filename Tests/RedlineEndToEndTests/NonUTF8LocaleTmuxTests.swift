import Foundation
import Testing

/// Typing beyond ASCII under LANG=C (tryout 3, bug 2): tmux, like a terminal on a shared SSH box,
/// sends UTF-8 whatever the locale. The cockpit reads it as UTF-8: "é" is typed as é, stored as
/// typed and drawn in ASCII (`e`, `??` for a CJK character); a byte that is not UTF-8 is dropped
/// alone; the keys after it (Tab, Enter) are never lost.
@Suite(.serialized, OutsideTool.tmux) struct NonUTF8LocaleTmuxTests {
    let redline = CommandRunner.binary.path

    func start(_ dir: URL, locale: String = "C") throws -> TmuxSession {
        #expect(try CommandRunner.run(["demo", "--write", dir.path, "--as-of", "2026-11-23"]).status == 0)
        let t = try TmuxSession(width: 80, height: 24, environment: ["TERM": "xterm", "LANG": locale, "LC_ALL": locale])
        try t.run("\(redline) \(dir.path) --as-of 2026-11-23; echo EXIT=$?")
        try t.waitFor(locale == "C" ? "Clients | weekly status, worst first" : "Clients · weekly status, worst first", "/ search")
        return t
    }

    /// The search finds Chloé Martin's deals only with the é ("chloe" finds none): the é typed
    /// is the é stored. Keys typed 0.3 s after it, and after a stray byte, all arrive.
    @Test func theSearchGetsTheAccentAndTheKeysAfterIt() throws {
        let t = try start(try CommandRunner.temporaryFolder())
        try t.keys("/")
        try t.waitFor("Search every client's deals")
        try t.type("chloe")
        try t.waitFor("Search every client's deals for \"chloe\"  |  0 matches")
        try t.keys("BSpace")
        try t.type("é")
        Thread.sleep(forTimeInterval: 0.3)
        try t.type(" m")
        try t.tmux(["send-keys", "-t", t.name, "-H", "ff"])
        try t.type("a")
        // Drawn in ASCII, found with the accent.
        let found = try t.waitFor("Search every client's deals for \"chloe ma\"  |  52 matches")
        #expect(found.contains("Chloe Martin"), "\(found)")
        // A character cut off (its first byte only), then Backspace, Enter: both keys.
        try t.tmux(["send-keys", "-t", t.name, "-H", "c3"])
        try t.keys("BSpace", "BSpace", "BSpace")
        try t.waitFor("Search every client's deals for \"chloe\"  |  52 matches")
        try t.keys("Enter")
        try t.waitFor("Stage history")
        try t.keys("Escape", "Escape", "q")
        try t.waitFor("EXIT=0")
    }

    /// The action pasted (bracketed) and typed with accents, a dash and Japanese, then Tab and
    /// Enter: saved whole, as typed; shown in ASCII. The same under a UTF-8 locale, shown as typed.
    @Test(arguments: ["C", "C.UTF-8"]) func aFormSavesPastedAndTypedAccentsWhole(locale: String) throws {
        let dir = try CommandRunner.temporaryFolder()
        let t = try start(dir, locale: locale)
        try t.keys(":")
        try t.type("northwind-advisory")
        try t.keys("Enter")
        try t.waitFor(locale == "C" ? "Portfolio > Northwind Advisory" : "Portfolio › Northwind Advisory")
        try t.keys("w", "o")
        try t.waitFor("Plan an action for 2026-W48")
        try t.tmux(["set-buffer", "-b", "p", "Call Société Générale about the café deal"])
        try t.tmux(["paste-buffer", "-p", "-b", "p", "-t", t.name])
        try t.type(" – 日本")
        try t.tmux(["send-keys", "-t", t.name, "-H", "ff"])
        try t.type(" ok")
        try t.keys("Tab", "Enter")
        let saved = try t.waitFor("Saved: 1 of 3 actions planned for 2026-W48.")
        let row = locale == "C" ? "this  1 ~ planned  Call Societe Generale about the cafe...  -    Jordan Blake" : "this  1 ▲ planned  Call Société Générale about the café de… —    Jordan Blake"
        #expect(saved.contains(row), "\(saved)")
        try t.keys("q")
        try t.waitFor("EXIT=0")
        let text = String(decoding: try Data(contentsOf: dir.appendingPathComponent("northwind-advisory.json")), as: UTF8.self)
        #expect(text.contains(#""text": "Call Société Générale about the café deal – 日本 ok""#))
    }
}
