import Foundation
import Testing
@testable import CockpitUI

/// Below 80×24 the cockpit shows only how to enlarge the terminal. There q and Ctrl-C quit,
/// except with a form open: in a form Ctrl-C asks before it discards what was typed, and that
/// question could not be seen there, so the form is kept and the screen says so.
@Suite(.serialized) struct TooSmallFormTests {
    @Test func ctrlCBelow80x24KeepsAnOpenForm() throws {
        var (s, dir) = try Cockpit.writtenDemo()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = Cockpit.press([.enter, .char("x"), .enter, .char("n")] + chars("Call the CFO"), on: &s)
        let typed = try #require(s.form).editor.text
        _ = s.update(.resize(Size(width: 70, height: 20)))
        for key in [Key.ctrl("c"), .char("q"), .escape] {
            #expect(Cockpit.press([key], on: &s).isEmpty)
            #expect(s.form?.editor.text == typed)
        }
        let lines = CockpitView.render(s, glyphs: .ascii).trimmedLines.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines[9...11] == ["Redline needs at least 80x24.", "Enlarge the terminal (now 70x20).", "A form is open: enlarge to save or close it."])
        // Enlarged: Ctrl-C in the form asks first, as it always does.
        _ = s.update(.resize(Size(width: 80, height: 24)))
        #expect(Cockpit.press([.ctrl("c")], on: &s).isEmpty)
        #expect(s.form?.confirmingDiscard == true && s.status == "Ctrl-C again discards what you typed; Enter saves it.")
        // Without a form, Ctrl-C and q quit there as anywhere.
        _ = Cockpit.press([.ctrl("c")], on: &s)
        _ = s.update(.resize(Size(width: 70, height: 20)))
        #expect(s.form == nil && Cockpit.press([.ctrl("c")], on: &s) == [.quit] && Cockpit.press([.char("q")], on: &s) == [.quit])
        #expect(CockpitView.render(s, glyphs: .ascii).trimmedLines[11].trimmingCharacters(in: .whitespaces) == "q quits.")
    }
}
