import Foundation
import Testing
@testable import CockpitUI
import MetricsCore

/// The cockpit's forecast view: three months against target, the deals behind the selected
/// month, and R records the forecast through the locked, merged save.
@Suite struct ForecastViewTests {
    /// Cortexa AI (second in the portfolio) as of 2026-11-23; figures as `redline forecast` prints them.
    @Test func threeMonthsAt80x24() {
        let lines = Cockpit.screen([.char("j"), .enter, .char("F")])
        #expect(lines[1].hasPrefix(" Cortexa AI · rolling forecast as of 2026-11-23"))
        #expect(lines[2].contains("Month") && lines[2].contains("vs target"))
        #expect(lines[3].contains("2026-11") && lines[3].contains("$311k") && lines[3].contains("$244k") && lines[3].contains("127%"))
        #expect(lines[4].contains("2026-12") && lines[4].contains("$103k") && lines[4].contains("42%"))
        #expect(lines[5].contains("2027-01") && lines[5].contains("$436k") && lines[5].contains("136%"))
        #expect(lines[7].contains("Deals behind 2026-11 (8), largest weighted first"))
        #expect(lines.contains { $0.contains("Stage win rates, 365 days") })
        // j moves to the next month's deals.
        let next = Cockpit.screen([.char("j"), .enter, .char("F"), .char("j")])
        #expect(next[7].contains("Deals behind 2026-12 (2)"))
    }

    @Test func recordIsASaveOfTheForecast() throws {
        var (s, dir) = try Cockpit.writtenDemo()
        _ = Cockpit.press([.char("j"), .enter, .char("F")], on: &s)
        let effects = s.update(.key(.char("R")))
        guard case .save(let request)? = effects.first else { Issue.record("no save: \(effects)"); return }
        #expect(request.edit == .recordForecast(asOf: Cockpit.asOf))
        _ = s.update(.saved(AppState.save(request)))
        #expect(s.status == "Recorded the forecast of 2026-11-23 (3 months) in cortexa-ai.json.")
        let text = try String(contentsOfFile: dir + "/cortexa-ai.json", encoding: .utf8)
        #expect(text.contains(#"{"month": "2026-11", "amount": 310664.29, "made_on": "2026-11-23"}"#))
        // Elsewhere R says where it works.
        var p = Cockpit.state()
        _ = p.update(.key(.char("R")))
        #expect(p.status == "R records the forecast on the forecast view (F).")
    }
}
