import Testing
@testable import MetricsCore

/// `--format csv`: RFC 4180 fields, plain numbers, and no cell a spreadsheet would run as a formula.
@Suite struct CSVReportTests {
    @Test func textCellsAreSanitizedQuotedAndNeverFormulas() {
        #expect(csvText("Acme Corp") == "Acme Corp")
        #expect(csvText("Acme, Inc.") == "\"Acme, Inc.\"")
        #expect(csvText(#"The "big" one"#) == #""The ""big"" one""#)
        // OWASP: a leading = + - @ is shown as text with an apostrophe.
        #expect(csvText(#"=HYPERLINK("http://evil.example","x")"#) == #""'=HYPERLINK(""http://evil.example"",""x"")""#)
        #expect(csvText("+1 555") == "'+1 555" && csvText("-5") == "'-5" && csvText("@SUM(A1)") == "'@SUM(A1)")
        // Controls go first, so an escape cannot hide a leading `=`; a tab becomes a space.
        #expect(csvText("\u{1B}[2J=1+1") == "'=1+1")
        #expect(csvText("a\tb\nc") == "a b c")
        #expect(csvText(" edge ") == "\" edge \"")
    }

    @Test func numbersArePlain() {
        #expect(csvNumber(nil) == "" && csvNumber(.nan) == "" && csvNumber(.infinity) == "")
        #expect(csvNumber(1_234_567) == "1234567" && csvNumber(-0.096) == "-0.096" && csvNumber(0.75) == "0.75")
        // No exponent, whatever the size: Swift writes these as 1.5e-05 and 1e+16.
        #expect(csvNumber(0.000015) == "0.000015" && csvNumber(-1.25e-7) == "-0.000000125")
        #expect(csvNumber(1e16) == "10000000000000000" && csvNumber(1.5e17) == "150000000000000000")
        #expect(Double(csvNumber(2.0 / 3)) == 2.0 / 3)   // exact: the JSON report's shortest form
    }

    /// The kpi-fixture of docs/kpi-fixture.md, its six saas dashboard KPIs.
    @Test func oneRowPerDashboardKPI() {
        let p = Portfolio(files: [Fixtures.load(Fixtures.kpiBasic)])
        let csv = ReportCSV.render(p, reviews: p.reviews(asOf: Fixtures.asOf), asOf: Fixtures.asOf)
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 8 && lines.last == "")   // header, six rows, the final newline
        #expect(lines[0] == "client,name,kpi,value,unit,status,green,red,previous_week,as_of")
        #expect(lines[3] == "fixture,Fixture Co,win_rate,0.75,ratio,green,0.4,0.3,0.8,2026-11-23")
        // Net new ARR is paced: green = target × pace = 100,000 × 54/92, red = 0.8 of it; value 30,000 (kpi-fixture.md).
        let pace = 54.0 / 92.0
        #expect(lines[1].hasPrefix("fixture,Fixture Co,net_new_arr,30000,USD,red,\(csvNumber(100_000 * pace)),\(csvNumber(0.8 * 100_000 * pace)),"))
        #expect(lines.dropFirst().dropLast().map { $0.split(separator: ",", omittingEmptySubsequences: false)[2] }
                == ["net_new_arr", "nrr", "win_rate", "pipeline_coverage", "sales_cycle_days", "cac_payback_months"])
    }
}
