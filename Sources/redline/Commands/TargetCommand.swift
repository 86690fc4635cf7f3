import ArgumentParser
import Foundation
import MetricsCore

/// `redline target set`: a quarterly improvement goal, as the seeds phrase them.
struct TargetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "target", abstract: "Set or remove a KPI's quarterly improvement target.",
        subcommands: [Set.self, Remove.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a KPI's improvement target for a fiscal quarter (\"pipeline velocity +15% in 2026-Q4\").",
            discussion: """
            In that quarter the KPI is judged against the previous quarter's value (its baseline): \
            green at baseline × (1 + change) or better, red when worse than the baseline. --change is \
            a fraction: 0.15 for +15%, -0.22 for CAC payback from 18 to 14 months.
            """)
        @OptionGroup var target: EditTarget
        @Option(help: ArgumentHelp("The KPI (`redline kpis` lists the ids).", valueName: "kpi-id")) var kpi: KPIID
        @Option(help: ArgumentHelp("The fiscal quarter of the goal.", valueName: "YYYY-Qn")) var quarter: String
        @Option(help: ArgumentHelp("The change against the previous quarter, as a fraction (0.15 = +15%).", valueName: "fraction"))
        var change: Double

        func validate() throws {
            if let why = Improvement(quarter: quarter, change: change).problem(for: kpi) { throw ValidationError(why) }
        }

        func run() throws {
            try target.checkExists()
            let goal = Improvement(quarter: quarter, change: change)
            try target.update { _, doc in goal.edits(for: kpi, in: doc) }
            Output.print("Improvement target of \(kpi.rawValue) for \(quarter): \(change > 0 ? "+" : "")\(decimals(change * 100, 1))% against the previous quarter.\n")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a KPI's improvement target.")
        @OptionGroup var target: EditTarget
        @Option(help: ArgumentHelp("The KPI.", valueName: "kpi-id")) var kpi: KPIID

        func run() throws {
            try target.checkExists()
            var found = true
            try target.update { _, doc in
                let edits = Improvement.removal(for: kpi, in: doc)
                found = !edits.isEmpty
                return edits
            }
            Output.print(found ? "Removed the improvement target of \(kpi.rawValue).\n" : "\(kpi.rawValue) has no improvement target; nothing changed.\n")
        }
    }
}
