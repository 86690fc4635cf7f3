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
            a percent with its sign (15% for +15%, as the cockpit's form takes it; -22% for CAC payback \
            from 18 to 14 months) or a fraction (0.15, -0.22), as the file holds it. A plain number \
            beyond ±1 is refused: 15 is +1,500%, almost surely meant as 15%. A rate (win rate, a \
            conversion, a margin) has no goal above 100%: refused when the quarter's baseline is \
            known, noted from the value so far when it is not.
            """)
        @OptionGroup var target: EditTarget
        @Option(help: ArgumentHelp("The KPI (`redline kpis` lists the ids).", valueName: "kpi-id"), transform: KPIID.argument) var kpi: KPIID
        @Option(help: ArgumentHelp("The fiscal quarter of the goal.", valueName: "YYYY-Qn")) var quarter: String
        @Option(parsing: .unconditional, help: ArgumentHelp("The change against the previous quarter: a percent (15%, -10%) or a fraction (0.15 = +15%).", valueName: "N%|fraction"),
                transform: ImprovementChange.parse)
        var change: ImprovementChange
        @Option(name: .customLong("as-of"), help: ArgumentHelp("The review date: the quarter must not have ended by then. Default: today.", valueName: "YYYY-MM-DD"), transform: MetricsCoreDay.argument)
        var asOf: MetricsCoreDay?

        func validate() throws {
            if let why = Improvement(quarter: quarter, change: change.fraction).problem(for: kpi, typed: change.unit) { throw ValidationError(why) }
        }

        func run() throws {
            try target.checkExists()
            let goal = Improvement(quarter: quarter, change: change.fraction)
            let reviewDate = asOf ?? Environment.today(), label = quarter, unit = change.unit
            var refusal: String?, note: String?
            try target.update { e, doc throws(EngagementFile.Failure) in
                guard let q = QuarterLabel(label)?.quarter(startMonth: e.client.fiscalYearStartMonth) else { return goal.edits(for: kpi, in: doc) }
                // A goal for a quarter already over judges nothing (the cockpit's form offers this quarter and the next).
                if let why = Improvement.quarterOver(label, q, client: e.client.name, reviewDate: reviewDate) { throw EngagementFile.Failure(why) }
                // A goal no quarter can meet (a 497% win rate) is refused once its baseline is known;
                // before that, the value so far only warns: the baseline may still fall. A KPI whose
                // goal cannot pass a top (money, days, a ↓ rate) is not measured: the save stays as fast.
                let def = KPICatalog.definition(kpi)
                guard def.ceiling != nil, def.direction == .higherIsBetter else { return goal.edits(for: kpi, in: doc) }
                let baseline = KPIEngine.baseline(kpi, for: q, index: EngagementIndex(e), asOf: reviewDate)
                if q.previous.lastDay <= reviewDate {
                    if let why = goal.unreachable(for: kpi, baseline: baseline.value, on: baseline.day, typed: unit) { refusal = why; return [] }
                } else {
                    note = goal.noteSoFar(for: kpi, value: baseline.value, on: baseline.day, baselineDay: q.previous.lastDay).map { "Note: \($0).\n" }
                }
                return goal.edits(for: kpi, in: doc)
            }
            if let refusal { throw UsageError(refusal) }
            Output.print("Improvement target of \(kpi.rawValue) for \(quarter): \(goal.change > 0 ? "+" : "")\(decimals(goal.change * 100, 1))% against the previous quarter.\n" + (note ?? ""))
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a KPI's improvement target.")
        @OptionGroup var target: EditTarget
        @Option(help: ArgumentHelp("The KPI.", valueName: "kpi-id"), transform: KPIID.argument) var kpi: KPIID

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

/// The `--change` of `redline target set`: the fraction the file holds, and the unit it was
/// typed in, for messages.
struct ImprovementChange {
    let fraction: Double
    let unit: ChangeUnit

    /// `15%` is a percent, a plain number a fraction (the file's unit). A plain number beyond ±1
    /// is refused: `--change 15` set +1,500% while the cockpit's form reads 15 as +15%.
    static func parse(_ text: String) throws -> ImprovementChange {
        let percent = text.hasSuffix("%")
        let number = percent ? String(text.dropLast()) : text
        guard let value = Double(number), value.isFinite, !number.contains(where: { $0 == "e" || $0 == "E" }) else {
            throw ValidationError("expected a percent such as 15% or -10%, or a fraction such as 0.15")
        }
        if percent { return ImprovementChange(fraction: value / 100, unit: .percent) }
        guard abs(value) <= 1 else {
            throw ValidationError("a plain number is a fraction, so \(text) would be \(value > 0 ? "+" : "")\(decimals(value * 100, 0))%; write --change \(value / 100) or --change \(text)%")
        }
        return ImprovementChange(fraction: value, unit: .fraction)
    }
}
