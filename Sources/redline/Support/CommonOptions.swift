import ArgumentParser
import MetricsCore

typealias MetricsCoreDay = MetricsCore.Day

/// The engagement files to read and the review date: shared by the commands that compute KPIs.
struct DataOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Engagement files or folders of them (a folder means its *.json files). Default: the bundled demo.",
                                 valueName: "path"),
              completion: .file(extensions: ["json"]))
    var paths: [String] = []

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The review date. Default: today.", valueName: "YYYY-MM-DD"))
    var asOf: MetricsCoreDay?

    /// The review date: the one given, or today.
    func reviewDate() -> MetricsCoreDay { asOf ?? Environment.today() }

    /// Loads the given files, or the demo anchored at `date` when none is given.
    func portfolio(anchor date: MetricsCoreDay) throws(PortfolioError) -> Portfolio {
        guard !paths.isEmpty else { return DemoPortfolio.portfolio(anchor: date) }
        let resolved = try Portfolio.resolve(paths)
        ProgressLine.begin("loading")
        defer { ProgressLine.set("computing the KPIs") }
        return Portfolio.load(resolved)
    }
}
