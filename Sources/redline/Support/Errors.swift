import ArgumentParser
import Foundation
import MetricsCore

/// The command line asks for something that cannot be: one line on standard error, exit 2.
/// (ArgumentParser's own parse and `ValidationError`s take the same way, see `Main`.)
struct UsageError: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// Something failed while doing what was asked (a write, a rejected file): its message was
/// printed, exit 1.
func failure(_ message: String) -> ExitCode {
    Output.error(message)
    return ExitCode(1)
}

// Typed options: ArgumentParser parses and refuses them, one message for every command
// ("The value '2026-13-01' is invalid for '--until <YYYY-MM-DD>'"), no date parsing by hand.
extension MetricsCore.Day: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }

    /// For `@Option(transform:)`: a date that cannot be says why ("2026 has no month 13").
    static func argument(_ text: String) throws -> MetricsCore.Day {
        if let day = MetricsCore.Day(text) { return day }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else {
            throw ValidationError("expected a date YYYY-MM-DD, e.g. 2026-11-30")
        }
        guard (1...12).contains(month) else { throw ValidationError("a year has months 01 to 12, not \(parts[1])") }
        let days = MetricsCore.Day.daysIn(year: year, month: month)
        throw ValidationError("\(monthName(month)) \(parts[0]) has days 01 to \(days), not \(parts[2])")
    }

    private static func monthName(_ month: Int) -> String {
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][month - 1]
    }
}

extension ISOWeek: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }

    /// For `@Option(transform:)`: a week that cannot be says why ("2027 has 52 ISO weeks").
    static func argument(_ text: String) throws -> ISOWeek {
        switch ISOWeek.parse(text) {
        case .success(let week): return week
        case .failure(let invalid): throw ValidationError(invalid.reason ?? "expected YYYY-Www, e.g. 2026-W48")
        }
    }
}

extension KPIID: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument) }
    // Not listed in errors (30 ids would not fit one line): the options parse with
    // `KPIID.argument`, whose error names `redline kpis` and the nearest ids.
    public static var allValueStrings: [String] { [] }
}

extension DealListKind: ExpressibleByArgument {}

extension QuarterLabel: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }

    /// For `@Option(transform:)`: says the shape a quarter takes.
    static func argument(_ text: String) throws -> QuarterLabel {
        if let quarter = QuarterLabel(text) { return quarter }
        throw ValidationError("expected a fiscal quarter YYYY-Qn with n from 1 to 4, e.g. 2026-Q4")
    }
}
