import Testing
@testable import MetricsCore

/// Numbers of any size format without trapping: values beyond whole units (sums of many
/// amounts, ratios over tiny revenue) in scientific notation, infinity and NaN as "—".
@Suite struct FormattingTests {
    @Test func numbersBeyondWholeUnitsFormatInScientificNotation() {
        #expect(decimals(1e25, 0) == "1.0e25")
        #expect(decimals(-1e300, 2) == "-1.0e300")
        #expect(decimals(9.96e20, 1) == "1.0e21")
        #expect(decimals(1e15, 0) == "1,000,000,000,000,000")
        #expect(decimals(.infinity, 1) == "—")
        #expect(decimals(.nan, 1) == "—")
        let f = ValueFormatter(currency: "USD")
        #expect(f.money(1e25) == "$1.0e25")
        #expect(f.money(-2.5e300) == "-$2.5e300")
        #expect(f.money(4.9e-324) == "$0")
        #expect(f.format(1e300, .ratio) == "1.0e302%")
        #expect(f.format(-.infinity, .multiple) == "—")
        #expect(fmt(1e25) == "1.0e25")
        #expect(fmt(-3.3e18) == "-3.3e18")
        #expect(fmt(.infinity) == "—")
        #expect(fmt(250.4) == "250")
    }

    /// A revenue ratio of 1e300 (tiny revenue, then large): it trapped the reports.
    @Test func aRevenueRatioOf1e300IsComputedAndPrinted() throws {
        let text = Fixtures.kpiBasic.replacingOccurrences(of: #""revenue": {"2025-10": 1000, "2026-10": 1200}"#,
                                                          with: #""revenue": {"2025-10": 1e-285, "2026-10": 1000000000000000}"#)
            .replacingOccurrences(of: #"{"id": "a2", "name": "A2", "revenue": {"2025-10": 2000, "2026-10": 1500}},"#, with: "")
            .replacingOccurrences(of: #"{"id": "a3", "name": "A3", "revenue": {"2025-10": 500}},"#, with: "")
        let file = Fixtures.load(text)
        #expect(file.problems.isEmpty)
        let portfolio = Portfolio(files: [file])
        let reviews = portfolio.reviews(asOf: Fixtures.asOf)
        let nrr = try #require(reviews[0]).kpi(.nrr)
        #expect(nrr.value == 9.999999999999999e299)
        #expect(ValueFormatter(currency: "USD").format(nrr.value, .ratio) == "1.0e302%")
        #expect(ReportText.render(portfolio, reviews: reviews, asOf: Fixtures.asOf, glyphs: .unicode).contains("1.0e302%"))
        #expect(ReportMarkdown.render(portfolio, reviews: reviews, asOf: Fixtures.asOf).contains("1.0e302%"))
        #expect(ReportJSON.render(portfolio, reviews: reviews, asOf: Fixtures.asOf).contains("9.999999999999999e+299"))
    }
}
