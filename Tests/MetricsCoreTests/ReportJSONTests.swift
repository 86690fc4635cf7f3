import Foundation
import Testing
@testable import MetricsCore

/// `--format json` against docs/report-json.md, field by field.
@Suite struct ReportJSONTests {
    func render(_ files: [LoadedFile]) throws -> [String: Any] {
        let portfolio = Portfolio(files: files)
        let text = ReportJSON.render(portfolio, reviews: portfolio.reviews(asOf: Fixtures.asOf), asOf: Fixtures.asOf)
        return try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    }

    @Test func topLevelAndEngagement() throws {
        let json = try render([Fixtures.load(Fixtures.kpiBasic, name: "portfolio/fixture.json")])
        #expect(json["format"] as? String == "redline.report/1")
        #expect(json["as_of"] as? String == "2026-11-23")
        #expect((json["problems"] as? [Any])?.isEmpty == true)
        let e = (json["engagements"] as! [[String: Any]])[0]
        #expect(e["file"] as? String == "portfolio/fixture.json")
        #expect(e["client"] as? String == "fixture")
        #expect(e["name"] as? String == "Fixture Co")
        #expect(e["industry"] as? String == "saas")
        #expect(e["currency"] as? String == "USD")
        #expect(e["weekly_status"] as? String == "red")
        #expect(e["action"] as? String == "Emergency meeting with product & finance")
        #expect(e["dashboard"] as? [String] == ["net_new_arr", "nrr", "win_rate", "pipeline_coverage", "sales_cycle_days", "cac_payback_months"])
        #expect(e["stalled_deals"] as? [String] == ["D-5", "D-7"])
        #expect(e["slipped_deals"] as? [String] == ["D-5", "D-7", "D-10"])
        #expect((e["warnings"] as? [Any])?.isEmpty == true)
        #expect(e["data_as_of"] is NSNull)
        #expect(e["stale"] as? Bool == false)
    }

    @Test func everyKPIWithThresholdsAndLastWeek() throws {
        let e = (try render([Fixtures.load(Fixtures.kpiBasic)])["engagements"] as! [[String: Any]])[0]
        let kpis = e["kpis"] as! [[String: Any]]
        #expect(kpis.map { $0["id"] as! String } == KPIID.allCases.map(\.rawValue))
        let win = kpis[0]
        #expect(win["name"] as? String == "Win rate")
        #expect(win["value"] as? Double == 0.75)
        #expect(win["status"] as? String == "green")
        #expect(win["thresholds"] as? [String: Double] == ["green": 0.4, "red": 0.3])
        #expect(win["previous_week"] as? Double == 0.8)
        #expect(win["reason"] is NSNull)
        let nna = kpis.first { $0["id"] as? String == "net_new_arr" }!
        #expect(nna["thresholds"] as? [String: Double] == ["target": 100_000, "pace": 54.0 / 92.0])
        let top3 = kpis.first { $0["id"] as? String == "top3_concentration" }!
        #expect(top3["value"] is NSNull)
        #expect(top3["status"] as? String == "no_data")
        #expect(top3["reason"] as? String == "no account revenue for 2025-11")
        let arr = kpis.first { $0["id"] as? String == "arr" }!
        #expect(arr["thresholds"] is NSNull)
        #expect(arr["status"] as? String == "no_target")
    }

    @Test func rejectedFilesAreProblemsAndOthersStillReport() throws {
        let broken = Fixtures.load(#"{"format": "redline.engagement/1", "client": 3}"#, name: "portfolio/broken.json")
        let json = try render([broken, Fixtures.load(Fixtures.kpiBasic, name: "portfolio/ok.json")])
        #expect((json["engagements"] as! [[String: Any]]).map { $0["file"] as! String } == ["portfolio/ok.json"])
        let problems = json["problems"] as! [[String: Any]]
        #expect(problems.count == 3)
        let first = problems[0]
        #expect(first["file"] as? String == "portfolio/broken.json")
        #expect(first["line"] as? Int == 1 && first["column"] as? Int == 1)
        #expect(first["path"] as? String == "")
        #expect(first["severity"] as? String == "error")
        #expect(first["message"] as? String == "missing required key \"stages\"")
        #expect(problems[2]["path"] as? String == "client")
        #expect(problems[2]["message"] as? String == "expected an object, found the number 3")
    }

    @Test func unreadableFileHasNoPosition() throws {
        let missing = EngagementLoader.load(path: "/nonexistent/redline-test.json", displayName: "gone.json")
        let json = try render([missing])
        let p = (json["problems"] as! [[String: Any]])[0]
        #expect(p["line"] is NSNull && p["column"] is NSNull)
        #expect((p["message"] as? String)?.hasPrefix("cannot read the file") == true)
    }

    @Test func warningsAreRepeatedOnTheEngagement() throws {
        let text = Fixtures.kpiBasic.replacingOccurrences(of: #""industry": "saas""#, with: #""industry": "fintech""#)
        let json = try render([Fixtures.load(text, name: "w.json")])
        let warnings = (json["engagements"] as! [[String: Any]])[0]["warnings"] as! [[String: Any]]
        #expect(warnings.count == 1)
        #expect((json["problems"] as! [[String: Any]]).count == 1)
        #expect(warnings[0]["severity"] as? String == "warning")
        #expect(warnings[0]["path"] as? String == "client.industry")
    }
}
