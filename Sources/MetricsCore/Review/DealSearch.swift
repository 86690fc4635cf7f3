import Foundation

/// What a client's deals are found by, made once per load: each deal's id, name, account (id
/// and name) and owner (rep id and name), lowercased, so a keystroke only scans bytes.
public struct DealSearchKeys: Sendable {
    /// The lowercased UTF-8 of every deal's fields, each field ended by a NUL: deal `d` is
    /// `text[starts[d]..<starts[d + 1]]`, its id first.
    let text: [UInt8]
    let starts: [Int]
    let ids: [String]
    let amounts: [Double]
    /// The client's currency: amounts rank against amounts of the same currency only.
    public let currency: String

    public var count: Int { ids.count }

    public init(_ index: EngagementIndex) {
        self.init(deals: index.deals, accounts: index.engagement.accounts, reps: index.engagement.reps, currency: index.engagement.client.currency)
    }

    public init(deals: [Deal], accounts: [Account], reps: [Rep], currency: String = "") {
        let accountName = Dictionary(accounts.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let repName = Dictionary(reps.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var text: [UInt8] = []
        text.reserveCapacity(deals.count * 64)
        var starts: [Int] = [0]
        starts.reserveCapacity(deals.count + 1)
        // Lowercased: ASCII byte by byte (most ids and names; a third faster at 100k deals), else
        // the way `String.lowercased` does it, as the query is.
        func add(_ field: String) {
            if field.utf8.allSatisfy({ $0 < 0x80 }) {
                for b in field.utf8 where b != 0 { text.append(b >= 0x41 && b <= 0x5a ? b | 0x20 : b) }
            } else {
                for b in field.lowercased().utf8 where b != 0 { text.append(b) }
            }
            text.append(0)
        }
        for deal in deals {
            add(deal.id)
            add(deal.name)
            if let account = deal.account {
                add(account)
                if let name = accountName[account] { add(name) }
            }
            if let owner = deal.owner {
                add(owner)
                if let name = repName[owner] { add(name) }
            }
            starts.append(text.count)
        }
        self.text = text
        self.starts = starts
        ids = deals.map(\.id)
        amounts = deals.map(\.amount)
        self.currency = currency
    }
}

/// How well a deal matches a search, best first.
public enum DealMatch: Int, Comparable, Sendable {
    /// The query is the deal's id.
    case exactID
    /// The deal's id begins with the query.
    case idPrefix
    /// A field (name, account, owner), or a word of it, begins with the query.
    case prefix
    /// The query is inside a field.
    case substring

    public static func < (a: DealMatch, b: DealMatch) -> Bool { a.rawValue < b.rawValue }
}

/// One deal found: which client's, which deal (an index into its deals), how well it matched.
public struct DealSearchHit: Hashable, Sendable {
    public let client: Int
    public let deal: Int
    public let match: DealMatch
    public let amount: Double
}

/// The deals found, best first, at most the limit asked for; `total` counts them all.
public struct DealSearchResult: Sendable {
    public let total: Int
    public let hits: [DealSearchHit]
    /// The currencies of the hits, in the order their amounts are grouped in.
    public var currencies: [String] = []
    public static let empty = DealSearchResult(total: 0, hits: [])
}

/// Finds deals of every client by id, name, account or owner: case-insensitive, anywhere in a
/// field. The exact id first, then ids that begin with the query, then fields or words that
/// begin with it, then the rest; in each, the largest amount first, then client and id.
/// Amounts of different currencies are never compared as one unit: within each of those
/// levels the deals are grouped by currency, the portfolio's most common first (by deals, then
/// code), as the deal lists group theirs; by the portfolio, so groups do not swap as you type.
public enum DealSearch {
    /// `include` says which deals count (the cockpit leaves out deals not created by the review date).
    public static func find(_ query: String, in clients: [(client: Int, keys: DealSearchKeys)], limit: Int,
                            include: (Int, Int) -> Bool = { _, _ in true }) -> DealSearchResult {
        let needle = Array(query.trimmingCharacters(in: .whitespaces).lowercased().utf8.filter { $0 != 0 })
        guard !needle.isEmpty else { return .empty }
        var total = 0
        var best: [DealSearchHit] = []
        let limit = max(0, limit)
        var keysOfBest: [(id: String, currency: Int)] = [] // of `best`: ids for ties, currencies by rank
        var dealsIn: [String: Int] = [:]
        for (_, keys) in clients { dealsIn[keys.currency, default: 0] += keys.count }
        let currencies = dealsIn.keys.sorted { dealsIn[$0]! != dealsIn[$1]! ? dealsIn[$0]! > dealsIn[$1]! : $0 < $1 }
        let rank = Dictionary(uniqueKeysWithValues: currencies.enumerated().map { ($1, $0) })
        for (client, keys) in clients {
            let currency = rank[keys.currency] ?? 0
            keys.forEachMatch(needle) { deal, match in
                guard include(client, deal) else { return }
                total += 1
                guard limit > 0 else { return }
                let hit = DealSearchHit(client: client, deal: deal, match: match, amount: keys.amounts[deal])
                let key = (id: keys.ids[deal], currency: currency)
                func precedes(_ a: DealSearchHit, _ aKey: (id: String, currency: Int), _ b: DealSearchHit, _ bKey: (id: String, currency: Int)) -> Bool {
                    if a.match != b.match { return a.match < b.match }
                    if aKey.currency != bKey.currency { return aKey.currency < bKey.currency }
                    if a.amount != b.amount { return a.amount > b.amount }
                    if a.client != b.client { return a.client < b.client }
                    return naturalLess(aKey.id, bKey.id)
                }
                if best.count == limit, let last = best.last, !precedes(hit, key, last, keysOfBest[best.count - 1]) { return }
                var lo = 0, hi = best.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if precedes(best[mid], keysOfBest[mid], hit, key) { lo = mid + 1 } else { hi = mid }
                }
                best.insert(hit, at: lo)
                keysOfBest.insert(key, at: lo)
                if best.count > limit { best.removeLast(); keysOfBest.removeLast() }
            }
        }
        let present = Set(keysOfBest.map(\.currency))
        return DealSearchResult(total: total, hits: best, currencies: currencies.indices.filter(present.contains).map { currencies[$0] })
    }

    /// Every deal `keys` holds that matches, in order, with how well: for tests and tools.
    public static func matches(_ query: String, in keys: DealSearchKeys) -> [(deal: Int, match: DealMatch)] {
        let needle = Array(query.trimmingCharacters(in: .whitespaces).lowercased().utf8.filter { $0 != 0 })
        guard !needle.isEmpty else { return [] }
        var out: [(deal: Int, match: DealMatch)] = []
        keys.forEachMatch(needle) { out.append(($0, $1)) }
        return out
    }
}

extension DealSearchKeys {
    /// Calls `body` once for each deal whose fields hold `needle` (lowercased, no NUL), in order.
    /// The scan jumps from one occurrence of the needle's first byte to the next (memchr), so
    /// a keystroke costs about one pass over the bytes.
    func forEachMatch(_ needle: [UInt8], _ body: (Int, DealMatch) -> Void) {
        let m = needle.count
        guard m > 0, !text.isEmpty else { return }
        text.withUnsafeBufferPointer { buf in
            needle.withUnsafeBufferPointer { nd in
                let base = buf.baseAddress!, n = buf.count
                let first = Int32(nd[0])
                var i = 0
                var deal = 0
                while i + m <= n {
                    guard let p = memchr(base + i, first, n - i - m + 1) else { return }
                    let at = base.distance(to: p.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + at, nd.baseAddress!, m) != 0 { i = at + 1; continue }
                    // The deal holding `at` (occurrences come in order, so the cursor only moves on).
                    while starts[deal + 1] <= at { deal += 1 }
                    body(deal, classify(deal, needle: nd, in: buf))
                    i = starts[deal + 1]
                }
            }
        }
    }

    /// How well deal `d` matches (it holds the needle somewhere).
    func classify(_ d: Int, needle: UnsafeBufferPointer<UInt8>, in buf: UnsafeBufferPointer<UInt8>) -> DealMatch {
        let m = needle.count
        let start = starts[d], end = starts[d + 1]
        func begins(at k: Int) -> Bool { k + m <= end && memcmp(buf.baseAddress! + k, needle.baseAddress!, m) == 0 }
        var idEnd = start
        while buf[idEnd] != 0 { idEnd += 1 }
        if begins(at: start) { return idEnd - start == m ? .exactID : .idPrefix }
        // A field or a word of it beginning with the needle.
        var k = idEnd + 1
        var atWordStart = true
        while k < end {
            let c = buf[k]
            if atWordStart, begins(at: k) { return .prefix }
            atWordStart = c == 0 || !(Self.isWordByte(c))
            k += 1
        }
        return .substring
    }

    /// Letters, digits and any byte of a multi-byte character continue a word.
    static func isWordByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c >= 0x80
    }
}
