import ArgumentParser
import MetricsCore

typealias MetricsCoreDay = MetricsCore.Day

/// The engagement files to read and the review date: shared by the commands that compute KPIs.
struct DataOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Engagement files or folders of them (a folder means its *.json files). Default: the config's portfolio, else the bundled demo.",
                                 valueName: "path"),
              completion: .file(extensions: ["json"]))
    var paths: [String] = []

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The review date. Default: today.", valueName: "YYYY-MM-DD"), transform: MetricsCoreDay.argument)
    var asOf: MetricsCoreDay?

    /// The review date: the one given, or today.
    func reviewDate() -> MetricsCoreDay { asOf ?? Environment.today() }

    /// Loads the given files; without any, the config's portfolio, else the demo anchored at `date`.
    func portfolio(anchor date: MetricsCoreDay) throws(PortfolioError) -> Portfolio {
        try Self.portfolio(paths, anchor: date)
    }

    /// The files to load (the command line's, else the config's), nil for the bundled demo. The
    /// cockpit's: a config's portfolio that cannot be read gives the demo, which it says loudly.
    /// `warn` takes a warning (a folder without engagement files beside others).
    func resolvedFiles(warn: (String) -> Void) throws(PortfolioError) -> [String]? {
        guard let given = paths.isEmpty ? UserConfig.shared.portfolio.value : paths else { return nil }
        return try Self.resolve(given, fromConfig: paths.isEmpty, warn: warn)
    }

    /// `Portfolio.resolve`; a portfolio of the config that gives no file names the config's line
    /// (the user typed no path, so "no engagement files in ~/clients" alone would not say where).
    static func resolve(_ given: [String], fromConfig: Bool, warn: (String) -> Void = { Output.warning($0) }) throws(PortfolioError) -> [String] {
        do throws(PortfolioError) {
            return try Portfolio.resolve(given, warn: warn)
        } catch {
            guard fromConfig else { throw error }
            throw PortfolioError("\(UserConfig.shared.portfolio.source): portfolio: \(error.message)")
        }
    }

    /// `paths` when given (the command line wins), else the config's `portfolio`, else the demo.
    /// A load from disk shows its progress (`ProgressLine`) as `phase`. A client in two files
    /// is a warning on standard error (`check` lists it as a problem instead: `warnsOfDuplicates`).
    static func portfolio(_ paths: [String], anchor date: MetricsCoreDay, phase: String = "loading", warnsOfDuplicates: Bool = true) throws(PortfolioError) -> Portfolio {
        // A portfolio the config names but that cannot be read: nothing, not the demo's fictional
        // clients (pasted into a client's mail, with exit status 0 for cron).
        if paths.isEmpty, let problem = UserConfig.unreported.portfolioProblem {
            throw PortfolioError("\(problem); nothing is reviewed (the bundled demo is not shown in its place): fix the config, or give the files")
        }
        guard let given = paths.isEmpty ? UserConfig.shared.portfolio.value : paths else { return DemoPortfolio.portfolio(anchor: date) }
        let resolved = try resolve(given, fromConfig: paths.isEmpty)
        ProgressLine.begin(phase)
        defer { ProgressLine.set("computing the KPIs") }
        let portfolio = Portfolio.load(resolved)
        if warnsOfDuplicates {
            for duplicate in portfolio.duplicateClients { Output.warning("warning: \(duplicate.again): \(duplicate.message)") }
        }
        return portfolio
    }
}
