/// An opportunity, open or closed, with its stage and close-date history.
public struct Deal: Sendable {
    public enum Kind: String, Sendable { case newLogo = "new_logo", expansion, renewal }

    public var id: String
    public var name: String
    public var account: String?
    public var owner: String?
    public var amount: Double
    public var termMonths: Int?
    /// The type as written (`nil` when absent); `kind` reads it, unknown types count as `new_logo`.
    public var typeName: String?
    public var segment: String?
    public var source: String?
    public var created: Day
    public var firstMeeting: Day?
    public var expectedClose: Day?
    public var closeDateChanges: [CloseDateChange]
    public var stageHistory: [StageEntry]
    public var lastActivity: Day?
    public var deliveryCost: Double?
    public var lostReason: String?
    public var pov: ProofOfValue?
    public var founderInFinalMeeting: Bool?
    public var churn: Churn?
    public var nextStep: String?
    public var stallAck: StallAck?
    /// The CRM's own chance for this deal, 0–1.
    public var probability: Double?
    /// The first export date on which the CRM export no longer had this deal (set by the importer).
    public var goneOn: Day?
    public var unknownKeys: [UnknownKey] = []

    public init(id: String, name: String, account: String? = nil, owner: String? = nil, amount: Double,
                termMonths: Int? = nil, type: String? = nil, segment: String? = nil, source: String? = nil,
                created: Day, firstMeeting: Day? = nil, expectedClose: Day? = nil,
                closeDateChanges: [CloseDateChange] = [], stageHistory: [StageEntry], lastActivity: Day? = nil,
                deliveryCost: Double? = nil, lostReason: String? = nil, pov: ProofOfValue? = nil,
                founderInFinalMeeting: Bool? = nil, churn: Churn? = nil, nextStep: String? = nil, stallAck: StallAck? = nil) {
        self.id = id; self.name = name; self.account = account; self.owner = owner; self.amount = amount
        self.termMonths = termMonths; self.typeName = type; self.segment = segment; self.source = source
        self.created = created; self.firstMeeting = firstMeeting; self.expectedClose = expectedClose
        self.closeDateChanges = closeDateChanges; self.stageHistory = stageHistory; self.lastActivity = lastActivity
        self.deliveryCost = deliveryCost; self.lostReason = lostReason; self.pov = pov
        self.founderInFinalMeeting = founderInFinalMeeting; self.churn = churn; self.nextStep = nextStep; self.stallAck = stallAck
    }

    public var kind: Kind { typeName.flatMap(Kind.init(rawValue:)) ?? .newLogo }

    /// Annualized value: `amount × 12 / term_months`, or `amount` without a term.
    public var annualizedValue: Double {
        guard let term = termMonths, term > 0 else { return amount }
        return amount * 12 / Double(term)
    }

    /// Where the sales cycle starts.
    public var cycleStart: Day { firstMeeting ?? created }
}

/// One entry of a deal's stage history.
public struct StageEntry: Sendable, Equatable {
    public var stage: String
    public var on: Day
    public var unknownKeys: [UnknownKey] = []
    public init(stage: String, on: Day) { self.stage = stage; self.on = on }
    public static func == (a: StageEntry, b: StageEntry) -> Bool { a.stage == b.stage && a.on == b.on }
}

/// One change of a deal's expected close date.
public struct CloseDateChange: Sendable, Equatable {
    public var on: Day
    public var from: Day
    public var to: Day
    public var unknownKeys: [UnknownKey] = []
    public init(on: Day, from: Day, to: Day) { self.on = on; self.from = from; self.to = to }
    public static func == (a: CloseDateChange, b: CloseDateChange) -> Bool { a.on == b.on && a.from == b.from && a.to == b.to }
}

/// A proof of value run with the prospect.
public struct ProofOfValue: Sendable {
    public var started: Day?
    public var ended: Day?
    public var outcome: String?
    public var unknownKeys: [UnknownKey] = []
    public init(started: Day? = nil, ended: Day? = nil, outcome: String? = nil) { self.started = started; self.ended = ended; self.outcome = outcome }
}

/// Revenue lost after a win: annualized value, on a date.
public struct Churn: Sendable {
    public var on: Day
    public var amount: Double
    public var unknownKeys: [UnknownKey] = []
    public init(on: Day, amount: Double) { self.on = on; self.amount = amount }
}

/// The CRO has seen a stall: the deal is not flagged until `until`.
public struct StallAck: Sendable {
    public var until: Day
    public var note: String?
    public var unknownKeys: [UnknownKey] = []
    public init(until: Day, note: String? = nil) { self.until = until; self.note = note }
}
