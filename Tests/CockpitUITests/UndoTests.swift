import Foundation
import Testing
@testable import CockpitUI
import MetricsCore

/// `u`: the last saved edit taken back through the same locked, merged save.
@Suite(.serialized) struct UndoTests {
    func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func aNextStepAndAnActionAreUndoneLastFirst() throws {
        var (s, dir) = try Cockpit.writtenDemo()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Nothing saved yet: u says what it would take back.
        Cockpit.pressSaving([.char("u")], on: &s)
        #expect(s.status == "Nothing to undo: u takes back what you saved in this session (n, A, e, i, o, D, X, P, R).")
        #expect(!CockpitView.render(s, glyphs: .ascii).lines.last!.contains("u undo"))

        _ = Cockpit.press([.enter, .char("x"), .enter], on: &s)
        guard case .story(let client, let deal) = s.top.screen else { Issue.record("no story"); return }
        let path = s.entries[client].file.file, original = try text(path)
        let id = s.entries[client].index!.deals[deal].id, step = s.entries[client].index!.deals[deal].nextStep
        Cockpit.pressSaving([.char("n"), .ctrl("u")] + chars("Book the CFO call") + [.enter], on: &s)
        #expect(s.entries[client].index!.deals[deal].nextStep == "Book the CFO call")
        let afterStep = try text(path)
        // Then an action on the actions view.
        Cockpit.pressSaving([.char("w"), .char("o")] + chars("Call every champion") + [.enter], on: &s)
        #expect(s.undoStack.count == 2)
        s.status = nil
        #expect(CockpitView.render(s, glyphs: .ascii).lines.last!.contains("u undo"))   // the footer offers it now

        Cockpit.pressSaving([.char("u")], on: &s)
        // What was taken back, not "the file is as it was": it keeps the next step.
        #expect(s.status == "Undone in \((path as NSString).lastPathComponent): the action \"Call every champion\" is no longer planned. u undoes the edit before.")
        #expect(try text(path) == afterStep)
        Cockpit.pressSaving([.char("u")], on: &s)
        #expect(s.status == "Undone in \((path as NSString).lastPathComponent): the next step of \(id) is " + (step.map { "\"\($0)\" again." } ?? "empty again."))
        #expect(try text(path) == original)
        #expect(s.entries[client].index!.deals[s.entries[client].index!.dealIndex[id]!].nextStep == step)
        Cockpit.pressSaving([.char("u")], on: &s)
        #expect(s.status?.hasPrefix("Nothing to undo") == true)
    }

    @Test func someoneElsesChangeIsNotUndone() throws {
        var (s, dir) = try Cockpit.writtenDemo()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = Cockpit.press([.enter, .char("x"), .enter], on: &s)
        guard case .story(let client, let deal) = s.top.screen else { Issue.record("no story"); return }
        let path = s.entries[client].file.file, id = s.entries[client].index!.deals[deal].id
        Cockpit.pressSaving([.char("n"), .ctrl("u")] + chars("Mine") + [.enter], on: &s)
        // A colleague changes the same next step in the file.
        #expect(try EngagementFile.save(.nextStep(deal: id, base: "Mine", mine: "Theirs"), to: path) == .saved)
        Cockpit.pressSaving([.char("u")], on: &s)
        #expect(s.status == "Not undone: Theirs is now the next step, set by someone else since your save; it stays.")
        #expect(EngagementLoader.load(path: path).engagement?.deals.first { $0.id == id }?.nextStep == "Theirs")
        #expect(s.undoStack.isEmpty)
    }
}

/// `update` is pure: whether a file may be saved is found when it is read (an effect), and a
/// change on disk since is the save's to report, never a key's to look up.
@Suite(.serialized) struct WritabilityAtLoadTests {
    @Test func aKeyDoesNotAskTheDiskTheSaveDoes() throws {
        var (s, dir) = try Cockpit.writtenDemo()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = Cockpit.press([.enter, .char("x"), .enter], on: &s)
        guard case .story(let client, _) = s.top.screen else { Issue.record("no story"); return }
        let path = s.entries[client].file.file
        try FileManager.default.removeItem(atPath: path)
        _ = Cockpit.press([.char("n")], on: &s)
        #expect(s.form != nil)   // the file was writable when read
        Cockpit.pressSaving(chars(" now") + [.enter], on: &s)
        #expect(s.status == "Not saved: cannot read \(path): No such file or directory. Your text is still here; Enter tries again.")
        #expect(s.form != nil)
        // What the runtime reads now says why, and the next key says it without opening a form.
        #expect(PortfolioEntry.read(path).whyNotWritable?.hasPrefix("cannot read \(path)") == true)
    }
}

/// Below 80×24 only "enlarge the terminal" is on screen: no key acts unseen but quit.
@Suite(.serialized) struct TooSmallTests {
    @Test func keysWaitUntilTheScreenIsBigEnough() throws {
        var (s, dir) = try Cockpit.writtenDemo()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = Cockpit.press([.enter, .char("w")], on: &s)
        let path = s.entries[s.top.screen.client!].file.file
        let before = try String(contentsOfFile: path, encoding: .utf8)
        _ = s.update(.resize(Size(width: 70, height: 20)))
        Cockpit.pressSaving([.char("D"), .char("j"), .char("p"), .char("]")], on: &s)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
        #expect(s.top.screen == .actions(client: s.top.screen.client!) && s.top.selection == 0 && s.date == Cockpit.asOf)
        #expect(s.update(.key(.char("q"))) == [.quit])
        _ = s.update(.resize(Size(width: 80, height: 24)))
        Cockpit.pressSaving([.char("j")], on: &s)
        #expect(s.top.selection == 1)
    }
}
