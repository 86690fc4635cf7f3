import Foundation
import Testing
@testable import MetricsCore

/// The board pack's JSON document (docs/board-pack.md) and its text, on the fixture of
/// `BoardPackTests` (figures worked there).
@Suite struct BoardPackRenderTests {
    static func render(asOf: String, _ body: (Portfolio, [BoardPack?], QuarterLabel, Day) -> String) -> String {
        let p = Portfolio(files: [LoadedFile(file: "p/c.json", engagement: BoardPackTests.fixture(), problems: [])])
        let label = QuarterLabel("2026-Q4")!, day = Day(asOf)!
        return body(p, [BoardPack(index: EngagementIndex(p.files[0].engagement!), quarter: label.quarter(startMonth: 1), asOf: day)], label, day)
    }

    @Test func theJSONDocument() throws {
        let text = Self.render(asOf: "2027-01-15") { BoardPackJSON.render($0, packs: $1, quarter: $2, asOf: $3) }
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        #expect(json["format"] as? String == "redline.boardpack/1" && json["quarter"] as? String == "2026-Q4" && json["as_of"] as? String == "2027-01-15")
        let c = (json["clients"] as! [[String: Any]])[0]
        #expect(c["file"] as? String == "p/c.json" && c["client"] as? String == "c" && c["currency"] as? String == "USD")
        let q = c["quarter"] as! [String: Any]
        #expect(q["id"] as? String == "2026-Q4" && q["from"] as? String == "2026-10-01" && q["to"] as? String == "2026-12-31")
        #expect(q["judged_on"] as? String == "2026-12-31" && q["complete"] as? Bool == true && q["previous_end"] as? String == "2026-09-30")
        #expect(q["compared_on"] as? String == "2026-09-30")
        let win = (c["kpis"] as! [[String: Any]]).first { $0["id"] as? String == "win_rate" }!
        // Improvement target of 2026-Q4: judged against goal 0.625 and baseline 0.5 (the weekly report's thresholds form).
        #expect(win["value"] as? Double == 0.75 && win["status"] as? String == "green" && win["change"] as? Double == 0.25)
        #expect((win["thresholds"] as? [String: Any])?["green"] as? Double == 0.625)
        #expect((win["previous_quarter"] as? [String: Any])?["value"] as? Double == 0.5)
        let bookings = c["bookings"] as! [String: Any]
        #expect(bookings["won"] as? Double == 100_000 && bookings["deals"] as? Int == 3 && bookings["target"] as? Double == 120_000)
        let months = c["months"] as! [[String: Any]]
        #expect(months.map { $0["month"] as! String } == ["2026-10", "2026-11", "2026-12"])
        #expect(months[1]["forecast"] as? Double == 40_000 && months[1]["made_on"] as? String == "2026-11-10" && months[1]["accuracy"] as? Double == 0.8)
        #expect(months[2]["forecast"] is NSNull && months[2]["actual"] as? Double == 20_000)
        #expect((c["largest_wins"] as! [[String: Any]]).map { $0["deal"] as! String } == ["W2", "W1", "W3"])
        #expect((c["largest_wins"] as! [[String: Any]])[0]["lost_reason"] == nil)
        #expect((c["largest_losses"] as! [[String: Any]])[0]["lost_reason"] as? String == "price")
        let improvements = c["improvements"] as! [[String: Any]]
        #expect(improvements.map { $0["kpi"] as! String } == ["win_rate", "avg_deal_size"])
        #expect(improvements.map { $0["result"] as! String } == ["met", "missed"])
        #expect(improvements[1]["baseline"] as? Double == 40_000 && improvements[1]["goal"] as? Double == 60_000)
        let autopsy = c["autopsy"] as! [String: Any]
        #expect(autopsy["changes"] as? [String: Int] == ["done": 1, "open": 0, "overdue": 1])
        let changes = autopsy["systemic_changes"] as! [[String: Any]]
        #expect(changes.map { $0["deal"] as! String } == ["O1", "L1"] && changes[1]["state"] as? String == "overdue")
        #expect(changes[1]["systemic_change"] as? String == "Name the budget owner at discovery" && changes[1]["due"] as? String == "2026-12-01")
        let next = c["next_quarter_coverage"] as! [String: Any]
        #expect(next["value"] as? Double == 0.75 && (next["previous_quarter"] as? [String: Any])?["value"] as? Double == 0.875)
        #expect((c["retention"] as! [[String: Any]]).map { $0["id"] as! String } == ["nrr", "grr", "logo_retention"])
        let waterfall = c["waterfall"] as! [String: Any]
        #expect(waterfall["from"] as? String == "2026-09-30" && waterfall["start_amount"] as? Double == 105_000 && waterfall["end_amount"] as? Double == 75_000)
    }

    @Test func theTextPack() {
        let text = Self.render(asOf: "2026-11-20") { BoardPackText.render($0, packs: $1, quarter: $2, asOf: $3, glyphs: .unicode) }
        #expect(text.hasPrefix("Quarterly board pack, 2026-Q4 (review date 2026-11-20)\n\nC (saas)  "))
        #expect(text.contains("\n2026-Q4 (2026-10-01 … 2026-12-31), running: judged on 2026-11-20 (55% of the quarter)\n"))   // 51/92 days
        #expect(text.contains("\nBookings: $80k won in 2 deals of a $120k target (66.7%)\n"))
        #expect(text.contains("\n  2026-10  $25k (made 2026-09-28)  $30k  accuracy 83.3%\n"))
        #expect(text.contains("\n  2026-11  $40k (made 2026-11-10)  $50k  to date\n"))
        #expect(text.contains("\n  2026-12                       —     —  not begun\n"))
        // Compared like for like: 2026-11-20 is day 51 of 2026-Q4, so 2026-08-20 of 2026-Q3.
        #expect(text.contains("\n  KPI                    2026-Q3 at 2026-08-20  2026-11-20  Change       Status       Target\n"))
        // Win rate under its improvement target: 0 on 2026-08-20 (T90 from 05-23: L0 lost, W0 not yet won),
        // 0.75 now (T90 from 08-23: W0, W1, W2 won, L1 lost).
        #expect(text.contains("\n  Win rate                                0.0%       75.0%  ↑ +75.0 pts  ● green      +25% on 2026-Q4: goal 62.5%, baseline 50.0%\n"))
        #expect(text.contains("\n  W2  $50k  2026-11-05  W2\n"))
        // ADS from 08-23: (40,000 + 30,000 + 50,000) / 3 = 40,000, below the goal of 60,000: not met yet (the quarter runs).
        #expect(text.contains("\n  Win rate                 +25%       50.0%  62.5%  75.0%  ● met so far\n"))
        #expect(text.contains("\n  Average deal size (ADS)  +50%        $40k   $60k   $40k  ■ not met yet\n"))
        #expect(text.contains("\n  L1      $25k  lost  open    Jordan  2026-12-01  Name the budget owner at discovery\n"))
        // On 2026-08-20 only W1 ($30k, closing 2026-10-10) was open for 2026-Q4: $30k / $120k.
        #expect(text.contains("\nNext quarter's coverage: 2027-Q1: 0.75x  ■ red  target ≥3.00x, red <2.00x; on 2026-08-20 it was 0.25x for 2026-Q4\n"))
    }
}
