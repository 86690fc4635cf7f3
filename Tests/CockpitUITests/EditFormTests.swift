import Foundation
import Testing
@testable import CockpitUI
import MetricsCore

@Suite struct LineEditorTests {
    @Test func typingMovingAndDeleting() {
        var e = LineEditor("next step")
        #expect(e.cursor == 9 && !e.isChanged)
        e.wordLeft()
        #expect(e.cursor == 5)
        e.insert("big ")
        #expect(e.text == "next big step")
        e.home(); e.delete(); e.insert("N")
        #expect(e.text == "Next big step")
        e.end(); e.deleteWordBackward()
        #expect(e.text == "Next big ")
        e.backspace(); e.left(); e.right(); e.wordLeft(); e.wordRight()
        #expect(e.cursor == 8 && e.isChanged)
    }

    @Test func bracketedPasteIsTypedNeverRun() {
        var e = LineEditor("Next: ")
        let handled = e.handle(.paste("Call the CFO\nthen q\tlegal"))
        #expect(handled)
        #expect(e.text == "Next: Call the CFO then q legal")
        var s = Cockpit.state()
        let before = s.stack
        let effects = s.update(.key(.paste("q\nx")))
        #expect(effects.isEmpty)                                               // not a quit, not a key
        #expect(s.stack == before && s.status == "Pasted text goes into forms and filters only; it was not run as keys.")
        _ = Cockpit.press([.enter, .char("x"), .char("/")], on: &s)
        _ = s.update(.key(.paste("D-10\n")))
        #expect(s.top.filter == "D-10 " && s.input == .filter("D-10 "))
    }

    @Test func pasteAndWideCharacters() {
        var e = LineEditor()
        e.insert("Call 名前 back\nabout\tthe \u{1B}[31mPOV")
        // The whole escape sequence goes, not only its ESC (a pasted colour code left "[31m").
        #expect(e.text == "Call 名前 back about the POV")
        #expect(LineEditor("Send \u{1B}[31mRED\u{1B}[0m \u{1B}]52;c;cHduZWQ=\u{07}proposal").text == "Send RED proposal")
        var b = Buffer(size: Size(width: 12, height: 1))
        e.render(in: Rect(x: 0, y: 0, width: 12, height: 1), into: &b)
        #expect(b.lines[0].hasSuffix("POV "))                 // scrolled so the cursor (at the end) shows
        #expect(b[11, 0].style.reverse)
        e.home()
        var c = Buffer(size: Size(width: 12, height: 1))
        e.render(in: Rect(x: 0, y: 0, width: 12, height: 1), into: &c)
        #expect(c.lines == ["Call 名前 ba"])                  // 5 + 4 + 1 + 2 cells
        #expect(c[0, 0].style.reverse)                       // the cursor cell
    }
}

extension LineEditorTests {
    @Test func marksTypedAfterTheirBaseJoinItsCluster() {
        var e = LineEditor()
        for key in ["ก", "\u{E34}", "น", " ", "น", "\u{E49}", "\u{E33}"] { _ = e.handle(.char(Character(key))) }
        #expect(e.text == "กิน น้ำ" && e.characters.count == 4 && e.cursor == 4)
        e.left(); e.backspace()                                   // the space before "น้ำ"
        #expect(e.text == "กินน้ำ" && e.cursor == 2)
        e.home(); e.right(); _ = e.handle(.char("\u{E48}"))      // a tone mark typed after "กิ"
        #expect(e.text == "กิ่นน้ำ" && e.cursor == 1 && e.characters.count == 3)
        var b = Buffer(size: Size(width: 8, height: 1))
        e.render(in: b.area, into: &b)
        #expect(b.lines == ["กิ่นน้ำ    "] && b[1, 0].style.reverse)  // the cursor on "น", the cell after "กิ่"
    }
}

/// The cockpit's edit forms: open, type, save through the file's lock, or cancel with a confirmation.
@Suite(.serialized) struct EditFormTests {
    func writtenDemo() throws -> (AppState, String) { try Cockpit.writtenDemo() }

    @Test func nextStepIsTypedAndSaved() throws {
        var (s, _) = try writtenDemo()
        _ = Cockpit.press([.enter, .char("x"), .enter], on: &s)
        guard case .story(let client, let deal) = s.top.screen else { Issue.record("no story"); return }
        _ = Cockpit.press([.char("n"), .ctrl("a"), .ctrl("d")], on: &s)       // opens with the current text
        #expect(s.form?.purpose == .nextStep(deal: s.entries[client].index!.deals[deal].id))
        _ = Cockpit.press(chars("Book the CFO call") + [.ctrl("e")], on: &s)
        #expect(s.form?.editor.text.hasPrefix("Book the CFO call") == true)
        let effects = s.update(.key(.enter))
        guard case .save(let request) = effects.first else { Issue.record("no save: \(effects)"); return }
        guard case .nextStep(let id, _, let text) = request.edit else { Issue.record("not a next step: \(request.edit)"); return }
        #expect(id == s.entries[client].index!.deals[deal].id)
        _ = s.update(.saved(AppState.save(request)))
        #expect(s.form == nil)
        #expect(s.status == "Saved to \((request.path as NSString).lastPathComponent).")
        #expect(s.entries[client].index!.deals[deal].nextStep == text)
        #expect(s.top.screen == .story(client: client, deal: deal))   // still where the user was
    }

    @Test func stallAcknowledgementFromTheStory() throws {
        var (s, _) = try writtenDemo()
        _ = Cockpit.press([.enter, .char("x"), .enter], on: &s)
        guard case .story(let client, let deal) = s.top.screen else { return }
        _ = Cockpit.press([.char("A")] + chars("CFO back on Monday"), on: &s)
        #expect(s.form?.purpose == .stallNote(deal: s.entries[client].index!.deals[deal].id, until: Cockpit.asOf + 14))
        #expect(s.form?.fields.map(\.label) == ["Until", "Note"] && s.form?.fields[0].text == "2026-12-07" && s.form?.focus == 1)
        let effects = Cockpit.press([.enter], on: &s)
        // The save is an effect the runtime runs; until it reports, the form waits.
        #expect(s.form?.saving == true)
        guard case .save(let request) = effects.first else { Issue.record("no save"); return }
        _ = s.update(.saved(AppState.save(request)))
        let d = s.entries[client].index!.deals[deal]
        #expect(d.stallAck?.until == Cockpit.asOf + 14 && d.stallAck?.note?.hasSuffix("CFO back on Monday") == true)
        #expect(s.reviews[client]!.current.snapshot.isStalled[deal] == false)
    }

    @Test func theAcknowledgementDateIsChosenAndChecked() throws {
        var (s, _) = try writtenDemo()
        _ = Cockpit.press([.enter, .char("x"), .enter], on: &s)
        guard case .story(let client, let deal) = s.top.screen else { return }
        _ = Cockpit.press([.char("A"), .ctrl("u")] + chars("Board on 3 Dec") + [.backTab, .ctrl("u")] + chars("2026-11-20") + [.enter], on: &s)
        #expect(s.status == "Until: 2026-11-20 is not after the review date 2026-11-23." && s.form?.focus == 0)
        _ = Cockpit.press([.ctrl("u")] + chars("2026-12-04"), on: &s)
        Cockpit.pressSaving([.enter], on: &s)
        let ack = s.entries[client].index!.deals[deal].stallAck
        #expect(s.form == nil && ack?.until == Day("2026-12-04") && ack?.note == "Board on 3 Dec")
        // Opened again: the running acknowledgement's date and note.
        _ = Cockpit.press([.char("A")], on: &s)
        #expect(s.form?.fields[0].text == "2026-12-04" && s.form?.fields[1].text == "Board on 3 Dec")
    }

    @Test func escapeAsksBeforeDiscardingAndTheDemoIsReadOnly() throws {
        var (s, _) = try writtenDemo()
        _ = Cockpit.press([.enter, .char("x"), .enter, .char("n")] + chars("x"), on: &s)
        _ = Cockpit.press([.escape], on: &s)
        #expect(s.form != nil && s.status == "Esc again discards what you typed; Enter saves it.")
        _ = Cockpit.press([.escape], on: &s)
        #expect(s.form == nil)
        var demo = Cockpit.state()
        _ = Cockpit.press([.enter, .char("x"), .enter, .char("n")], on: &demo)
        #expect(demo.form == nil)
        #expect(demo.status == "The demo is read-only: `redline demo --write DIR`, then `redline DIR`, to edit.")
        s.readOnly = true
        _ = Cockpit.press([.char("n")], on: &s)
        #expect(s.form == nil && s.status == "Read-only (--read-only): editing keys do nothing.")
        #expect(CockpitView.render(s, glyphs: .unicode).trimmedLines[0].hasSuffix("read-only · 2026-W48 · Mon 2026-11-23"))
    }

    /// In a form Ctrl-C is Esc (a new user lost typed text to it): with something typed it asks
    /// first, a second Ctrl-C (or Esc) discards it and closes the form, and the cockpit does not
    /// quit; a form with nothing typed closes at once; outside forms Ctrl-C still quits.
    @Test func ctrlCInAFormAsksFirstAndNeverQuits() throws {
        var (s, _) = try writtenDemo()
        _ = Cockpit.press([.enter, .char("x"), .enter, .char("n"), .ctrl("u")] + chars("q?"), on: &s)
        #expect(Cockpit.press([.ctrl("c")], on: &s).isEmpty)
        #expect(s.form?.fields[0].text == "q?")
        let asked = CockpitView.render(s, glyphs: .unicode).trimmedLines
        #expect(asked[22] == "Ctrl-C again discards what you typed; Enter saves it.", "\(asked[22])")
        #expect(asked[23].hasPrefix("Next step: q?"), "\(asked[23])")
        #expect(Cockpit.press([.ctrl("c")], on: &s).isEmpty)
        #expect(s.form == nil && s.status == "Discarded what you typed; q quits.")
        if case .story = s.top.screen {} else { Issue.record("left the story: \(s.top.screen)") }
        // Esc then Ctrl-C (or the reverse): the second discards, whichever key it is.
        _ = Cockpit.press([.char("n"), .char("!"), .escape], on: &s)
        #expect(s.status == "Esc again discards what you typed; Enter saves it.")
        #expect(Cockpit.press([.ctrl("c")], on: &s).isEmpty && s.form == nil)
        // Nothing typed: the form closes at once, and says how to quit.
        _ = Cockpit.press([.char("n")], on: &s)
        #expect(Cockpit.press([.ctrl("c")], on: &s).isEmpty && s.form == nil)
        #expect(CockpitView.render(s, glyphs: .unicode).trimmedLines[23] == "Closed the form; q quits.")
        // Outside forms it quits, as ever.
        #expect(Cockpit.press([.ctrl("c")], on: &s) == [.quit])
    }

    /// The bundled demo is known as such at load: even when its display path names a real,
    /// writable file (`redline` started beside a `demo/` folder), nothing opens or saves.
    @Test func theBundledDemoIsNeverWritableEvenWhenItsPathExists() throws {
        let (written, dir) = try writtenDemo()
        var demo = DemoPortfolio.portfolio(anchor: Cockpit.asOf).files
        // Point the demo's names at the written copies: a path that exists and can be written.
        for i in demo.indices { demo[i].file = dir + "/" + (demo[i].file as NSString).lastPathComponent }
        var s = Cockpit.state(files: demo)
        let before = try String(contentsOfFile: demo[0].file, encoding: .utf8)
        let c = s.portfolioOrder[1]
        _ = Cockpit.press([.down, .enter, .char("a"), .char("e")], on: &s)
        #expect(s.form == nil)
        #expect(s.status == "The demo is read-only: `redline demo --write DIR`, then `redline DIR`, to edit.")
        _ = Cockpit.press([.char("w"), .char("o")], on: &s)
        #expect(s.form == nil && s.whyNotEditable(c) != nil)
        #expect(try String(contentsOfFile: demo[0].file, encoding: .utf8) == before)
        #expect(written.whyNotEditable(c) == nil)   // the same files, loaded as files, are editable
    }

    @Test func aFailedSaveKeepsTheText() throws {
        var (s, dir) = try writtenDemo()
        _ = Cockpit.press([.enter, .char("x"), .enter, .char("n")] + chars(" and more"), on: &s)
        let effects = s.update(.key(.enter))
        guard case .save(let request) = effects.first else { return }
        // Someone removed the file meanwhile.
        try FileManager.default.removeItem(atPath: request.path)
        _ = s.update(.saved(AppState.save(request)))
        #expect(s.form?.editor.text.hasSuffix(" and more") == true)
        #expect(s.form?.saving == false)
        #expect(s.status?.hasPrefix("Not saved: cannot read \(dir)") == true)
    }

    /// Keys typed while the save runs are acted on once it ends, in order: `q` right after Enter quits then.
    @Test func keysTypedDuringASaveAreActedOnAfterIt() throws {
        var (s, _) = try writtenDemo()
        _ = Cockpit.press([.enter, .char("x"), .enter, .char("n"), .ctrl("u")] + chars("Call back"), on: &s)
        guard case .save(let request) = s.update(.key(.enter)).first else { Issue.record("no save"); return }
        #expect(s.update(.key(.char("q"))) == [])
        #expect(s.form?.editor.text == "Call back")   // the text sent is the text shown
        let effects = s.update(.saved(AppState.save(request)))
        #expect(s.form == nil)
        #expect(effects.contains(.quit))
    }

    /// At 80 columns a failed save's reason and "your text is kept" take two rows above the form.
    @Test func aLongReasonTakesTwoRows() throws {
        var (s, _) = try writtenDemo()
        _ = Cockpit.press([.enter, .char("x"), .enter, .char("n"), .ctrl("u")] + chars("Keep me"), on: &s)
        _ = s.update(.key(.enter))
        _ = s.update(.saved(.failed(client: 0, message: "the disk is full (or your quota is used up); cortexa-ai.json is unchanged")))
        let lines = CockpitView.render(s, glyphs: .unicode).trimmedLines
        #expect(lines[21] == "Not saved: the disk is full (or your quota is used up); cortexa-ai.json is")
        #expect(lines[22] == "unchanged. Your text is still here; Enter tries again.")
        #expect(lines[23].hasPrefix("Next step: Keep me"))
    }
}
