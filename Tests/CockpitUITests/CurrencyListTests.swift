import Testing
@testable import CockpitUI
import MetricsCore

/// Money in its own currency: a list that mixes clients never orders euros against dollars.
@Suite struct CurrencyListTests {
    /// The demo with Cortexa AI counting in euros: its 3 stalled deals are EUR, the 6 others USD.
    func mixedState() -> AppState {
        let asOf = Cockpit.asOf
        let files = DemoPortfolio.engagements(anchor: asOf).map { e -> LoadedFile in
            var e = e
            if e.client.id == "cortexa-ai" { e.client.currency = "EUR" }
            let bytes = EngagementWriter.write(e)
            return bytes.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "\(e.client.id).json") }
        }
        return Cockpit.state(size: Size(width: 160, height: 48), files: files)
    }

    @Test func theAllClientsStalledListIsGroupedByCurrency() {
        var s = mixedState()
        _ = Cockpit.press([.char("x")], on: &s)
        let rows = s.dealRows(for: s.top)
        #expect(rows.map(\.currency) == Array(repeating: "USD", count: 6) + Array(repeating: "EUR", count: 3))
        // Within each currency, largest value at risk first.
        for c in ["USD", "EUR"] {
            let amounts = rows.filter { $0.currency == c }.map(\.amount)
            #expect(amounts == amounts.sorted(by: >))
        }
        let title = CockpitView.render(s, glyphs: .unicode).trimmedLines[1]
        #expect(title.contains("by currency: USD, EUR (not converted)"), "\(title)")
    }

    @Test func oneCurrencyIsOneList() {
        var s = Cockpit.state(size: Size(width: 160, height: 48))
        _ = Cockpit.press([.char("x")], on: &s)
        let rows = s.dealRows(for: s.top)
        #expect(rows.map(\.amount) == rows.map(\.amount).sorted(by: >))
        #expect(!CockpitView.render(s, glyphs: .unicode).trimmedLines[1].contains("by currency"))
    }

    @Test func kpiNamesUseTheEngagementsCurrency() {
        let velocity = KPICatalog.definition(.pipelineVelocity)
        #expect(velocity.name == "Pipeline velocity ($/day)")
        #expect(velocity.name(in: "USD") == "Pipeline velocity ($/day)")
        #expect(velocity.name(in: "EUR") == "Pipeline velocity (€/day)")
        #expect(velocity.name(in: "CHF") == "Pipeline velocity (CHF/day)")
        #expect(KPICatalog.definition(.winRate).name(in: "EUR") == "Win rate")
        // No KPI label of a euro client's screens names the dollar.
        var s = Cockpit.state(size: Size(width: 160, height: 48))
        let bright = s.portfolioOrder.firstIndex { s.entries[$0].name == "BrightSignal" }!
        _ = Cockpit.press(Array(repeating: .char("j"), count: bright) + [.enter], on: &s)
        let screen = CockpitView.render(s, glyphs: .unicode).trimmedLines.joined(separator: "\n")
        #expect(screen.contains("Pipeline velocity (€/day)") && !screen.contains("$"), "\(screen)")
    }
}
