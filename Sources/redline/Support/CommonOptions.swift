import ArgumentParser
import MetricsCore

typealias MetricsCoreDay = MetricsCore.Day

/// The engagement files to read and the review date: shared by the commands that compute KPIs.
struct DataOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Engagement files or folders of them (a folder means its *.json files). Default: the bundled demo.",
                                 valueName: "path"),
              completion: .file(extensions: ["json"]))
    var paths: [String] = []

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The review date, YYYY-MM-DD. Default: today.", valueName: "date"))
    var asOf: String?

    /// The review date, or a usage error naming the bad value.
    func reviewDate() throws(UsageError) -> MetricsCoreDay {
        guard let asOf else { return Environment.today() }
        guard let day = MetricsCoreDay(asOf) else {
            throw UsageError("--as-of: \(asOf.debugDescription) is not a date; expected YYYY-MM-DD, e.g. 2026-11-23")
        }
        return day
    }

    /// Loads the given files, or the demo anchored at `date` when none is given.
    func portfolio(anchor date: MetricsCoreDay) throws(UsageError) -> Portfolio {
        guard !paths.isEmpty else { return DemoPortfolio.portfolio(anchor: date) }
        return Portfolio.load(try Portfolio.resolve(paths))
    }
}
