import Foundation
import Testing
@testable import CockpitUI
import MetricsCore

/// The mouse as messages to `update` (issue 14): a click selects what is drawn under it, a double
/// click opens it as Enter, the wheel scrolls; a click on nothing does nothing and says nothing.
@Suite struct MouseTests {
    static func click(_ x: Int, _ y: Int, on s: inout AppState) -> [Effect] {
        Cockpit.perform(s.update(.mouse(MouseEvent(.press, x: x, y: y))), on: &s)
    }
    static func doubleClick(_ x: Int, _ y: Int, on s: inout AppState) -> [Effect] {
        Cockpit.perform(s.update(.mouse(MouseEvent(.doubleClick, x: x, y: y))), on: &s)
    }
    static func wheel(_ kind: MouseEvent.Kind, on s: inout AppState, times: Int = 1) {
        for _ in 0..<times { _ = Cockpit.perform(s.update(.mouse(MouseEvent(kind, x: 40, y: 10))), on: &s) }
    }

    /// A synthetic client with many deals: its largest stage's list is longer than the screen.
    static func longDealList() -> AppState {
        let file = EngagementWriter.write(DemoPortfolio.synthetic(deals: 1500, anchor: Cockpit.asOf))
            .withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "synthetic.json") }
        var s = Cockpit.state(files: [file])
        _ = Cockpit.press([.enter, .char("f")], on: &s)
        let funnel = s.reviews[0]!.funnel
        let biggest = funnel.indices.max { funnel[$0].count < funnel[$1].count }!
        _ = Cockpit.press(Array(repeating: .down, count: biggest) + [.enter], on: &s)
        return s
    }

    /// At 80×24 the portfolio's rows start on line 3 (header line 0, title 1, column titles 2):
    /// a click on line 5 selects the third client, drawn selected there.
    @Test func aClickOnTheThirdPortfolioRowSelectsIt() {
        var s = Cockpit.state()
        #expect(Self.click(10, 5, on: &s).isEmpty)
        #expect(s.top.selection == 2 && s.currentClient == s.portfolioOrder[2] && s.status == nil && s.stack.count == 1)
        let lines = CockpitView.render(s, glyphs: .unicode).trimmedLines
        #expect(lines[5].hasPrefix("▶ Ledgerly"), "\(lines[5])")
        #expect(s.entries[s.portfolioOrder[2]].name == "Ledgerly")
    }

    @Test func aDoubleClickOpensTheRowAsEnter() {
        var s = Cockpit.state()
        _ = Self.doubleClick(10, 5, on: &s)
        #expect(s.stack.map(\.screen) == [.portfolio, .dashboard(client: s.portfolioOrder[2])])
        #expect(s.stack[0].selection == 2)
        // On the funnel, a double click on a stage opens its deals; on a deal list, the story.
        _ = Cockpit.press([.char("f")], on: &s)
        _ = Self.doubleClick(4, 3, on: &s)
        guard case .deals(let c, .stage) = s.top.screen else { Issue.record("not on a deal list: \(s.top.screen)"); return }
        #expect(c == s.portfolioOrder[2])
        _ = Self.doubleClick(4, 3, on: &s)
        guard case .story = s.top.screen else { Issue.record("not on a story: \(s.top.screen)"); return }
        // A story has no rows to select: a double click there does nothing and says nothing.
        let story = s.stack
        _ = Self.doubleClick(4, 3, on: &s)
        #expect(s.stack == story && s.status == nil)
    }

    /// The wheel moves a long list's window 3 rows a notch, the selection kept inside it, and the
    /// screen draws that window.
    @Test func theWheelScrollsALongDealListByThreeRows() {
        var s = Self.longDealList()
        let rows = s.dealRows(for: s.top)
        let visible = Layout.list(s)!.visible
        #expect(visible == 20) // 24 lines: header, title, column titles, footer
        #expect(rows.count > visible + 6, "\(rows.count) rows")
        #expect(s.top.scroll == 0 && s.top.selection == 0)
        Self.wheel(.wheelDown, on: &s)
        #expect(s.top.scroll == 3 && s.top.selection == 3)
        var lines = CockpitView.render(s, glyphs: .unicode).trimmedLines
        #expect(lines[3].hasPrefix("▶ " + rows[3].id), "\(lines[3])")
        Self.wheel(.wheelDown, on: &s)
        #expect(s.top.scroll == 6 && s.top.selection == 6)
        _ = Self.click(4, 10, on: &s)
        #expect(s.top.selection == 6 + 7 && s.top.scroll == 6)
        Self.wheel(.wheelUp, on: &s)
        #expect(s.top.scroll == 3 && s.top.selection == 13)
        lines = CockpitView.render(s, glyphs: .unicode).trimmedLines
        #expect(lines[3].hasPrefix("  " + rows[3].id) && lines[13].hasPrefix("▶ " + rows[13].id))
        // At the end it stops at the last row.
        Self.wheel(.wheelDown, on: &s, times: rows.count)
        #expect(s.top.scroll == rows.count - visible && s.top.selection == rows.count - visible)
        lines = CockpitView.render(s, glyphs: .unicode).trimmedLines
        #expect(lines[2 + visible].hasPrefix("  " + rows[rows.count - 1].id), "\(lines[2 + visible])")
    }

    /// The header, the column titles, the space below the rows, the pane below and the footer:
    /// a click there changes nothing and says nothing.
    @Test func aClickOutsideTheRowsDoesNothing() {
        var s = Cockpit.state()
        _ = Cockpit.press([.down], on: &s)
        for (x, y) in [(5, 0), (5, 1), (5, 2), (5, 8), (5, 12), (5, 22), (79, 0)] {
            _ = Self.click(x, y, on: &s)
            _ = Self.doubleClick(x, y, on: &s)
            #expect(s.top.selection == 1 && s.stack.count == 1 && s.status == nil, "(\(x), \(y))")
        }
        // A status line stays until something happens.
        _ = Cockpit.press([.char("i")], on: &s)   // i only says where it works, on the portfolio
        let said = s.status
        _ = Self.click(5, 0, on: &s)
        #expect(said != nil && s.status == said)
    }

    /// The wheel scrolls the help 3 lines a notch (a click does nothing there) and a story.
    @Test func theWheelScrollsTheHelpAndAStory() {
        var s = Cockpit.state()
        _ = Cockpit.press([.char("?")], on: &s)
        Self.wheel(.wheelDown, on: &s)
        #expect(s.showHelp && s.helpScroll == 3)
        _ = Self.click(10, 5, on: &s)
        #expect(s.showHelp && s.helpScroll == 3 && s.top.selection == 0)
        Self.wheel(.wheelUp, on: &s, times: 2)
        #expect(s.helpScroll == 0)
        // A story longer than the screen: a deal of a KPI autopsy (its what-if makes it long).
        _ = Cockpit.press([.escape, .enter, .char("a")], on: &s)
        let autopsy = s.top
        let long = (0..<s.rowCount(autopsy)).first { i in
            var t = s
            t.top.selection = i
            _ = Cockpit.press([.enter], on: &t)
            return t.rowCount(t.top) > 3
        }
        guard let long else { Issue.record("no story longer than the screen"); return }
        s.top.selection = long
        _ = Cockpit.press([.enter], on: &s)
        guard case .story = s.top.screen else { Issue.record("not on a story"); return }
        Self.wheel(.wheelDown, on: &s)
        #expect(s.top.selection == 3)
    }

    /// While a form or a typed line is open the mouse does nothing.
    @Test func theMouseWaitsWhileTyping() {
        var s = Cockpit.state()
        _ = Cockpit.press([.char(":")], on: &s)
        _ = Self.doubleClick(10, 5, on: &s)
        Self.wheel(.wheelDown, on: &s)
        #expect(s.input == .command("") && s.top.selection == 0 && s.stack.count == 1)
    }

    /// On every screen with something to select, each line a click selects is the line drawn
    /// selected afterwards, and every row drawn can be clicked: hit-testing agrees with drawing.
    @Test func everyRowDrawnIsTheRowClicked() {
        let routes: [(String, [Key])] = [
            ("portfolio", []), ("dashboard", [.enter]), ("funnel", [.enter, .char("f")]),
            ("stage's deals", [.enter, .char("f"), .enter]), ("stalled deals", [.enter, .char("x")]),
            ("every client's stalled deals", [.char("x")]), ("KPI autopsy", [.enter, .char("a")]),
            ("KPI autopsy by month", [.enter, .char("a"), .char("m")]), ("actions", [.enter, .char("w")]),
            ("forecast", [.enter, .char("F")]),
        ]
        for size in [Size(width: 80, height: 24), Size(width: 160, height: 50)] {
            for (name, keys) in routes {
                var s = Cockpit.state(size: size)
                _ = Cockpit.press(keys, on: &s)
                // What each line selects: a row takes one line, a KPI tile four, an item of the month view its lines.
                var hits: [Int: [Int]] = [:]
                for y in 0..<size.height {
                    if let target = s.hit(x: 1, y: y) { hits[target, default: []].append(y) }
                }
                #expect(!hits.isEmpty, "\(name) at \(size): nothing to click")
                for (target, ys) in hits {
                    #expect(ys == Array(ys[0]...ys[ys.count - 1]), "\(name): \(target) on lines apart")
                    var clicked = s
                    _ = Self.click(1, ys.last!, on: &clicked)
                    #expect(clicked.top.selection == target, "\(name)")
                    let lines = CockpitView.render(clicked, glyphs: .unicode).trimmedLines
                    // An item cut by the footer (its lines reach the body's last row) scrolls up into view.
                    let cut = ys.last! == size.height - 2
                    let drawn = lines.firstIndex { $0.hasPrefix("▶") } ?? -1
                    #expect(cut ? (drawn >= 0 && drawn <= ys[0]) : drawn == ys[0],
                            "\(name) at \(size): clicked line \(ys[0]) is not drawn selected:\n\(lines.joined(separator: "\n"))")
                    #expect(lines.filter { $0.hasPrefix("▶") }.count == 1, "\(name)")
                }
                // Lists: as many lines as rows shown.
                if let list = Layout.list(s) {
                    #expect(hits.count == min(list.count, list.visible) && hits.values.allSatisfy { $0.count == 1 }, "\(name)")
                }
            }
        }
    }

    /// Dashboard KPI tiles: a click anywhere in a tile selects it; between tiles, nothing.
    @Test func aClickInAKPITileSelectsIt() {
        var s = Cockpit.state()
        _ = Cockpit.press([.enter], on: &s)
        let tiles = DashboardScreen.tiles(s.reviews[s.portfolioOrder[0]]!, in: Layout.body(s.size), glyphs: .unicode)
        #expect(tiles.count >= 4)
        _ = Self.click(tiles[3].x + 10, tiles[3].y + 2, on: &s)
        #expect(s.top.selection == 3)
        _ = Self.click(tiles[0].maxX, tiles[0].y + 1, on: &s) // the gap between two tiles
        #expect(s.top.selection == 3)
        // A double click on a tile opens the funnel, as Enter on a dashboard.
        _ = Self.doubleClick(tiles[1].x + 1, tiles[1].y, on: &s)
        #expect(s.top.screen == .funnel(client: s.portfolioOrder[0]))
    }

    /// A click on a footer hint is its key: on its keys or its label; on `[ ]` the key under it;
    /// a double click there is one press, and between hints nothing happens.
    @Test func aClickOnAFooterHintIsItsKey() {
        var s = Cockpit.state()
        let footer = CockpitView.render(s, glyphs: .unicode).trimmedLines[23]
        func column(_ text: String, in line: String) -> Int { TextWidth.of(String(line[..<line.range(of: text)!.lowerBound])) }
        _ = Self.click(column("]", in: footer), 23, on: &s)
        #expect(s.pendingDate == nil && s.date == Cockpit.asOf + 7)
        // The status line says what happened, over the hints: a click there puts the hints back
        // and acts on none (a hint is never clicked unseen); the next click is the hint's key.
        #expect(s.status != nil)
        _ = Self.click(column("week", in: footer) + 1, 23, on: &s)
        #expect(s.date == Cockpit.asOf + 7 && s.status == nil)
        _ = Self.click(column("week", in: footer) + 1, 23, on: &s) // the label: its first key, [
        #expect(s.date == Cockpit.asOf)
        s.status = nil
        _ = Self.click(column("? help", in: footer) + 3, 23, on: &s)
        let opened = s.showHelp
        #expect(opened)
        let help = CockpitView.render(s, glyphs: .unicode).trimmedLines[23]
        _ = Self.click(column("?/Esc", in: help) + 2, 23, on: &s) // the slash: the first key, ?
        let closed = !s.showHelp
        #expect(closed)
        _ = Self.doubleClick(10, 5, on: &s)
        let dashboard = CockpitView.render(s, glyphs: .unicode).trimmedLines[23]
        _ = Self.doubleClick(column("Esc back", in: dashboard), 23, on: &s)
        #expect(s.stack.count == 2 && s.status == nil)
        _ = Self.click(column("Esc back", in: dashboard), 23, on: &s)
        #expect(s.stack.count == 1)
        let gap = column("? help", in: footer) - 1
        _ = Self.click(gap, 23, on: &s)
        let nothing = s.stack.count == 1 && !s.showHelp && s.status == nil
        #expect(nothing)
    }

    /// Below 80×24 the screen only asks for a larger terminal: clicks and the wheel do nothing.
    @Test func theMouseDoesNothingOnATooSmallTerminal() {
        var s = Cockpit.state(size: Size(width: 60, height: 20))
        _ = Self.doubleClick(10, 5, on: &s)
        Self.wheel(.wheelDown, on: &s)
        _ = Self.click(2, 19, on: &s)
        #expect(s.stack.count == 1 && s.top.selection == 0 && s.status == nil && !s.showHelp)
    }

    /// Two presses on one cell within the interval are a double click; a third starts over.
    @Test func theClickTimerTellsDoubleClicks() {
        var t = ClickTimer(interval: 400)
        #expect(t.press(x: 3, y: 4, atMilliseconds: 1000) == .press)
        #expect(t.press(x: 3, y: 4, atMilliseconds: 1300) == .doubleClick)
        #expect(t.press(x: 3, y: 4, atMilliseconds: 1400) == .press)
        #expect(t.press(x: 3, y: 5, atMilliseconds: 1500) == .press)       // another cell
        #expect(t.press(x: 3, y: 5, atMilliseconds: 2000) == .press)       // too late
        #expect(t.press(x: 3, y: 5, atMilliseconds: 2400) == .doubleClick)
    }

    /// The help's last line and the README's table say what the mouse does and how to select text.
    @Test func theHelpNamesTheMouse() {
        let tall = Cockpit.screen([.char("?")], size: Size(width: 100, height: 60))
        #expect(tall.contains { $0.contains("mouse") && $0.contains("click selects a row") })
        #expect(KeyTable.markdownRows().last?.hasPrefix("| `mouse` | click selects") == true)
        #expect(KeyTable.markdownRows().last?.contains("Shift+drag selects text") == true)
    }
}
