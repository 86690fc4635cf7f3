import Testing
@testable import CockpitUI
import MetricsCore

/// The config names a portfolio that cannot be read: the cockpit may still show the demo, but
/// says so on the first frame and in its header for as long as it runs.
@Suite struct DemoInsteadOfPortfolioTests {
    @Test func theDemoInPlaceOfTheConfigsPortfolioIsSaidLoudly() {
        var s = Cockpit.state()
        s.showDemo(insteadOfPortfolio: "/home/me/.config/redline/config.toml:1: portfolio: no such file or folder: /home/me/clients")
        var lines = CockpitView.render(s, glyphs: .unicode).trimmedLines
        #expect(lines[0] == " Redline │ Portfolio       DEMO, not your portfolio · 2026-W48 · Mon 2026-11-23")
        // Whole, on three rows: the reason is what to fix.
        #expect(Array(lines.suffix(3)) == [
            "These are the bundled demo's fictional clients, not yours: your config's",
            "portfolio cannot be read (/home/me/.config/redline/config.toml:1: portfolio: no",
            "such file or folder: /home/me/clients).",
        ])
        // The status goes with the next key; the header stays.
        _ = Cockpit.press([.char("j")], on: &s)
        lines = CockpitView.render(s, glyphs: .unicode).trimmedLines
        #expect(s.status == nil && lines[0].hasSuffix("DEMO, not your portfolio · 2026-W48 · Mon 2026-11-23"))
        // The demo asked for (no portfolio configured) keeps its quiet word.
        #expect(CockpitView.render(Cockpit.state(), glyphs: .unicode).trimmedLines[0].hasSuffix(" demo · 2026-W48 · Mon 2026-11-23"))
    }
}
