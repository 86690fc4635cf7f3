import Foundation
import Testing
@testable import CockpitUI
import MetricsCore

/// The key table is the one source of the keys: `update` dispatches through it, and the help,
/// the footers and README.md's key table are made from it (issue 14: the cockpit never misleads).
@Suite struct KeyTableTests {
    /// Keys from the start that reach each kind of screen in the demo.
    static let routes: [ScreenKind: [Key]] = [
        .portfolio: [], .dashboard: [.enter], .funnel: [.enter, .char("f")], .deals: [.enter, .char("f"), .enter],
        .stalledAll: [.char("x")], .story: [.enter, .char("x"), .enter], .autopsy: [.enter, .char("a")],
        .autopsyMonth: [.enter, .char("a"), .char("m")], .actions: [.enter, .char("w")], .forecast: [.enter, .char("F")],
        .search: [.char("/"), .enter],
    ]

    static func state(on kind: ScreenKind, size: Size = Size(width: 80, height: 24)) -> AppState {
        var s = Cockpit.state(size: size)
        _ = Cockpit.press(routes[kind]!, on: &s)
        s.status = nil
        return s
    }

    /// The key a token of the keys shown stands for (`PgDn`, `j`, `Esc`): tokens and keys go in step.
    static func key(_ token: Substring) -> (KeyBinding, Key)? {
        for entry in KeyTable.entries {
            if let i = entry.shown.split(separator: " ").firstIndex(of: token) { return (entry, entry.keys[i]) }
        }
        return nil
    }

    /// The tokens of a footer hint's keys: `[ ]`, `s/S`, `?/Esc`.
    static func tokens(_ keys: String) -> [Substring] { keys.split { $0 == " " || $0 == "/" } }

    @Test func everyScreenKindIsReached() {
        for kind in ScreenKind.allCases { #expect(Self.state(on: kind).screenKind == kind, "\(kind)") }
    }

    /// Each key is in one entry, and every key the terminal decodes other than characters has one.
    @Test func everyKeyIsBoundOnce() {
        let keys = KeyTable.entries.flatMap(\.keys)
        #expect(Set(keys).count == keys.count)
        let special: [Key] = [.enter, .escape, .tab, .backTab, .backspace, .up, .down, .left, .right, .pageUp, .pageDown, .home, .end]
        for key in special { #expect(KeyTable.binding(for: key) != nil, "\(key)") }
        #expect(Set(KeyTable.entries.map(\.action)).count == KeyTable.entries.count)
        for entry in KeyTable.entries { #expect(entry.shown.split(separator: " ").count == entry.keys.count, "\(entry.shown)") }
    }

    /// On a screen where a key does not apply, the status line says why and nothing else changes.
    @Test func aKeyWhereItDoesNotApplySaysWhy() {
        let cases: [(ScreenKind, Key, String)] = [
            (.dashboard, .char("/"), "/ filters deal lists (open a stage, or x) and searches every client's deals on the portfolio (p)."),
            (.portfolio, .char("i"), "i sets an improvement target: on a client's dashboard (d), on the KPI selected with j/k."),
            (.funnel, .char("R"), "R records the forecast on the forecast view (F)."),
            (.portfolio, .char("e"), "e writes an autopsy: on the KPI autopsy view (a) or a deal's story."),
            (.portfolio, .escape, "The portfolio is the first screen: nothing to go back to; q quits."),
            (.story, .enter, "Enter opens a client, stage or deal: nothing opens from here; Esc goes back."),
            (.stalledAll, .char("x"), "These are the stalled deals of every client already; Esc goes back."),
            (.stalledAll, .char("d"), "d needs a client: select one on the portfolio (p), or open a deal here (Enter)."),
            (.autopsy, .char(">"), "< > move a month in the KPI autopsy by month (a, then m)."),
            (.portfolio, .tab, "Tab moves between a client's views (dashboard, funnel, KPI autopsy, actions, forecast): d f a w F open one."),
            (.dashboard, .char("s"), "s sorts deal lists: open a stage (Enter in the funnel) or x."),
            (.dashboard, .char("D"), "D marks an action done on the actions view (w)."),
            (.portfolio, .char("p"), "The portfolio is on screen already."),
        ]
        for (kind, key, why) in cases {
            var s = Self.state(on: kind)
            let before = s.stack
            let effects = s.update(.key(key))
            #expect(effects.isEmpty && s.stack == before && s.form == nil && s.input == nil, "\(key) on \(kind)")
            #expect(s.status == why, "\(key) on \(kind)")
        }
    }

    /// Every key of the table on every screen: where it does not apply it says why and changes
    /// nothing; where it applies it never answers with that why.
    @Test func everyKeyActsOrSaysWhyOnEveryScreen() {
        for kind in ScreenKind.allCases {
            let start = Self.state(on: kind)
            let whys = Set(KeyTable.entries.compactMap { $0.whyNot(on: kind) })
            for entry in KeyTable.entries {
                for key in entry.keys {
                    var s = start
                    let effects = s.update(.key(key))
                    if let why = entry.whyNot(on: kind) {
                        #expect(s.status == why && effects.isEmpty && s.stack == start.stack, "\(key) on \(kind)")
                    } else {
                        #expect(s.status.map { !whys.contains($0) } ?? true, "\(key) on \(kind): \(s.status ?? "")")
                    }
                }
            }
        }
    }

    @Test func aKeyOfNoEntrySaysSo() {
        var s = Cockpit.state()
        _ = s.update(.key(.char("z")))
        #expect(s.status == "z does nothing: ? lists every key.")
        _ = s.update(.key(.ctrl("x")))
        #expect(s.status == "Ctrl-X does nothing: ? lists every key.")
        _ = s.update(.key(.char("j")))
        #expect(s.status == nil && s.top.selection == 1)
    }

    /// The help at 80×24 shows as many rows as fit, then scrolls: j k, pages, g G; other keys say
    /// how to close it; `?` and Esc close it, q quits.
    @Test func theHelpScrollsAt80x24() {
        let size = Size(width: 80, height: 24)
        var s = Cockpit.state(size: size)
        _ = Cockpit.press([.char("?")], on: &s)
        let visible = HelpOverlay.visibleRows(size)
        #expect(visible == Layout.body(size).height - 3)
        #expect(HelpOverlay.rows(boxWidth: HelpOverlay.boxWidth(Layout.body(size))).count > visible)
        _ = Cockpit.press([.char("j"), .down], on: &s)
        #expect(s.helpScroll == 2)
        _ = Cockpit.press([.pageDown], on: &s)
        #expect(s.helpScroll == min(2 + visible - 1, HelpOverlay.maxScroll(size)))
        _ = Cockpit.press([.char("G")], on: &s)
        #expect(s.helpScroll == HelpOverlay.maxScroll(size))
        _ = Cockpit.press([.char("j")], on: &s)
        #expect(s.helpScroll == HelpOverlay.maxScroll(size))
        _ = Cockpit.press([.char("k"), .home], on: &s)
        #expect(s.helpScroll == 0)
        _ = Cockpit.press([.char("d")], on: &s)
        #expect(s.showHelp && s.top.screen == .portfolio && s.status == "The help is open: ? or Esc closes it.")
        _ = Cockpit.press([.escape], on: &s)
        #expect(!s.showHelp && s.top.screen == .portfolio)
        _ = Cockpit.press([.char("?"), .char("G"), .char("?"), .char("?")], on: &s)
        #expect(s.showHelp && s.helpScroll == 0) // opens at the top again
        #expect(Cockpit.press([.char("q")], on: &s) == [.quit])
    }

    /// Scrolled through, the help shows every entry of the table, keys and text, with either glyph set.
    @Test func everyEntryAppearsInTheHelpWhenScrolledThrough() {
        for glyphs in [UIGlyphs.unicode, .ascii] {
            var s = Cockpit.state()
            _ = Cockpit.press([.char("?")], on: &s)
            var seen = CockpitView.render(s, glyphs: glyphs).trimmedLines
            while s.helpScroll < HelpOverlay.maxScroll(s.size) {
                _ = Cockpit.press([.char("j")], on: &s)
                seen += CockpitView.render(s, glyphs: glyphs).trimmedLines
            }
            for entry in KeyTable.entries {
                let key = TextWidth.pad(glyphs.text.text(entry.shown), to: HelpOverlay.keyWidth)
                #expect(seen.contains { $0.contains(key + "  " + glyphs.text.text(entry.help)) }, "\(entry.shown): \(entry.help)")
            }
        }
    }

    /// "more ↓" while rows are hidden below, "more ↑" while above (ASCII: v ^); none when all fit.
    @Test func theHelpSaysWhereRowsAreHidden() {
        for (glyphs, down, up) in [(UIGlyphs.unicode, "more ↓", "more ↑"), (.ascii, "more v", "more ^")] {
            var s = Cockpit.state()
            _ = Cockpit.press([.char("?")], on: &s)
            var lines = CockpitView.render(s, glyphs: glyphs).trimmedLines
            #expect(lines[22].hasSuffix(down) && lines[22].contains("? or Esc closes this help") && !lines[1].contains(up))
            _ = Cockpit.press([.char("G")], on: &s)
            lines = CockpitView.render(s, glyphs: glyphs).trimmedLines
            #expect(!lines[22].contains(down) && lines[1].contains(up))
            _ = Cockpit.press([.pageUp], on: &s)
            lines = CockpitView.render(s, glyphs: glyphs).trimmedLines
            #expect(lines[22].contains(down) == (s.helpScroll + HelpOverlay.visibleRows(s.size) < HelpOverlay.rows(boxWidth: HelpOverlay.boxWidth(Layout.body(s.size))).count))
        }
        let tall = Cockpit.screen([.char("?")], size: Size(width: 100, height: 60))
        #expect(tall.contains { $0.contains("? or Esc closes this help") } && !tall.contains { $0.contains("more ↓") || $0.contains("more ↑") || $0.contains("· j k scroll") })
        for entry in KeyTable.entries { #expect(tall.contains { $0.contains(entry.help) }, "\(entry.shown)") }
    }

    /// In a narrow box a help text wraps onto more rows, word by word, none lost; with either
    /// glyph set the rows are the same (so is the scroll).
    @Test func aLongHelpTextWrapsNeverCut() {
        let rows = HelpOverlay.rows(boxWidth: 44)
        for (i, entry) in KeyTable.entries.enumerated() {
            let mine = rows.filter { $0.entry == i }
            #expect(mine.first?.isFirst == true && mine.dropFirst().allSatisfy { !$0.isFirst })
            #expect(mine.map(\.text).joined(separator: " ") == entry.help)
            for row in mine { #expect(TextWidth.of(Glyphs.ascii.text(row.text)) <= HelpOverlay.textWidth(boxWidth: 44), "\(row.text)") }
        }
        #expect(rows.count > KeyTable.entries.count)
    }

    /// Each screen's footer is the key table's hints for it: keys that work there, the tail
    /// (`Esc back` or `q quit`, `? help`) on every screen, and all of them where space is free.
    @Test func footersComeFromTheKeyTable() {
        for kind in ScreenKind.allCases {
            let (lead, tail) = KeyTable.hints(on: kind)
            // Every key a hint names works there.
            for (keys, _) in lead + tail {
                for token in Self.tokens(keys) {
                    guard let (entry, _) = Self.key(token) else { Issue.record("\(token) is no key"); continue }
                    #expect(entry.applies(on: kind), "\(token) hinted on \(kind)")
                }
            }
            #expect(tail.map(\.0) == (kind == .portfolio ? ["?", "q"] : ["Esc", "?"]), "\(kind)")
            for width in [80, 200] {
                let s = Self.state(on: kind, size: Size(width: width, height: 40))
                let footer = CockpitView.render(s, glyphs: .unicode).trimmedLines.last!
                let drawn = footer.components(separatedBy: "  ").filter { !$0.isEmpty }.map { $0.trimmingCharacters(in: .whitespaces) }
                let all = (lead + tail).map { "\($0.0) \($0.1)" }
                // In table order of priority, the tail last; at 200 columns nothing is left out.
                #expect(drawn.allSatisfy(all.contains) && drawn == all.filter(drawn.contains), "\(kind) at \(width): \(footer)")
                #expect(footer.hasSuffix(all.suffix(tail.count).joined(separator: "  ")), "\(kind) at \(width): \(footer)")
                if width == 200 { #expect(drawn == all, "\(kind): \(footer)") }
            }
        }
    }

    /// Under the help, the footer names the keys the help takes; each does something there.
    @Test func theHelpFooterNamesItsKeys() {
        let footer = Cockpit.screen([.char("?")]).last!
        #expect(footer == KeyTable.helpHints.map { "\($0.keys) \($0.label)" }.joined(separator: "  "))
        for hint in KeyTable.helpHints {
            for token in Self.tokens(hint.keys) {
                guard let (_, key) = Self.key(token) else { Issue.record("\(token) is no key"); continue }
                var s = Cockpit.state()
                _ = Cockpit.press([.char("?"), .pageDown], on: &s)
                let effects = s.update(.key(key))
                #expect(s.status == nil && (effects == [.quit] || s.helpScroll != HelpOverlay.visibleRows(s.size) - 1 || !s.showHelp), "\(token)")
            }
        }
    }

    /// README.md's key table is the key table: rows between `| key | does |` (and its rule) and the
    /// end of that table.
    @Test func theReadmeKeyTableIsTheKeyTable() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")
        let lines = try String(contentsOf: readme, encoding: .utf8).components(separatedBy: "\n")
        guard let header = lines.firstIndex(of: "| key | does |") else { Issue.record("README.md has no `| key | does |` table"); return }
        #expect(lines[header + 1] == "| --- | --- |")
        let rows = Array(lines[(header + 2)...].prefix { $0.hasPrefix("|") })
        let want = KeyTable.markdownRows()
        if rows != want {
            Issue.record("README.md's key table differs from KeyTable; its rows should be:\n\(want.joined(separator: "\n"))")
        }
    }
}
