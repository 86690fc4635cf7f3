/// The week-over-week pipeline waterfall: open pipeline a week ago → each movement → open pipeline now.
///
/// Each deal open at either end lands in exactly one bucket, so
/// `start + new − won − lost − gone = end`; the other buckets move no money (amounts are taken
/// as they are now) and show where the pipeline that stayed open went.
public struct Waterfall: Sendable {
    public enum Bucket: String, Sendable, CaseIterable {
        case new, advanced, pulledIn = "pulled_in", pushedOut = "pushed_out", won, lost, gone, stalled, unchanged
        /// +1 adds to the pipeline, −1 leaves it, 0 stays in it.
        public var sign: Int {
            switch self {
            case .new: return 1
            case .won, .lost, .gone: return -1
            default: return 0
            }
        }
        public var label: String {
            switch self {
            case .new: return "New"
            case .advanced: return "Advanced"
            case .pulledIn: return "Pulled in"
            case .pushedOut: return "Pushed out"
            case .won: return "Won"
            case .lost: return "Lost"
            case .gone: return "Gone from CRM"
            case .stalled: return "Stalled"
            case .unchanged: return "Unchanged"
            }
        }
    }

    public struct Row: Sendable {
        public let bucket: Bucket
        public let deals: [Int]
        public let amount: Double
    }

    public let from: Day
    public let to: Day
    public let startAmount: Double
    public let endAmount: Double
    public let rows: [Row]

    /// Compares the open pipeline at `previous.t` with the one at `current.t`.
    /// Precedence for a deal open at both ends: pushed out, pulled in, advanced, stalled, unchanged.
    public init(previous: KPIContext, current: KPIContext) {
        from = previous.t; to = current.t
        let before = previous.snapshot, now = current.snapshot
        var buckets: [Bucket: [Int]] = [:]
        let openBefore = Set(before.open), openNow = Set(now.open)
        for d in openBefore.union(openNow) {
            let bucket: Bucket
            if !openBefore.contains(d) {
                bucket = .new
            } else if !openNow.contains(d) {
                bucket = now.states[d].isGone ? .gone : now.states[d].stage == current.index.wonStage ? .won : .lost
            } else {
                let a = before.states[d], b = now.states[d]
                if let x = a.expectedClose, let y = b.expectedClose, y > x { bucket = .pushedOut }
                else if let x = a.expectedClose, let y = b.expectedClose, y < x { bucket = .pulledIn }
                else if b.stage > a.stage { bucket = .advanced }
                else if now.isStalled[d] { bucket = .stalled }
                else { bucket = .unchanged }
            }
            buckets[bucket, default: []].append(d)
        }
        startAmount = current.amount(before.open)
        endAmount = current.amount(now.open)
        // The gone row only in a week where deals went, so files never imported from a CRM keep their rows.
        rows = Bucket.allCases.filter { $0 != .gone || buckets[.gone] != nil }.map { b in
            let ids = (buckets[b] ?? []).sorted() // file order; views sort as the user asks
            return Row(bucket: b, deals: ids, amount: current.amount(ids))
        }
    }

    /// `start + Σ signed bucket amounts`: equals `endAmount` by construction.
    public var reconciledEnd: Double { rows.reduce(startAmount) { $0 + Double($1.bucket.sign) * $1.amount } }
}
