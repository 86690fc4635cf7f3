@testable import MetricsCore

/// Builds small engagements in code for edge-case tests.
struct Build {
    static func day(_ s: String) -> Day { Day(s)! }

    static let stages = [
        Stage(id: "lead", name: "Lead", probability: 0.2),
        Stage(id: "proposal", name: "Proposal", probability: 0.5),
        Stage(id: "won", name: "Won", outcome: .won),
        Stage(id: "lost", name: "Lost", outcome: .lost),
    ]

    static func deal(_ id: String, _ amount: Double = 1000, _ history: [(String, String)], expected: String? = nil,
                     lastActivity: String? = nil, type: String? = nil, firstMeeting: String? = nil) -> Deal {
        Deal(id: id, name: id, amount: amount, type: type, created: day(history[0].1),
             firstMeeting: firstMeeting.map(day), expectedClose: expected.map(day),
             stageHistory: history.map { StageEntry(stage: $0.0, on: day($0.1)) }, lastActivity: lastActivity.map(day))
    }

    static func engagement(industry: String = "saas", fiscalStart: Int = 1, deals: [Deal] = [], stages: [Stage] = stages) -> Engagement {
        Engagement(client: Client(id: "c", name: "C", industry: industry, fiscalYearStartMonth: fiscalStart), stages: stages, deals: deals)
    }

    static func context(_ e: Engagement, _ asOf: String) -> KPIContext { KPIContext(index: EngagementIndex(e), asOf: day(asOf)) }

    static func kpi(_ e: Engagement, _ asOf: String, _ id: KPIID) -> KPIResult {
        KPIEngine.compute(context(e, asOf))[KPIID.allCases.firstIndex(of: id)!]
    }
}
