/// A fiscal quarter as people name it, `YYYY-Qn`, before a fiscal calendar places it: each
/// client reads the label in its own fiscal year (the keys of `targets.bookings` are read so).
public struct QuarterLabel: Hashable, Sendable, CustomStringConvertible {
    public let fiscalYear: Int
    public let quarter: Int

    /// Parses exactly `YYYY-Qn`, n in 1…4.
    public init?(_ text: String) {
        guard isQuarterLabel(text) else { return nil }
        let u = Array(text.utf8)
        fiscalYear = u[0..<4].reduce(0) { $0 * 10 + Int($1 - 48) }
        quarter = Int(u[6] - 48)
    }

    /// The quarter in a fiscal calendar whose year starts in `startMonth`.
    public func quarter(startMonth: Int) -> FiscalQuarter {
        FiscalQuarter(fiscalYear: fiscalYear, quarter: quarter, startMonth: startMonth)
    }

    public var description: String { "\(pad(fiscalYear, 4))-Q\(quarter)" }
}
