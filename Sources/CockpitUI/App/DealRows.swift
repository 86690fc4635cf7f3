import MetricsCore

/// One row of a deal list: what the columns show and sort by.
public struct DealRow: Sendable {
    public let client: Int
    public let deal: Int
    public let clientName: String
    public let id: String
    public let name: String
    public let stage: String
    public let amount: Double
    public let daysInStage: Int
    /// Days since the last activity, when known as of the review date.
    public let daysIdle: Int?
    /// Its stall is acknowledged (`A`) until a date on or after the review date.
    public let acknowledged: Bool
    public let expectedClose: Day?
    public let owner: String
    public let stalled: Bool
    public let slipped: Bool
    public let overdue: Bool
    public let currency: String

    /// `STALLED ACK SLIPPED OVERDUE`, as words: badges are never colour alone. `ACK`: the stall
    /// is acknowledged, so the deal is not counted stalled until the date in its story.
    public var badges: [String] {
        (stalled ? ["STALLED"] : []) + (acknowledged ? ["ACK"] : []) + (overdue ? ["OVERDUE"] : slipped ? ["SLIPPED"] : [])
    }
}

/// The columns of a deal list, in order; `s` cycles the sort column.
public enum DealColumn: Int, CaseIterable, Sendable {
    case amount, days, close, id, client, name, stage, owner, idle
    public var title: String {
        switch self {
        case .amount: return "Amount"
        case .days: return "Days"
        case .idle: return "Idle"
        case .close: return "Close"
        case .id: return "ID"
        case .client: return "Client"
        case .name: return "Deal"
        case .stage: return "Stage"
        case .owner: return "Owner"
        }
    }

    /// The direction `s` starts a column in: numbers largest first (the most at risk, the
    /// longest stuck); texts A to Z and closes soonest first, as people read them.
    public var startsDescending: Bool {
        switch self {
        case .amount, .days, .idle: return true
        case .close, .id, .client, .name, .stage, .owner: return false
        }
    }
}

/// Deal rows computed for one list view (screen, sort, filter) as of one date.
struct ListCache: Sendable {
    struct Key: Hashable, Sendable {
        let screen: Screen, sortColumn: Int, descending: Bool, filter: String, date: Day
    }
    let key: Key
    let rows: [DealRow]
}

extension AppState {
    func cacheKey(_ entry: NavEntry) -> ListCache.Key {
        ListCache.Key(screen: entry.screen, sortColumn: entry.sortColumn, descending: entry.descending, filter: entry.filter, date: date)
    }

    /// Keeps the rows of the list on top ready for the next render and key.
    mutating func refreshListCache() {
        guard topUnit is DealListScreen else { listCache = nil; return }
        let key = cacheKey(top)
        if listCache?.key != key { listCache = ListCache(key: key, rows: computeDealRows(for: top)) }
    }

    /// The rows of a deal-list screen, filtered and sorted by its nav entry.
    public func dealRows(for entry: NavEntry) -> [DealRow] {
        if let cache = listCache, cache.key == cacheKey(entry) { return cache.rows }
        return computeDealRows(for: entry)
    }

    func computeDealRows(for entry: NavEntry) -> [DealRow] {
        var rows: [DealRow] = []
        switch entry.screen {
        case .deals(let client, let scope):
            guard let review = reviews[client] else { return [] }
            let snap = review.current.snapshot
            let ids: [Int]
            switch scope {
            case .stage(let stage): ids = snap.open.filter { snap.states[$0].stage == stage }
            case .stalled: ids = snap.stalled
            }
            rows = ids.map { row(client: client, deal: $0, review: review) }
        case .stalledAll:
            for (client, review) in reviews.enumerated() {
                guard let review else { continue }
                rows += review.current.snapshot.stalled.map { row(client: client, deal: $0, review: review) }
            }
        default:
            return []
        }
        if !entry.filter.isEmpty {
            let needle = entry.filter.lowercased()
            rows = rows.filter { r in
                // The flags too, as shown: "/overdue" finds the deals marked OVERDUE.
                ([r.id, r.name, r.stage, r.owner, r.clientName] + r.badges).contains { $0.lowercased().contains(needle) }
            }
        }
        let column = DealColumn(rawValue: entry.sortColumn) ?? .amount
        // By the column alone, in the direction asked; ties by id (natural order: D-9 before
        // D-10), then client, the same way in both directions.
        func text(_ a: String, _ b: String) -> Int {
            let x = a.lowercased(), y = b.lowercased()
            return naturalLess(x, y) ? -1 : naturalLess(y, x) ? 1 : 0
        }
        func number<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : a > b ? 1 : 0 }
        func compare(_ a: DealRow, _ b: DealRow) -> Int {
            switch column {
            case .amount: return number(a.amount, b.amount)
            case .days: return number(a.daysInStage, b.daysInStage)
            case .idle: return number(a.daysIdle ?? -1, b.daysIdle ?? -1)
            // No expected close counts as the latest (last from the soonest).
            case .close: return number(a.expectedClose?.ordinal ?? Int.max, b.expectedClose?.ordinal ?? Int.max)
            case .id: return naturalLess(a.id, b.id) ? -1 : naturalLess(b.id, a.id) ? 1 : 0
            case .client: return text(a.clientName, b.clientName)
            case .name: return text(a.name, b.name)
            case .stage: return text(a.stage, b.stage)
            case .owner: return text(a.owner, b.owner)
            }
        }
        rows.sort { a, b in
            let c = compare(a, b)
            if c != 0 { return entry.descending ? c > 0 : c < 0 }
            if a.id != b.id { return naturalLess(a.id, b.id) }
            return a.client < b.client
        }
        // Amounts in different currencies are never ordered as if they were one: with no rates,
        // a list that mixes them is grouped by currency (stable, so each group keeps its order).
        if column == .amount, Set(rows.map(\.currency)).count > 1 {
            let order = Self.currencyOrder(rows)
            rows = order.flatMap { c in rows.filter { $0.currency == c } }
        }
        return rows
    }

    func row(client: Int, deal d: Int, review: EngagementReview) -> DealRow {
        let snap = review.current.snapshot
        let deal = review.index.deals[d]
        let state = snap.states[d]
        let ownerName = deal.owner.flatMap { id in review.engagement.reps.first { $0.id == id }?.name } ?? deal.owner ?? ""
        let overdue = state.expectedClose.map { $0 < date } ?? false
        return DealRow(client: client, deal: d, clientName: entries[client].name, id: sanitizedForDisplay(deal.id),
                       name: sanitizedForDisplay(deal.name), stage: sanitizedForDisplay(review.index.stages[state.stage].name),
                       amount: deal.amount, daysInStage: snap.daysInStage(d), daysIdle: snap.daysIdle(d, review.index),
                       acknowledged: deal.stallAck.map { $0.until >= date } ?? false, expectedClose: state.expectedClose,
                       owner: sanitizedForDisplay(ownerName), stalled: snap.isStalled[d],
                       slipped: review.current.slipped(d, in: review.current.windows.qtd), overdue: overdue,
                       currency: review.engagement.client.currency)
    }
}

extension AppState {
    /// The currencies of a mixed list, the one with the most deals first (then by code).
    static func currencyOrder(_ rows: [DealRow]) -> [String] {
        var counts: [String: Int] = [:]
        for r in rows { counts[r.currency, default: 0] += 1 }
        return counts.keys.sorted { counts[$0]! != counts[$1]! ? counts[$0]! > counts[$1]! : $0 < $1 }
    }
}
