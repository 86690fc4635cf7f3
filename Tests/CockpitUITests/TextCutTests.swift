import Foundation
import Testing
@testable import CockpitUI
import MetricsCore

/// Try-out 3, ROUGH 6: at 80×24 a text was cut with "…" while empty rows sat below it.
@Suite struct TextCutTests {
    static func file(_ e: Engagement, _ name: String) -> LoadedFile {
        let bytes = EngagementWriter.write(e)
        return bytes.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "portfolio/\(name).json") }
    }

    static func demo(_ id: String, _ change: (inout Engagement) -> Void) -> LoadedFile {
        var e = DemoPortfolio.engagements(anchor: Cockpit.asOf).first { $0.client.id == id }!
        change(&e)
        return file(e, id)
    }

    static func lines(_ s: AppState) -> [String] { CockpitView.render(s, glyphs: .ascii).trimmedLines }

    static func longNames(_ e: inout Engagement) {
        for i in e.stages.indices where e.stages[i].outcome == nil { e.stages[i].name += " to the economic buyer and procurement" }
    }

    /// The bottleneck line takes the row left free (the moves then say the counts that are not
    /// zero), where it was cut with an empty row below it.
    @Test func theBottleneckWrapsIntoTheRowLeftFree() {
        var s = Cockpit.state(files: [Self.demo("talentloop") { Self.longNames(&$0) }])
        _ = Cockpit.press([.enter], on: &s)
        #expect(Array(Self.lines(s)[16...22]) == [
            "- This week --------------------------------------------------------------------",
            " Bottleneck: Proposal sent to the economic buyer and procurement: 2 of the 3",
            "             stalled deals, $27k at risk",
            " Done last week: none marked (w marks them)",
            " Planned: none yet (w, then o plans one)",
            " Pipeline: $755k + $71k new - $16k won - $28k lost = $782k",
            " Moves: 2 advanced, 2 pushed out, 3 stalled without moving, 11 unchanged",
        ])
    }

    /// "2 of the 3 deals stalled now" read as 2 of the stage's 3 deals, and "1 of the 1 deal".
    @Test func theBottleneckSaysWhichDealsItCounts() {
        var s = Cockpit.state()
        let northwind = s.entries.firstIndex { $0.name == "Northwind Advisory" }!
        s.stack.append(NavEntry(.dashboard(client: northwind)))
        #expect(Self.lines(s)[17] == " Bottleneck: Proposal sent: the only stalled deal, $23k at risk")
        let f = ValueFormatter(currency: "USD", glyphs: .ascii)
        #expect(DashboardScreen.bottleneck("Demo", stalled: 1, amount: 23_000, of: 3, f) == "Demo: 1 of the 3 stalled deals, $23k at risk")
        #expect(DashboardScreen.bottleneck("Demo", stalled: 4, amount: 23_000, of: 4, f) == "Demo: all 4 stalled deals, $23k at risk")
        #expect(DashboardScreen.bottleneck("Demo", stalled: 747, amount: 23_000, of: 1_357, f) == "Demo: 747 of the 1,357 stalled deals, $23k at risk")
    }

    /// Stall limits that do not fit beside the totals by name are said by their days, in the
    /// order of the stages above; one limit of every stage (a CRM import's) is said once.
    @Test func theStallLimitsFitTheirRows() {
        var s = Cockpit.state(files: [Self.demo("talentloop") { Self.longNames(&$0) }])
        _ = Cockpit.press([.enter, .char("f")], on: &s)
        #expect(Array(Self.lines(s)[7...10]) == [
            "",
            " Open: 21 deals, $782k | stalled: 3 | stall limits in the order above: 14, 21,",
            " 30, 15 d",
            "",
        ])
        s = Cockpit.state(files: [Self.demo("talentloop") { e in
            Self.longNames(&e)
            for i in e.stages.indices { e.stages[i].stallAfterDays = 30 }
        }])
        _ = Cockpit.press([.enter, .char("f")], on: &s)
        #expect(Array(Self.lines(s)[7...10]) == [
            "",
            " Open: 21 deals, $782k | stalled: 3 | stall limit: 30 d in every stage",
            "",
            "- Pipeline since last week (2026-11-16 -> 2026-11-23) --------------------------",
        ])
        // The demo's names fit: said by name, as before.
        s = Cockpit.state()
        _ = Cockpit.press([.enter, .char("f")], on: &s)
        #expect(Array(Self.lines(s)[8...9]) == [
            " Open: 21 deals, $782k | stalled: 3 | stall limits: Lead 14 d, Discovery 21 d,",
            " Proposal sent 30 d, Negotiation 15 d",
        ])
    }

    /// A portfolio of one client: its stalled deals have no Client column (the same name on
    /// every row squeezed the deals' names); the title names the client. Counts have thousands
    /// separators, as `report` writes them.
    @Test func oneClientsStalledDealsHaveNoClientColumn() {
        let e = DemoPortfolio.synthetic(deals: 12_000, anchor: Cockpit.asOf)
        var s = Cockpit.state(files: [Self.file(e, "synthetic")])
        let stalled = s.reviews[0]!.stalledDeals.count, open = s.reviews[0]!.current.snapshot.open.count
        #expect(open >= 1_000)
        _ = Cockpit.press([.enter, .char("f")], on: &s)
        #expect(Self.lines(s)[8].hasPrefix(" Open: \(grouped(open)) deals, "))
        s.stack = [s.stack[0]]
        _ = Cockpit.press([.char("x")], on: &s)
        var lines = Self.lines(s)
        lines = Self.lines(s)
        #expect(lines[1].hasPrefix(" Synthetic Co | stalled deals (1-20 of \(grouped(stalled)))"))
        #expect(lines[2].hasPrefix("  ID ") && !lines[2].contains("Client") && lines[2].contains(" Close"))
        // `s` cycles through the columns shown: never the client's.
        for _ in 0..<DealColumn.allCases.count {
            _ = Cockpit.press([.char("s")], on: &s)
            #expect(s.top.sortColumn != DealColumn.client.rawValue)
        }
        // Two clients: the column is back.
        s = Cockpit.state(files: [Self.file(e, "synthetic")] + DemoPortfolio.portfolio(anchor: Cockpit.asOf).files)
        _ = Cockpit.press([.char("x")], on: &s)
        lines = Self.lines(s)
        #expect(lines[1].hasPrefix(" Stalled deals of every client"))
        #expect(lines[2].contains(" Client ") && !lines[2].contains(" Close"))
    }
}
