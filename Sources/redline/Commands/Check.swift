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
        var errors = 0, warnings = 0
        for file in portfolio.files {
            for p in file.problems {
                if p.severity == .error { errors += 1 } else { warnings += 1 }
                if !quiet { Output.print(sanitizedForDisplay(p.description) + "\n") }
            }
        }
        let rejected = portfolio.files.filter(\.isRejected).count
        let n = portfolio.files.count
        Output.print("\(n) file\(n == 1 ? "" : "s") checked: \(rejected) rejected, \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n")
        if errors > 0 { throw ExitCode(1) }
    }
}
