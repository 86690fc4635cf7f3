/// A KPI's status: red/yellow/green against thresholds, or why there is none.
public enum KPIStatus: String, Sendable, Comparable {
    case green, yellow, red
    case noTarget = "no_target"
    case noData = "no_data"

    /// Severity for the weekly status: red is worst; `no_target`/`no_data` do not count.
    var severity: Int {
        switch self {
        case .red: return 3
        case .yellow: return 2
        case .green: return 1
        default: return 0
        }
    }
    public static func < (a: KPIStatus, b: KPIStatus) -> Bool { a.severity < b.severity }

    /// The review action of the seeds for a weekly status.
    public var action: String? {
        switch self {
        case .green: return "Continue"
        case .yellow: return "Schedule a 30-minute call"
        case .red: return "Emergency meeting with product & finance"
        default: return nil
        }
    }
}

/// The thresholds a status was judged against.
public enum AppliedThresholds: Sendable, Equatable {
    case none
    case pair(ThresholdPair)
    /// Paced KPIs: the whole quarter's target and the fraction of the quarter elapsed.
    case paced(target: Double, pace: Double)
}

/// A KPI's value (or why there is none) before it is judged.
public struct Measurement: Sendable {
    public var value: Double?
    public var reason: String?
    /// A status decided by the formula itself ("target met" is green with no value).
    public var forcedStatus: KPIStatus?
    /// Labelled sub-values: ACV by segment, attainment per rep, cycle by segment.
    public var breakdown: [(label: String, value: Double)] = []
    /// Deals the KPI points at: open deals below the margin threshold.
    public var flaggedDeals: [String] = []

    public static func value(_ v: Double) -> Measurement { Measurement(value: v, reason: nil) }
    public static func noData(_ reason: String) -> Measurement { Measurement(value: nil, reason: reason) }
}

/// A computed and judged KPI.
public struct KPIResult: Sendable {
    public let id: KPIID
    public var value: Double?
    public var reason: String?
    public var status: KPIStatus
    public var thresholds: AppliedThresholds
    public var breakdown: [(label: String, value: Double)]
    public var flaggedDeals: [String]
    /// The improvement target that judged this value, when one applies at the review date.
    public var improvement: ImprovementTarget? = nil

    public var definition: KPIDefinition { KPICatalog.definition(id) }
}

/// An improvement target as applied: the previous quarter's value and the goal from it.
public struct ImprovementTarget: Sendable, Equatable {
    public let quarter: String
    public let change: Double
    /// The KPI as of the last day of the previous fiscal quarter; nil (or 0) means no baseline.
    public let baseline: Double?
    /// `baseline × (1 + change)`; nil without a baseline.
    public var goal: Double? { baseline.flatMap { $0 == 0 ? nil : $0 * (1 + change) } }
    public init(quarter: String, change: Double, baseline: Double?) { self.quarter = quarter; self.change = change; self.baseline = baseline }
}

extension KPIStatus {
    /// Judges `value` against a threshold pair in the KPI's direction.
    static func judge(_ value: Double, _ pair: ThresholdPair, _ direction: Direction) -> KPIStatus {
        if direction == .higherIsBetter {
            if let g = pair.green, value >= g { return .green }
            if let r = pair.red, value < r { return .red }
            return pair.green == nil ? .green : .yellow
        } else {
            if let g = pair.green, value <= g { return .green }
            if let r = pair.red, value > r { return .red }
            return pair.green == nil ? .green : .yellow
        }
    }

    /// Paced KPIs: value ÷ (target × pace) against green 1.0, red 0.8.
    static func judgePaced(_ value: Double, target: Double, pace: Double) -> KPIStatus {
        let expected = target * pace
        guard expected > 0 else { return value >= expected ? .green : .red }
        return judge(value / expected, ThresholdPair(green: 1.0, red: 0.8), .higherIsBetter)
    }
}
