/// One client engagement: the parsed contents of an engagement file, format 1.
///
/// Optional fields are `nil` when the file has them absent or `null` ("unknown", never zero).
/// Keys the loader does not know are kept in `unknownKeys` of the object they were in, as raw
/// JSON text, so a later save can write them back.
public struct Engagement: Sendable {
    public static let formatTag = "redline.engagement/1"

    public var client: Client
    public var terms: EngagementTerms
    public var stages: [Stage]
    /// The dashboard as written in the file (`nil` when absent); see `DashboardResolver` for the one in force.
    public var dashboard: [String]?
    public var targets: Targets
    public var reps: [Rep]
    public var accounts: [Account]
    public var deals: [Deal]
    public var spend: [YearMonth: Double]
    public var forecasts: [Forecast]
    public var funnel: [YearMonth: FunnelMonth]
    public var actions: [Action]
    public var autopsies: [Autopsy]
    public var dataAsOf: Day?
    public var unknownKeys: [UnknownKey]

    public init(client: Client, terms: EngagementTerms = EngagementTerms(), stages: [Stage], dashboard: [String]? = nil,
                targets: Targets = Targets(), reps: [Rep] = [], accounts: [Account] = [], deals: [Deal] = [],
                spend: [YearMonth: Double] = [:], forecasts: [Forecast] = [], funnel: [YearMonth: FunnelMonth] = [:],
                actions: [Action] = [], autopsies: [Autopsy] = [], dataAsOf: Day? = nil, unknownKeys: [UnknownKey] = []) {
        self.client = client; self.terms = terms; self.stages = stages; self.dashboard = dashboard
        self.targets = targets; self.reps = reps; self.accounts = accounts; self.deals = deals
        self.spend = spend; self.forecasts = forecasts; self.funnel = funnel; self.actions = actions
        self.autopsies = autopsies; self.dataAsOf = dataAsOf; self.unknownKeys = unknownKeys
    }
}

/// A key the loader does not know, with its value as the exact JSON text of the file.
public struct UnknownKey: Sendable, Equatable {
    public var key: String
    public var rawJSON: String
    public init(key: String, rawJSON: String) { self.key = key; self.rawJSON = rawJSON }
}

/// The client company the CRO serves.
public struct Client: Sendable {
    public var id: String
    public var name: String
    /// The industry as written; `Industry(rawValue:)` is `nil` for an unknown one.
    public var industryName: String
    public var currency: String
    public var fiscalYearStartMonth: Int
    public var grossMargin: Double?
    public var retentionBasis: RetentionBasis
    public var unknownKeys: [UnknownKey] = []

    public var industry: Industry { Industry(rawValue: industryName) ?? .other }

    public init(id: String, name: String, industry: String, currency: String = "USD", fiscalYearStartMonth: Int = 1,
                grossMargin: Double? = nil, retentionBasis: RetentionBasis? = nil) {
        self.id = id; self.name = name; self.industryName = industry; self.currency = currency
        self.fiscalYearStartMonth = fiscalYearStartMonth; self.grossMargin = grossMargin
        self.retentionBasis = retentionBasis ?? RetentionBasis.defaultFor(Industry(rawValue: industry) ?? .other)
    }
}

/// The industries with a KPI preset.
public enum Industry: String, Sendable, CaseIterable {
    case professionalServices = "professional_services"
    case hrTech = "hr_tech"
    case martech
    case aiStartup = "ai_startup"
    case saas
    case other
}

/// How account revenue is read for retention: subscription MRR or trailing project revenue.
public enum RetentionBasis: String, Sendable {
    case recurring, trailing
    static func defaultFor(_ industry: Industry) -> RetentionBasis {
        industry == .professionalServices ? .trailing : .recurring
    }
}

/// The CRO's terms with the client.
public struct EngagementTerms: Sendable {
    public var cro: String?
    public var started: Day?
    public var daysPerMonth: Double?
    public var monthlyFee: Double?
    public var stallAfterDays: Int?
    public var noActivityDays: Int?
    public var unknownKeys: [UnknownKey] = []
    public init(cro: String? = nil, started: Day? = nil, daysPerMonth: Double? = nil, monthlyFee: Double? = nil,
                stallAfterDays: Int? = nil, noActivityDays: Int? = nil) {
        self.cro = cro; self.started = started; self.daysPerMonth = daysPerMonth; self.monthlyFee = monthlyFee
        self.stallAfterDays = stallAfterDays; self.noActivityDays = noActivityDays
    }
}

/// A pipeline stage, in funnel order.
public struct Stage: Sendable {
    public enum Outcome: String, Sendable { case won, lost }
    public var id: String
    public var name: String
    public var probability: Double?
    public var stallAfterDays: Int?
    public var outcome: Outcome?
    public var unknownKeys: [UnknownKey] = []
    public init(id: String, name: String, probability: Double? = nil, stallAfterDays: Int? = nil, outcome: Outcome? = nil) {
        self.id = id; self.name = name; self.probability = probability; self.stallAfterDays = stallAfterDays; self.outcome = outcome
    }
}

/// Targets per fiscal quarter (keys `YYYY-Qn`) and per-KPI threshold overrides.
public struct Targets: Sendable {
    public var bookings: [String: Double]
    public var netNewARR: [String: Double]
    public var kpis: [String: ThresholdOverride]
    /// Quarterly improvement goals by KPI id (kpis.md, "Improvement targets"); only entries that
    /// improve their KPI are kept (the loader warns of the others).
    public var improvements: [String: Improvement] = [:]
    public var unknownKeys: [UnknownKey] = []
    public init(bookings: [String: Double] = [:], netNewARR: [String: Double] = [:], kpis: [String: ThresholdOverride] = [:]) {
        self.bookings = bookings; self.netNewARR = netNewARR; self.kpis = kpis
    }
}

/// A `targets.kpis` entry: either side may be absent and then comes from the defaults.
public struct ThresholdOverride: Sendable, Equatable {
    public var green: Double?
    public var red: Double?
    public init(green: Double? = nil, red: Double? = nil) { self.green = green; self.red = red }
}

/// A quota-carrying seller.
public struct Rep: Sendable {
    public var id: String
    public var name: String
    public var role: String?
    public var start: Day?
    public var end: Day?
    public var quota: [String: Double]
    public var unknownKeys: [UnknownKey] = []
    public init(id: String, name: String, role: String? = nil, start: Day? = nil, end: Day? = nil, quota: [String: Double] = [:]) {
        self.id = id; self.name = name; self.role = role; self.start = start; self.end = end; self.quota = quota
    }
    /// Active at `day`: started (or no start) and not ended before it.
    public func isActive(at day: Day) -> Bool {
        (start.map { $0 <= day } ?? true) && (end.map { $0 >= day } ?? true)
    }
}

/// A client of the client, with recognized revenue per month.
public struct Account: Sendable {
    public var id: String
    public var name: String
    public var segment: String?
    public var revenue: [YearMonth: Double]
    public var unknownKeys: [UnknownKey] = []
    public init(id: String, name: String, segment: String? = nil, revenue: [YearMonth: Double] = [:]) {
        self.id = id; self.name = name; self.segment = segment; self.revenue = revenue
    }
}

/// A monthly revenue forecast.
public struct Forecast: Sendable {
    public var month: YearMonth
    public var amount: Double
    public var madeOn: Day
    public var unknownKeys: [UnknownKey] = []
    public init(month: YearMonth, amount: Double, madeOn: Day) { self.month = month; self.amount = amount; self.madeOn = madeOn }
}

/// Top-of-funnel counts for one month; a field absent is unknown.
public struct FunnelMonth: Sendable {
    public var inboundLeads: Double?
    public var qualifiedMeetings: Double?
    public var signups: Double?
    public var pqls: Double?
    public var pqlConverted: Double?
    public var unknownKeys: [UnknownKey] = []
    public init(inboundLeads: Double? = nil, qualifiedMeetings: Double? = nil, signups: Double? = nil, pqls: Double? = nil, pqlConverted: Double? = nil) {
        self.inboundLeads = inboundLeads; self.qualifiedMeetings = qualifiedMeetings; self.signups = signups
        self.pqls = pqls; self.pqlConverted = pqlConverted
    }
}

/// One of the CRO's weekly actions.
public struct Action: Sendable {
    public var week: ISOWeek
    public var status: String
    public var text: String
    public var kpi: String?
    public var owner: String?
    public var unknownKeys: [UnknownKey] = []
    public init(week: ISOWeek, status: String, text: String, kpi: String? = nil, owner: String? = nil) {
        self.week = week; self.status = status; self.text = text; self.kpi = kpi; self.owner = owner
    }
}

/// A written KPI autopsy of a lost or delayed deal.
public struct Autopsy: Sendable {
    public var deal: String
    public var writtenOn: Day
    public var kpis: [String]
    public var rootCause: String?
    public var systemicChange: String?
    public var owner: String?
    public var due: Day?
    public var status: String?
    public var unknownKeys: [UnknownKey] = []
    public init(deal: String, writtenOn: Day, kpis: [String] = [], rootCause: String? = nil, systemicChange: String? = nil,
                owner: String? = nil, due: Day? = nil, status: String? = nil) {
        self.deal = deal; self.writtenOn = writtenOn; self.kpis = kpis; self.rootCause = rootCause
        self.systemicChange = systemicChange; self.owner = owner; self.due = due; self.status = status
    }
}

/// "Increase pipeline velocity by 15% in 2026-Q4": a change against the previous quarter's value.
public struct Improvement: Sendable, Hashable {
    public var quarter: String
    public var change: Double
    public init(quarter: String, change: Double) { self.quarter = quarter; self.change = change }
}
