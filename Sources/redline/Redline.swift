import ArgumentParser
import Foundation
import MetricsCore

/// The `redline` command: a terminal cockpit for fractional CROs.
struct Redline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redline",
        abstract: "Weekly revenue review for fractional CROs: KPIs, pipeline, stalled deals, autopsies.",
        // The cockpit is the default subcommand: the usage says so, or `redline --help` would
        // show only `redline <subcommand>` and hide the most common invocation.
        usage: """
        redline [<path> ...] [--as-of <YYYY-MM-DD>] [--read-only] [<options>]
        redline <subcommand> [<arguments>] [<options>]
        """,
        discussion: """
        Reads engagement files (format 1, one JSON file per client; a folder means its *.json files) \
        and computes the KPIs of the catalog as of a review date. Without a PATH, Redline uses the \
        portfolio of your config (redline config), else the bundled demo portfolio, dated so that \
        its latest week is the review week.

        Common invocations:
          redline                         the cockpit (config's portfolio, else demo)
          redline DIR --as-of 2026-11-23  the cockpit on DIR's *.json, on a past date
          redline DIR --read-only         the cockpit, never writing the files
          redline report DIR              the weekly review; --format html, csv, json
          redline check DIR               every problem of the files, as file:line:col
          redline forecast DIR            the rolling 90-day forecast
          redline kpis                    the KPI catalog: ids, formulas, thresholds
          redline demo --write DIR        the demo portfolio as files to try
        The cockpit's options (--theme, --no-color, --ascii, --no-mouse, --read-only) \
        work without the word cockpit: redline cockpit --help lists them.

        Exit status: 0 when every file loaded (warnings allowed), 1 when a file was rejected, \
        2 for a usage error (a path that does not exist, a folder without *.json files, a bad \
        option).
        """,
        version: "0.1.0",
        subcommands: [Cockpit.self, Report.self, ForecastCommand.self, TargetCommand.self, Check.self, KPIs.self, Demo.self, Import.self, AutopsyCommand.self, ActionCommand.self, Ack.self, ConfigCommand.self],
        defaultSubcommand: Cockpit.self
    )
}

/// Runs the command; usage errors exit with status 2 (not ArgumentParser's 64), as the report contract says.
@main
enum Main {
    static func main() {
        // A write past a file-size limit fails with EFBIG (reported, file untouched) instead of killing us.
        signal(SIGXFSZ, SIG_IGN)
        do {
            var command = try Redline.parseAsRoot()
            try command.run()
            ProgressLine.end()
        } catch let error as UsageError {
            Output.error(error.message)
            Foundation.exit(2)
        } catch let error as PortfolioError {
            Output.error(error.message)
            Foundation.exit(2)
        } catch let code as ExitCode {
            ProgressLine.end()
            Foundation.exit(code.rawValue)
        } catch {
            let exit = Redline.exitCode(for: error)
            if exit == .success {
                Output.print(Redline.fullMessage(for: error) + "\n")
                Foundation.exit(0)
            }
            // A bad option or value: one line, like every other usage error, pointing at --help.
            let message = Redline.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            Output.error(message + " (see --help)")
            Foundation.exit(2)
        }
    }
}
