import Foundation
import Testing

/// The whole Monday review of the demo, replayed in tmux as a new user does it (issue 14): at
/// 80×24 with `LANG=C` (ASCII) and at 160×48 in UTF-8. On every screen it checks what that
/// review found wrong: a status word or a number cut, a breadcrumb that does not name the
/// screen, a footer without `? help`, a key that does nothing silently, an escape left over.
@Suite(.serialized, OutsideTool.tmux) struct WholeReviewTmuxTests {
    let redline = CommandRunner.binary.path

    struct Step {
        let keys: [String]
        /// Text the screen must show once the keys are sent (its title or breadcrumb).
        let shows: String
    }

    /// The review: portfolio, why, a red client's dashboard, funnel, stalled deals, a story,
    /// the KPI autopsy by quarter and month, actions, forecast, help; then the stalled deals
    /// of every client.
    func steps(ascii: Bool) -> [Step] {
        let crumb = ascii ? " > " : " › "
        return [
            Step(keys: [], shows: "Clients"),
            Step(keys: ["y"], shows: "Monday review (2026-W48)"),
            Step(keys: ["y", "Enter"], shows: "Portfolio\(crumb)TalentLoop"),
            Step(keys: ["f"], shows: "pipeline funnel"),
            Step(keys: ["x"], shows: "stalled"),
            Step(keys: ["Enter"], shows: "Stage history"),
            Step(keys: ["Escape", "Escape", "a"], shows: "KPI autopsy"),
            Step(keys: ["m"], shows: "KPI autopsy by month"),
            Step(keys: ["m", "w"], shows: "actions"),
            Step(keys: ["F"], shows: "rolling forecast"),
            Step(keys: ["?"], shows: "Keys"),
            Step(keys: ["j", "j", "j"], shows: "Keys"),
            Step(keys: ["?", "p", "x"], shows: "Stalled deals"),
        ]
    }

    func replay(width: Int, height: Int, lang: String) throws {
        let ascii = lang == "C"
        let t = try TmuxSession(width: width, height: height, environment: ["TERM": "xterm-256color", "LANG": lang])
        try t.run("\(redline) --as-of 2026-11-23; echo EXIT=$?")
        let cut = ascii ? "..." : "…"
        for step in steps(ascii: ascii) {
            for key in step.keys { try t.keys(key) }
            let screen = try t.waitFor(step.shows)
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let context = "after \(step.keys) at \(width)x\(height) LANG=\(lang):\n\(screen)"
            // No escape sequence or control character left on screen.
            #expect(!screen.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(context)")
            // Status words and their glyphs whole.
            for word in ["gree" + cut, "yell" + cut, "STAL" + cut, "emergency meet" + cut] {
                #expect(!screen.contains(word), "\(word) \(context)")
            }
            // Every screen's footer (the last line) offers the help, or the help says how to close.
            let footer = lines.last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
            #expect(footer.contains("? help") || footer.contains("? or Esc") || screen.contains("? or Esc closes"), "\(context)")
            // ASCII under LANG=C: no Unicode glyph at all.
            if ascii { #expect(screen.unicodeScalars.allSatisfy { $0.isASCII }, "\(context)") }
        }
        // A key that means nothing here says so instead of doing nothing.
        try t.keys("z")
        try t.waitFor("z does nothing")
        try t.keys("q")
        try t.waitFor("EXIT=0")
    }

    @Test func at80x24InTheCLocale() throws { try replay(width: 80, height: 24, lang: "C") }

    @Test func at160x48InUTF8() throws { try replay(width: 160, height: 48, lang: "C.UTF-8") }
}
