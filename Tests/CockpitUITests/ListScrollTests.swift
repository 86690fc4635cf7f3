import Testing
@testable import CockpitUI
import MetricsCore

/// Lists keep their selected row drawn, as ratatui's `TableState` does: moving down a row at a
/// time, the selection walks to the last row drawn, and only past it does the list scroll, a row
/// a key; a page moves to the last row drawn. (`Layout.listRows` was one row short on the deal
/// lists, the actions and the KPI autopsy: the last row drawn was never selected by keys.)
@Suite struct ListScrollTests {
    /// 1,500 synthetic deals and 40 actions planned this week, as `clients` clients.
    static func longLists(size: Size = Size(width: 80, height: 24), clients: Int = 1) -> AppState {
        var engagement = DemoPortfolio.synthetic(deals: 1500, anchor: Cockpit.asOf)
        engagement.actions = (1...40).map { Action(week: Cockpit.asOf.isoWeek, status: "planned", text: "Action number \($0)") }
        let bytes = EngagementWriter.write(engagement)
        let files = (1...clients).map { n in bytes.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "synthetic-\(n).json") } }
        return Cockpit.state(size: size, files: files)
    }

    /// Walks the list on top down a row at a time from its first row: at each step the pointer is
    /// on the row's line, the first row drawn is the one a minimal scroll shows, and the rows
    /// drawn are `visible`, from line `first`.
    static func walk(_ s: inout AppState, first: Int, visible: Int, steps: Int, row: (AppState, Int) -> String,
                     _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(s.top.selection == 0, sourceLocation: sourceLocation)
        for selection in 0..<steps {
            if selection > 0 { _ = Cockpit.press([.down], on: &s) }
            let lines = CockpitView.render(s, glyphs: .unicode).trimmedLines
            let shownFirst = max(0, selection - visible + 1)
            let line = first + selection - shownFirst
            #expect(s.top.selection == selection, sourceLocation: sourceLocation)
            #expect(lines[line].hasPrefix("▶") && lines[line].contains(row(s, selection)),
                    "\(name): row \(selection) not drawn selected on line \(line):\n\(lines.joined(separator: "\n"))", sourceLocation: sourceLocation)
            #expect(lines[first].contains(row(s, shownFirst)), "\(name): row \(selection) selected, line \(first) is not row \(shownFirst): \(lines[first])", sourceLocation: sourceLocation)
            #expect(lines.filter { $0.hasPrefix("▶") }.count == 1, sourceLocation: sourceLocation)
            // The rows drawn: `visible` of them, from line `first`.
            #expect(lines[first + visible - 1].contains(row(s, shownFirst + visible - 1)), "\(name): line \(first + visible - 1)", sourceLocation: sourceLocation)
        }
        // A page from the first row goes to the last row drawn, without scrolling; the next page
        // puts the row a page further (or the last) on that same line.
        _ = Cockpit.press([.char("g"), .pageDown], on: &s)
        #expect(s.top.selection == visible - 1 && Layout.list(s)?.scroll == 0, "\(name): a page went to \(s.top.selection)", sourceLocation: sourceLocation)
        _ = Cockpit.press([.pageDown], on: &s)
        let lines = CockpitView.render(s, glyphs: .unicode).trimmedLines
        #expect(s.top.selection == min(2 * (visible - 1), s.rowCount(s.top) - 1) && lines[first + visible - 1].hasPrefix("▶"), "\(name)", sourceLocation: sourceLocation)
        _ = Cockpit.press([.char("g")], on: &s)
    }

    static func dealID(_ s: AppState, _ row: Int) -> String { s.dealRows(for: s.top)[row].id }

    /// A long deal list at 80×24: 20 rows from line 3 (header, title, column titles above; the footer below).
    @Test func aDealListSelectsEveryRowDrawnBeforeItScrolls() {
        var s = Self.longLists(clients: 3)
        _ = Cockpit.press([.enter, .char("f")], on: &s)
        let funnel = s.reviews[0]!.funnel
        let biggest = funnel.indices.max { funnel[$0].count < funnel[$1].count }!
        _ = Cockpit.press(Array(repeating: .down, count: biggest) + [.enter], on: &s)
        #expect(s.top.screen == .deals(client: 0, scope: .stage(funnel[biggest].stageIndex)) && s.dealRows(for: s.top).count > 26)
        // The title says which of how many are shown: the first 20, and after 26 steps 7 to 26.
        let count = s.dealRows(for: s.top).count
        _ = Cockpit.press([.char("g")], on: &s)
        #expect(CockpitView.render(s, glyphs: .ascii).trimmedLines[1].contains(" deals (1-20 of \(count))  |  sorted by amount v"))
        _ = Cockpit.press(Array(repeating: .down, count: 25), on: &s)
        #expect(CockpitView.render(s, glyphs: .ascii).trimmedLines[1].contains(" deals (7-26 of \(count))"))
        _ = Cockpit.press([.char("g")], on: &s)
        Self.walk(&s, first: 3, visible: 20, steps: 26, row: Self.dealID, "a stage's deals")
        // The same with every client's stalled deals.
        _ = Cockpit.press([.char("p"), .char("x")], on: &s)
        #expect(s.top.screen == .stalledAll && s.dealRows(for: s.top).count > 26)
        Self.walk(&s, first: 3, visible: 20, steps: 26, row: Self.dealID, "stalled deals of every client")
    }

    @Test func theActionsSelectEveryRowDrawnBeforeTheyScroll() {
        var s = Self.longLists()
        _ = Cockpit.press([.enter, .char("w")], on: &s)
        #expect(s.top.screen == .actions(client: 0))
        Self.walk(&s, first: 3, visible: 20, steps: 26, row: { s, i in s.actionRows(client: 0)[i].ref.text + " " }, "actions")
    }

    /// The KPI autopsy's list has 12 rows at 80×24: the what-if and the lost reasons take the rest.
    @Test func theKPIAutopsySelectsEveryRowDrawnBeforeItScrolls() {
        var s = Self.longLists()
        _ = Cockpit.press([.enter, .char("a")], on: &s)
        #expect(s.reviews[0]!.autopsy.rows.count > 20)
        Self.walk(&s, first: 3, visible: 12, steps: 16, row: { s, i in s.reviews[0]!.autopsy.rows[i].dealID }, "KPI autopsy")
    }

    /// The search of every client's deals scrolls through its results like the other lists.
    @Test func theSearchSelectsEveryRowDrawnBeforeItScrolls() {
        var s = Self.longLists()
        _ = Cockpit.press([.char("/")] + chars("team"), on: &s)
        s.input = nil   // done typing: j k g and pages move in the results
        #expect(s.top.screen == .search && s.searchRows(for: s.top).count > 26)
        Self.walk(&s, first: 3, visible: 20, steps: 26, row: { s, i in s.searchRows(for: s.top)[i].id }, "search")
    }

    /// A terminal made smaller keeps the selected row drawn: the render scrolls to it, whatever
    /// the scroll kept from the larger size.
    @Test func aSmallerTerminalKeepsTheSelectionDrawn() {
        var s = Self.longLists(size: Size(width: 80, height: 50), clients: 3)
        _ = Cockpit.press([.char("x")] + Array(repeating: .down, count: 40), on: &s)
        _ = s.update(.resize(Size(width: 80, height: 24)))
        let lines = CockpitView.render(s, glyphs: .unicode).trimmedLines
        #expect(lines[22].hasPrefix("▶ " + Self.dealID(s, 40)), "\(lines.joined(separator: "\n"))")
        // One row up stays on the window shown, one line higher.
        _ = Cockpit.press([.up], on: &s)
        #expect(CockpitView.render(s, glyphs: .unicode).trimmedLines[21].hasPrefix("▶ " + Self.dealID(s, 39)))
    }

    /// A story's lines are laid out once, when it opens or its width changes (`StoryCache`), not
    /// on every key; its scroll stays within them, also when a taller terminal shows more of it.
    @Test func aStoryScrollsWithinItsLinesCountedOnce() {
        var s = Cockpit.state()
        _ = Cockpit.press([.enter, .char("a"), .enter], on: &s)
        guard case .story(let c, let d) = s.top.screen else { Issue.record("not on a story: \(s.top.screen)"); return }
        func count(width: Int) -> Int { StoryScreen.storyLines(s.reviews[c]!, deal: d, date: s.date, glyphs: .ascii, width: width - 2).count }
        let lines = count(width: 80)
        #expect(lines > 24 && s.storyCache?.lines == lines && s.rowCount(s.top) == lines - 21)
        _ = Cockpit.press(Array(repeating: .char("j"), count: 30), on: &s)
        #expect(s.top.selection == lines - 22)
        // Taller: fewer positions, the selection kept on the last, so k moves at once.
        _ = s.update(.resize(Size(width: 80, height: 26)))
        #expect(s.top.selection == lines - 24)
        _ = Cockpit.press([.char("k")], on: &s)
        #expect(s.top.selection == lines - 25)
        let mark = "\(lines - 24)-\(lines - 2)/\(lines - 1)"
        #expect(CockpitView.render(s, glyphs: .unicode).trimmedLines[1].hasSuffix(mark))
        // Wider: counted again at the new width.
        _ = s.update(.resize(Size(width: 120, height: 26)))
        #expect(s.storyCache?.key.width == 120 && s.storyCache?.lines == count(width: 120))
    }
}
