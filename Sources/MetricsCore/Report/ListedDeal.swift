/// A deal as a report lists it: stalled or slipped, with what puts it at risk.
public struct ListedDeal: Sendable, Equatable {
    public let id: String
    public let name: String
    /// The value at risk: the deal's amount.
    public let amount: Double
    public let stage: String
    public let daysInStage: Int
    public let expectedClose: Day?
}

/// Which deals a report lists whole with `--list`.
public enum DealListKind: String, Sendable, CaseIterable {
    case stalled, slipped
}

extension EngagementReview {
    /// The deals of `kind` as of the review date, largest value at risk first, then by id.
    public func listed(_ kind: DealListKind) -> [ListedDeal] {
        let snapshot = current.snapshot
        let indices = kind == .stalled ? snapshot.stalled : current.slippedDeals(in: current.windows.qtd)
        let deals = index.deals
        return indices.map { d in
            let state = snapshot.states[d]
            return ListedDeal(id: deals[d].id, name: deals[d].name, amount: deals[d].amount,
                              stage: state.exists ? index.stages[state.stage].name : "—",
                              daysInStage: state.exists ? snapshot.daysInStage(d) : 0, expectedClose: state.expectedClose)
        }.sorted { a, b in a.amount != b.amount ? a.amount > b.amount : naturalLess(a.id, b.id) }
    }
}
