/// The windows of `kpis.md` for one review date `t` and fiscal-year start.
public struct ReviewWindows: Sendable {
    public let t: Day
    /// `t-89 … t`.
    public let t90: DayWindow
    /// The fiscal quarter containing `t`.
    public let quarter: FiscalQuarter
    /// From the quarter's first day to `t`.
    public let qtd: DayWindow
    /// The whole fiscal quarter before.
    public let previousQuarter: FiscalQuarter
    /// The last complete month: always the calendar month before `t`'s month.
    public let m: YearMonth

    public init(asOf t: Day, fiscalStartMonth: Int) {
        self.t = t
        t90 = DayWindow(t - 89, t)
        quarter = FiscalQuarter(containing: t, startMonth: fiscalStartMonth)
        qtd = DayWindow(quarter.firstDay, t)
        previousQuarter = quarter.previous
        m = t.month - 1
    }

    /// `pace(t)`: (t − quarter start + 1) ÷ days in the quarter.
    public var pace: Double { quarter.pace(at: t) }
    /// Months M-2 … M.
    public var t3m: [YearMonth] { (0..<3).map { m - (2 - $0) } }
    /// Months M-11 … M.
    public var t12m: [YearMonth] { (0..<12).map { m - (11 - $0) } }
    /// Months M-23 … M-12.
    public var p12m: [YearMonth] { (0..<12).map { m - (23 - $0) } }
}
