import ArgumentParser
import MetricsCore

/// `redline check`: validate engagement files and list every problem.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate engagement files; print each problem as file:line:col: severity: path: message.",
        discussion: "Exit status 1 when any file has an error (warnings alone exit 0)."
    )

    @Argument(help: ArgumentHelp("Engagement files or folders of them. Default: the bundled demo.", valueName: "path"),
              completion: .file(extensions: ["json"]))
    var paths: [String] = []

    @Flag(name: .shortAndLong, help: "Print only the summary line.")
    var quiet = false

    func run() throws {
        let portfolio: Portfolio
        if paths.isEmpty {
            portfolio = DemoPortfolio.portfolio(anchor: Environment.today())
        } else {
            portfolio = Portfolio.load(try Portfolio.resolve(paths))
        }
        var counts = ProblemCounts()
        for file in portfolio.files {
            counts.add(file.counts)
            guard !quiet else { continue }
            for p in file.problems { Output.print(sanitizedForDisplay(p.description) + "\n") }
            if file.unlisted.total > 0 {
                Output.print(sanitizedForDisplay("\(file.file): \(file.unlisted.total) more problem\(file.unlisted.total == 1 ? "" : "s") not listed (\(file.unlisted.errors) errors, \(file.unlisted.warnings) warnings): only the first \(LoadLimits.maxProblems) of a file are kept") + "\n")
            }
        }
        let rejected = portfolio.files.filter(\.isRejected).count
        let n = portfolio.files.count
        Output.print("\(n) file\(n == 1 ? "" : "s") checked: \(rejected) rejected, \(counts.errors) error\(counts.errors == 1 ? "" : "s"), \(counts.warnings) warning\(counts.warnings == 1 ? "" : "s")\n")
        if counts.errors > 0 { throw ExitCode(1) }
    }
}
