import Testing
@testable import CockpitUI
import MetricsCore

/// Keys as messages to `update`: where they lead, what they keep.
@Suite struct UpdateTests {
    @Test func threeKeysFromStartToAStalledDealStoryOfARedClient() {
        var s = Cockpit.state()
        #expect(s.reviews[s.portfolioOrder[0]]?.weeklyStatus == .red) // worst first: a red client is selected
        _ = Cockpit.press([.enter, .char("x"), .enter], on: &s)
        guard case .story(let client, let deal) = s.top.screen else { Issue.record("not on a story: \(s.top.screen)"); return }
        #expect(s.reviews[client]?.weeklyStatus == .red)
        #expect(s.reviews[client]?.current.snapshot.isStalled[deal] == true)
        #expect(s.stack.map(\.screen) == [.portfolio, .dashboard(client: client), .deals(client: client, scope: .stalled), .story(client: client, deal: deal)])
    }

    @Test func escapeGoesBackToTheSameRow() {
        var s = Cockpit.state()
        _ = Cockpit.press([.down, .down, .enter, .char("f"), .down, .enter, .escape, .escape], on: &s)
        #expect(s.top.screen == .dashboard(client: s.portfolioOrder[2]))
        _ = Cockpit.press([.escape], on: &s)
        #expect(s.top.screen == .portfolio)
        #expect(s.top.selection == 2)
        _ = Cockpit.press([.escape], on: &s) // nothing above the portfolio
        #expect(s.stack.count == 1)
    }

    @Test func tabCyclesTheClientViewsWithoutGrowingTheStack() {
        var s = Cockpit.state()
        _ = Cockpit.press([.enter, .tab], on: &s)
        let c = s.portfolioOrder[0]
        #expect(s.top.screen == .funnel(client: c))
        _ = Cockpit.press([.tab], on: &s)
        #expect(s.top.screen == .autopsy(client: c))
        _ = Cockpit.press([.tab], on: &s)
        #expect(s.stack.map(\.screen) == [.portfolio, .dashboard(client: c), .actions(client: c)])
        _ = Cockpit.press([.tab], on: &s)
        #expect(s.stack.map(\.screen) == [.portfolio, .dashboard(client: c), .forecast(client: c)])
        _ = Cockpit.press([.tab], on: &s)
        #expect(s.stack.map(\.screen) == [.portfolio, .dashboard(client: c)])
        _ = Cockpit.press([.backTab], on: &s)
        #expect(s.stack.map(\.screen) == [.portfolio, .dashboard(client: c), .forecast(client: c)])
    }

    @Test func weekTravelRecomputesAndTodayComesBack() {
        var s = Cockpit.state()
        _ = Cockpit.press([.char("["), .char("[")], on: &s)
        #expect(s.date == Day("2026-11-09")!)
        #expect(s.reviews.compactMap { $0?.asOf } == Array(repeating: Day("2026-11-09")!, count: 5))
        #expect(s.status == "Reviewing the week of 2026-11-09 (2026-W46); t comes back.")
        let header = CockpitView.render(s, glyphs: .unicode).trimmedLines[0]
        #expect(header.hasSuffix("2026-W46 · Mon 2026-11-09 (time travel)"))
        _ = Cockpit.press([.char("]"), .char("t")], on: &s)
        #expect(s.date == Cockpit.asOf)
    }

    @Test func sortAndLiveFilter() {
        var s = Cockpit.state()
        _ = Cockpit.press([.char("x")], on: &s)
        let amounts = s.dealRows(for: s.top).map(\.amount)
        #expect(amounts == amounts.sorted(by: >))
        _ = Cockpit.press([.char("s")], on: &s)          // by days in stage
        let days = s.dealRows(for: s.top).map(\.daysInStage)
        #expect(days == days.sorted(by: >))
        _ = Cockpit.press([.char("S")], on: &s)          // reversed
        #expect(s.dealRows(for: s.top).map(\.daysInStage) == days.sorted())
        _ = Cockpit.press([.char("/")] + chars("cortexa"), on: &s)
        #expect(s.input == .filter("cortexa"))
        let filtered = s.dealRows(for: s.top)
        #expect(!filtered.isEmpty && filtered.allSatisfy { $0.clientName == "Cortexa AI" })
        _ = Cockpit.press([.backspace, .enter], on: &s)
        #expect(s.input == nil && s.top.filter == "cortex")
        _ = Cockpit.press([.char("/"), .escape], on: &s)
        #expect(s.top.filter.isEmpty)
    }

    @Test func jumpToAClientById() {
        var s = Cockpit.state()
        _ = Cockpit.press([.char(":")] + chars("ledgerly") + [.enter], on: &s)
        guard case .dashboard(let c) = s.top.screen else { Issue.record("no dashboard"); return }
        #expect(s.entries[c].index?.engagement.client.id == "ledgerly")
        _ = Cockpit.press([.char(":")] + chars("nope") + [.enter], on: &s)
        #expect(s.status == "No client \"nope\". Clients: brightsignal, cortexa-ai, ledgerly, northwind-advisory, talentloop")
    }

    /// The header names the client on every view of it, however it was opened: `w` `F` `a` `f`
    /// on the portfolio once showed `Portfolio › Actions` with no client.
    @Test func theBreadcrumbNamesTheClientOfEveryView() {
        let size = Size(width: 120, height: 40)
        for (key, crumb) in [("w", "Actions"), ("F", "Forecast"), ("a", "KPI autopsy"), ("f", "Funnel")] {
            let fromPortfolio = Cockpit.screen([.char(Character(key))], size: size)[0]
            #expect(fromPortfolio.hasPrefix(" Redline │ Portfolio › TalentLoop › \(crumb)  "), "\(fromPortfolio)")
            #expect(fromPortfolio == Cockpit.screen([.enter, .char(Character(key))], size: size)[0])
        }
        // Further in, once: a stage's deals and a story from the funnel opened on the portfolio.
        #expect(Cockpit.screen([.char("f"), .enter, .enter], size: size)[0].hasPrefix(" Redline │ Portfolio › TalentLoop › Funnel › Lead › D-"))
        // Tab from there keeps the name; at 80 columns the places nearest the top stay whole.
        #expect(Cockpit.screen([.char("a"), .tab], size: size)[0].hasPrefix(" Redline │ Portfolio › TalentLoop › Actions  "))
        #expect(Cockpit.screen([.char("a")])[0].hasPrefix(" Redline │ … › TalentLoop › KPI autopsy  "))
        // A story from every client's stalled deals names its client itself.
        #expect(Cockpit.screen([.char("x"), .enter], size: size)[0].hasPrefix(" Redline │ Portfolio › Stalled, all clients › D-"))
    }

    @Test func quitHelpAndThemes() {
        var s = Cockpit.state()
        #expect(Cockpit.press([.char("?")], on: &s).isEmpty && s.showHelp)
        _ = Cockpit.press([.escape], on: &s)
        #expect(!s.showHelp)
        s.themes = [.plain, Theme(name: "other", roles: [:])]
        _ = Cockpit.press([.char("c")], on: &s)
        #expect(s.theme.name == "other" && s.status == "Theme: other")
        #expect(Cockpit.press([.char("q")], on: &s) == [.quit])
        #expect(Cockpit.press([.ctrl("c")], on: &s) == [.quit])
    }

    @Test func selectionStaysInRangeAndScrolls() {
        var s = Cockpit.state()
        _ = Cockpit.press([.char("G")], on: &s)
        #expect(s.top.selection == 4)
        _ = Cockpit.press([.down, .down], on: &s)
        #expect(s.top.selection == 4)
        _ = Cockpit.press([.char("g")], on: &s)
        #expect(s.top.selection == 0)
        // A long list scrolls to keep the selection visible.
        _ = Cockpit.press([.enter, .char("a")], on: &s)
        _ = Cockpit.press(Array(repeating: .down, count: 20), on: &s)
        let rows = s.topUnit.visibleRows(s.size)
        #expect(s.top.selection == 20)
        #expect(s.top.scroll == 20 - rows + 1)
    }

    @Test func aRejectedFileIsARowWithItsError() {
        let broken = #"{"format": "redline.engagement/1",}"#.utf8.withContiguousStorageIfAvailable { EngagementLoader.load(bytes: $0, file: "portfolio/broken.json") }!
        var s = Cockpit.state(files: [broken] + DemoPortfolio.portfolio(anchor: Cockpit.asOf).files)
        let lines = CockpitView.render(s, glyphs: .unicode).trimmedLines
        // The row names the file, the pane its path; the error, which no row has room for, is
        // said whole in the pane below (not cut to "1:34 not JSON:…").
        #expect(lines[2] == "  Client             Status   vs last week    Stalled Marked Planned Autopsies")
        #expect(lines[3] == "▶ broken.json        ■ error  not loaded            —      —       —         —")
        #expect(lines[10] == "─ portfolio/broken.json: rejected ──────────────────────────────────────────────")
        #expect(lines[11] == " broken.json:1:34: error: not JSON: trailing comma before '}'")
        _ = Cockpit.press([.enter], on: &s)
        #expect(s.top.screen == .portfolio)
        #expect(s.status == "portfolio/broken.json was rejected: `redline check` lists its problems.")
    }

    /// Rejected files of a folder with a long path (try-out 3, ROUGH 6): each row names its
    /// file, where the path cut them all to "/tmp/tryout3/hostile/ba…"; the selected one's
    /// problems wrap in the pane below, where they were cut beside empty rows; problems beyond
    /// the pane say how to list them all.
    @Test func rejectedFilesAreNamedAndTheirProblemsWrapped() {
        func load(_ text: String, _ name: String) -> LoadedFile {
            Array(text.utf8).withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "/tmp/tryout3/hostile/" + name) }
        }
        let many = #"""
        {"format": "redline.engagement/1", "client": {"id": 5, "industry": "bogus", "currency": "dollars"}, "stages": [{"id": "o", "probability": 3}],
         "deals": [{"id": "d1", "amount": "x", "created": "2026-13-01", "stage_history": 4}, {"id": "d1", "amount": -5}]}
        """#
        let files = [load(#"{"format": "redline.engagement/1", "deals": ["#, "truncated.json"), load(many, "many-problems.json")]
        var s = Cockpit.state(files: files + DemoPortfolio.portfolio(anchor: Cockpit.asOf).files)
        var lines = CockpitView.render(s, glyphs: .ascii).trimmedLines
        #expect(Array(lines[2...4]) == [
            "  Client             Status   vs last week    Stalled Marked Planned Autopsies",
            "> many-problems.json ! error  not loaded            -      -       -         -",
            "  truncated.json     ! error  not loaded            -      -       -         -",
        ])
        // Ten rows: the problems that fit whole, then how to read them all.
        #expect(Array(lines[11...21]) == [
            "- /tmp/tryout3/hostile/many-problems.json: rejected ----------------------------",
            " 5 x error: missing required key: \"name\", \"created\", \"stage_history\" (line 1,",
            "  line 2)",
            " many-problems.json:1:53: error: client.id: expected a non-empty string id,",
            "  found the number 5",
            " many-problems.json:1:111: error: stages: exactly one stage must have",
            "  \"outcome\": \"won\", found 0",
            " many-problems.json:1:111: error: stages: at least one stage must have",
            "  \"outcome\": \"lost\", found none",
            " and 5 more: redline check many-problems.json lists every problem",
            "",
        ])
        _ = Cockpit.press([.down], on: &s)
        lines = CockpitView.render(s, glyphs: .ascii).trimmedLines
        #expect(Array(lines[11...13]) == [
            "- /tmp/tryout3/hostile/truncated.json: rejected --------------------------------",
            " truncated.json:1:46: error: not JSON: the JSON ends too early: expected a",
            "  value",
        ])
    }

    /// The longest change in words ("worse, was yellow") is never cut at 80 columns: the stalled
    /// column's blank cells go first (its title reaches over the change's), then a long client
    /// name (it was "worse, was ye…" one week ahead of the demo of 2026-11-30, beside 7 cells
    /// for one digit).
    @Test func theStatusChangeIsNeverCut() {
        let anchor = Day("2026-11-30")!
        var s = AppState(entries: DemoPortfolio.portfolio(anchor: anchor).files.map(PortfolioEntry.init), anchor: anchor, themes: [.plain],
                         size: Size(width: 80, height: 24))
        _ = Cockpit.press([.char("]")], on: &s)
        let lines = CockpitView.render(s, glyphs: .ascii).trimmedLines
        #expect(lines[2] == "  Client             Status    vs last week Stalled Marked Planned Autopsies")
        #expect(lines.contains("  BrightSignal       - no data worse, was yellow  5    0/3       0     23/23"))
        #expect(lines.contains("  Northwind Advisory ~ yellow  same               1      -       0       3/8"))
    }

    @Test func hostileNamesAreDrawnStripped() {
        let text = #"{"format": "redline.engagement/1", "client": {"id": "x", "name": "Evil\u001b]0;pwned\u0007 Co\u001b[2J", "industry": "saas"}, "stages": [{"id": "o", "probability": 0.5}, {"id": "w", "outcome": "won"}, {"id": "l", "outcome": "lost"}], "deals": []}"#
        let file = Array(text.utf8).withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "evil.json") }
        let s = Cockpit.state(files: [file])
        let buffer = CockpitView.render(s, glyphs: .unicode)
        #expect(buffer.trimmedLines[3].hasPrefix("▶ Evil Co "))
        #expect(!buffer.cells.contains { $0.text.unicodeScalars.contains("\u{1B}") || $0.text.unicodeScalars.contains("\u{07}") })
    }
}

/// Files changed on disk: reloaded in place, or the last good version kept.
@Suite struct ReloadTests {
    @Test func aChangedFileIsReloadedKeepingThePlace() throws {
        var s = Cockpit.state()
        _ = Cockpit.press([.enter, .char("x")], on: &s)
        let client = s.portfolioOrder[0]
        let stack = s.stack.map(\.screen)
        var e = s.entries[client].index!.engagement
        e.actions.append(Action(week: Cockpit.asOf.isoWeek, status: "planned", text: "New one"))
        let bytes = EngagementWriter.write(e)
        let file = bytes.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: s.entries[client].file.file) }
        _ = s.update(.reloaded(index: client, file: file))
        #expect(s.stack.map(\.screen) == stack)
        #expect(s.status == "talentloop.json changed on disk, reloaded: 1 action(s)")
        #expect(s.reviews[client]?.actionsThisWeek.map(\.text).last == "New one")
    }

    @Test func aFileThatBecameInvalidKeepsTheLastGoodVersion() {
        var s = Cockpit.state()
        let client = s.portfolioOrder[0]
        let broken = Array(#"{"format": "redline.engagement/1",}"#.utf8).withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "demo/cortexa-ai.json") }
        _ = s.update(.reloaded(index: client, file: broken))
        #expect(s.entries[client].index != nil)
        #expect(s.reviews[client] != nil)
        #expect(s.status == "cortexa-ai.json changed and has errors: 1:34 not JSON: trailing comma before '}'; showing the last good version")
    }
}
