import Foundation
import Mutants
import Testing
@testable import MetricsCore

/// Deterministic mutants of the demo and the fixtures: whatever the loader accepts, every
/// report and listing can be computed (a trap here fails the whole run), and whatever it
/// refuses comes back as bounded messages.
@Suite struct FuzzTests {
    static let asOf = Fixtures.asOf

    /// The files mutated: small ones many times (cheap in a debug build), the demo's fewer.
    static let bases: [(name: String, bytes: [UInt8], mutants: Int)] = {
        let demo = DemoPortfolio.files(anchor: asOf)
        let small = EngagementWriter.write(DemoPortfolio.synthetic(deals: 25, anchor: asOf))
        return [("kpi-fixture", Array(Fixtures.kpiBasic.utf8), 1_000), ("loader-doc", Array(LoaderValidationTests.doc().utf8), 800),
                ("synthetic-25", small, 250)] + demo.map { ($0.name, $0.bytes, 10) }
    }()

    /// Everything a user can ask of a loaded file: what `report` (three formats), `autopsy list`,
    /// `check` and the cockpit's dashboard history compute. Returns the text made, to be sure it is.
    static func everything(_ file: LoadedFile) -> Int {
        let portfolio = Portfolio(files: [file])
        let reviews = portfolio.reviews(asOf: asOf)
        var made = ReportJSON.render(portfolio, reviews: reviews, asOf: asOf).utf8.count
        made += ReportText.render(portfolio, reviews: reviews, asOf: asOf, glyphs: .unicode).utf8.count
        made += ReportText.render(portfolio, reviews: reviews, asOf: asOf, glyphs: .ascii).utf8.count
        made += ReportMarkdown.render(portfolio, reviews: reviews, asOf: asOf).utf8.count
        made += AutopsyListing.text(reviews, asOf: asOf).utf8.count + AutopsyListing.markdown(reviews, asOf: asOf).utf8.count
        if let review = reviews[0] {
            made += WeeklyDashboard(review, glyphs: .unicode).rows.count
            // The cockpit's sparklines: 12 weeks of KPIs, each value formatted.
            let f = ValueFormatter(currency: review.engagement.client.currency)
            for week in [1, 4, 12] {
                for k in KPIEngine.compute(KPIContext(index: review.index, asOf: asOf - 7 * week)) {
                    made += f.format(k.value, k.definition.unit).count + f.thresholds(k.thresholds, k.definition).count
                }
            }
        }
        return made
    }

    @Test func mutantsNeverTrapAndProblemsStayBounded() {
        let started = ContinuousClock.now
        var mutants = 0, accepted = 0
        for (b, base) in Self.bases.enumerated() {
            for i in 0..<base.mutants {
                let bytes = Mutator.mutant(of: base.bytes, seed: UInt64(b + 1), index: i)
                let file = bytes.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "\(base.name)#\(i)") }
                mutants += 1
                for p in file.problems where p.message.count > 400 || p.path.count > 400 {
                    Issue.record("\(base.name) mutant \(i): a long problem: \(p.description.prefix(200))…")
                }
                #expect(groupProblems(file.problems).map(\.count).reduce(0, +) == file.problems.count)
                guard file.engagement != nil else { continue }
                accepted += 1
                #expect(Self.everything(file) > 0)
            }
        }
        print("fuzz: \(mutants) mutants, \(accepted) accepted and computed, \(ContinuousClock.now - started)")
        #expect(mutants == 2_100)
        // Enough of them load for the computing half to be tested.
        #expect(accepted > mutants / 5)
    }
}
