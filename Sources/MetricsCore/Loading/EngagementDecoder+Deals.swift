import Dispatch

/// The keys of a deal, numbered for `KeyTable`.
enum DealKey: Int, CaseIterable {
    case id, name, account, owner, amount, termMonths, type, segment, source, created, firstMeeting, expectedClose
    case closeDateChanges, stageHistory, lastActivity, deliveryCost, lostReason, pov, founderInFinalMeeting, churn
    case nextStep, stallAck, probability, goneOn

    var key: String {
        switch self {
        case .termMonths: "term_months"
        case .firstMeeting: "first_meeting"
        case .expectedClose: "expected_close"
        case .closeDateChanges: "close_date_changes"
        case .stageHistory: "stage_history"
        case .lastActivity: "last_activity"
        case .deliveryCost: "delivery_cost"
        case .lostReason: "lost_reason"
        case .founderInFinalMeeting: "founder_in_final_meeting"
        case .nextStep: "next_step"
        case .stallAck: "stall_ack"
        case .goneOn: "gone_on"
        default: "\(self)"
        }
    }
}

let dealKeys = KeyTable(DealKey.allCases.map(\.key))
/// A stage entry's keys: 0 `stage`, 1 `on`.
private let stageEntryKeys = KeyTable(["stage", "on"])

/// Deals: the largest list of a file and the hot path of loading.
extension EngagementDecoder {
    /// Deals in a file this large are decoded on two threads (the tape is read-only).
    static let parallelThreshold = 20_000

    mutating func deals(_ n: Int) -> [Deal] {
        guard r.expectArray(n) else { return [] }
        if let read = directDeals?.read(at: Int(r.nodes[n].start)) { return deals(read: read) }
        var elements: [Int] = []
        elements.reserveCapacity(Int(r.nodes[n].count))
        var k = n + 1
        while k < Int(r.nodes[n].next) { elements.append(k); k = Int(r.nodes[k].next) }
        let dealNodes = elements
        WorkProgress.shared.addDeals(total: elements.count)
        let total = elements.count
        guard total > 0 else { dealIDs = IDTable(); return [] }
        let chunks = total >= Self.parallelThreshold ? 2 : 1
        let size = (total + chunks - 1) / chunks
        var results = [DealChunk](repeating: DealChunk(), count: chunks)
        let stageKeys = KeyTable(stages.map(\.id)), repKeys = KeyTable(Array(repIDs)), accountKeys = KeyTable(Array(accountIDs))
        defer { stageKeys.deallocate(); repKeys.deallocate(); accountKeys.deallocate() }
        let context = DealContext(stageIDs: stageIDs, stages: stages, stageList: stages.map(\.id), stageKeys: stageKeys,
                                  repIDs: repIDs, accountIDs: accountIDs, repKeys: repKeys, accountKeys: accountKeys)
        // The tape and the source bytes are only read, and each thread writes its own slot of
        // `results` and its own part of the array's memory.
        let reader = UncheckedSendable(value: r), givesBack = givesBackDealNodes
        var ids = IDTable(minimumCapacity: total)
        let out = [Deal](unsafeUninitializedCapacity: total) { buffer, count in
            let base = buffer.baseAddress!
            results.withUnsafeMutableBufferPointer { chunkSlots in
                let slots = UncheckedSendable(value: chunkSlots), memory = UncheckedSendable(value: base)
                let work: @Sendable (Int) -> Void = { c in
                    let range = (c * size)..<min(total, (c + 1) * size)
                    slots.value[c] = EngagementDecoder.decodeDeals(dealNodes, range, context, reader.value, into: memory.value + range.lowerBound,
                                                                   givingBackNodes: givesBack)
                }
                if chunks == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: chunks, execute: work) }
            }
            // In file order; an id seen before is a duplicate. Deals stay where their thread wrote
            // them unless one before them was left out (an error, a duplicate): a move retains nothing.
            count = 0
            for c in results.indices {
                r.problems.append(contentsOf: results[c].problems)
                let chunk = results[c], from = base + c * size
                for k in 0..<chunk.count {
                    let slot = from + k, position = chunk.positions[k]
                    if let first = ids.insert(slot.pointee.id, at: position.index, hash: chunk.hashes[k]) {
                        r.path.append(.index(position.index)); r.path.append(.key("id"))
                        r.report(.error, at: position.idOffset, "duplicate id \(jsonQuoted(slot.pointee.id)) (also deals[\(first)])")
                        r.path.removeLast(2)
                        slot.deinitialize(count: 1)
                        continue
                    }
                    if slot != base + count { (base + count).moveInitialize(from: slot, count: 1) }
                    count += 1
                }
            }
        }
        dealIDs = ids
        return out
    }

    /// What the deal decoder reads besides the tape. A class: each deal's decoding captures it,
    /// and a struct of six collections was copied (six retains and releases) per deal.
    final class DealContext: Sendable {
        let stageIDs: [String: Int]
        let stages: [Stage]
        let stageList: [String]
        /// The stage ids as a table: a deal's stage entry is matched by its bytes.
        let stageKeys: KeyTable
        let repIDs: Set<String>
        let accountIDs: Set<String>
        /// The same ids as tables, for references written without escapes (nearly all).
        let repKeys: KeyTable
        let accountKeys: KeyTable

        init(stageIDs: [String: Int], stages: [Stage], stageList: [String], stageKeys: KeyTable,
             repIDs: Set<String>, accountIDs: Set<String>, repKeys: KeyTable, accountKeys: KeyTable) {
            self.stageIDs = stageIDs; self.stages = stages; self.stageList = stageList; self.stageKeys = stageKeys
            self.repIDs = repIDs; self.accountIDs = accountIDs; self.repKeys = repKeys; self.accountKeys = accountKeys
        }

        /// The position of a stage id, found by its bytes (no hashing of a `String`).
        func stageIndex(of id: String) -> Int? {
            var id = id
            let k = id.withUTF8 { stageKeys.number(of: $0) }
            return k >= 0 ? k : stageIDs[id]
        }

        /// Whether the string at `v`, read as `id`, names one of `ids` (`keys` as a table).
        func names(_ v: Int, _ id: String, _ ids: Set<String>, _ keys: KeyTable, _ r: TapeReader) -> Bool {
            let node = r.nodes[v]
            guard !node.hasEscapes else { return ids.contains(id) }
            return keys.number(of: UnsafeBufferPointer(rebasing: r.bytes[Int(node.start)..<Int(node.end)])) >= 0
        }
    }

    /// What one thread made of a slice of the array: the count of deals it wrote (in order, from
    /// the slice's place in the array's memory), with their positions, ids' hashes and problems.
    struct DealChunk {
        var count = 0
        var positions: [(index: Int, idOffset: Int)] = []
        var hashes: [Int?] = []
        var problems: [TapeReader.RawProblem] = []
    }

    /// `givingBackNodes`: the nodes of each 1,024 deals decoded are given back to the system
    /// (`PageRelease`), for a load whose tape nothing reads after it.
    static func decodeDeals(_ elements: [Int], _ range: Range<Int>, _ c: DealContext, _ reader: TapeReader,
                            into deals: UnsafeMutablePointer<Deal>, givingBackNodes: Bool = false) -> DealChunk {
        var r = reader
        r.problems = []
        var chunk = DealChunk()
        chunk.positions.reserveCapacity(range.count)
        chunk.hashes.reserveCapacity(range.count)
        var told = range.lowerBound
        // Nodes from the first deal not yet given back up to `end` (the next deal, or the tape
        // after the last: nothing in between is read again).
        func giveBack(upTo end: Int) {
            guard givingBackNodes, !range.isEmpty else { return }
            let from = elements[told], stride = MemoryLayout<JSONNode>.stride
            PageRelease.giveBack(UnsafeRawPointer(r.nodes.baseAddress! + from), byteCount: (end - from) * stride)
        }
        defer {
            if !range.isEmpty { giveBack(upTo: Int(r.nodes[elements[range.upperBound - 1]].next)) }
            WorkProgress.shared.addDeals(decoded: range.upperBound - told)
        }
        for i in range {
            if i - told == 1024 { giveBack(upTo: elements[i]); WorkProgress.shared.addDeals(decoded: 1024); told = i }
            let e = elements[i]
            r.path.append(.index(i))
            if r.expectObject(e), let (deal, idNode) = deal(e, c, r: &r) {
                (deals + chunk.count).initialize(to: deal)
                chunk.count += 1
                chunk.positions.append((i, r.offset(idNode)))
                chunk.hashes.append(IDTable.hash(deal.id))
            }
            r.path.removeLast()
        }
        chunk.problems = r.problems
        return chunk
    }

    /// One deal and the node of its id (for a duplicate-id problem), or `nil` when it has errors.
    static func deal(_ e: Int, _ c: DealContext, r: inout TapeReader) -> (Deal, Int)? {
        var id: String?, name: String?, amount: Double?, created: Day?, history: [StageEntry]?
        var seen = (id: false, name: false, amount: false, created: false, history: false)
        var d = Deal(id: "", name: "", amount: 0, created: Day(ordinal: 0), stageHistory: [])
        var lastActivityNode = -1
        var historyNode = -1, idNode = -1
        var expectedCloseGiven = false
        r.forEachMember(e, in: dealKeys) { r, number, key, v in
            switch DealKey(rawValue: number) {
            case .id?:
                seen.id = true
                id = r.id(v)
                idNode = v
            case .name?: seen.name = true; name = r.text(v, required: true)
            case .account?:
                d.account = r.text(v)
                if let a = d.account, !c.names(v, a, c.accountIDs, c.accountKeys, r) { r.warning(v, "no account has the id \(jsonQuoted(a))") }
            case .owner?:
                d.owner = r.text(v)
                if let o = d.owner, !c.names(v, o, c.repIDs, c.repKeys, r) { r.warning(v, "no rep has the id \(jsonQuoted(o))") }
            case .amount?: seen.amount = true; amount = r.number(v, required: true, min: 0)
            case .termMonths?: d.termMonths = r.integer(v, range: 1...10_000, expected: "a positive integer")
            case .type?:
                d.typeName = r.text(v)
                if let t = d.typeName, Deal.Kind(rawValue: t) == nil {
                    r.warning(v, "unknown deal type \(jsonQuoted(t)); it counts as \"new_logo\" (known: new_logo, expansion, renewal)")
                }
            case .segment?: d.segment = r.text(v)
            case .source?: d.source = r.text(v)
            case .created?: seen.created = true; created = r.date(v, required: true)
            case .firstMeeting?: d.firstMeeting = r.date(v)
            case .expectedClose?:
                expectedCloseGiven = r.kind(v) != .null
                d.expectedClose = r.date(v)
            case .closeDateChanges?: d.closeDateChanges = closeDateChanges(v, r: &r)
            case .stageHistory?:
                seen.history = true
                historyNode = v
                history = stageHistory(v, stageIDs: c.stageIDs, stageList: c.stageList, stageKeys: c.stageKeys, r: &r)
            case .lastActivity?: d.lastActivity = r.date(v); lastActivityNode = v
            case .deliveryCost?: d.deliveryCost = r.number(v, min: 0)
            case .lostReason?: d.lostReason = r.text(v)
            case .pov?: d.pov = pov(v, r: &r)
            case .founderInFinalMeeting?: d.founderInFinalMeeting = r.bool(v)
            case .churn?: d.churn = churn(v, r: &r)
            case .nextStep?: d.nextStep = r.text(v)
            case .stallAck?: d.stallAck = stallAck(v, r: &r)
            case .probability?: d.probability = r.number(v, min: 0, max: 1)
            case .goneOn?: d.goneOn = r.date(v)
            case nil: d.unknownKeys.append(UnknownKey(key: r.string(at: key.node), rawJSON: r.rawText(v)))
            }
        }
        if !seen.id { r.error(e, "missing required key \"id\"") }
        if !seen.name { r.error(e, "missing required key \"name\"") }
        if !seen.amount { r.error(e, "missing required key \"amount\"") }
        if !seen.created { r.error(e, "missing required key \"created\"") }
        if !seen.history { r.error(e, "missing required key \"stage_history\"") }
        guard let id, let name, let amount, let created, let history, !history.isEmpty else { return nil }
        d.id = id; d.name = name; d.amount = amount; d.created = created; d.stageHistory = history

        if history[0].on < created {
            r.path.append(.key("stage_history")); r.path.append(.index(0))
            r.report(.warning, at: r.offset(historyNode + 1), "the first stage entry (\(history[0].on)) is before the deal was created (\(created))")
            r.path.removeLast(2)
        }
        // Data quality (engagement-format.md): dates that cannot be true make the stall rule and the
        // cycle read wrong, so they are said, with where.
        if let activity = d.lastActivity, activity < created {
            r.path.append(.key("last_activity"))
            r.warning(lastActivityNode, "last activity (\(activity)) is before the deal was created (\(created))")
            r.path.removeLast()
        }
        for (k, entry) in history.enumerated() where k > 0 && entry.on < created {
            guard let s = c.stageIDs[entry.stage], let outcome = c.stages[s].outcome else { continue }
            r.path.append(.key("stage_history")); r.path.append(.index(k))
            r.report(.warning, at: r.offset(historyNode + 1), "the deal was \(outcome.rawValue) (\(entry.on)) before it was created (\(created))")
            r.path.removeLast(2)
        }
        if !expectedCloseGiven, let last = c.stageIndex(of: history[history.count - 1].stage), c.stages[last].outcome == nil {
            r.warning(e, "an open deal without expected_close is left out of coverage and slipped checks")
        }
        return (d, idNode)
    }

    static func stageHistory(_ n: Int, stageIDs: [String: Int], stageList: [String], stageKeys: KeyTable, r: inout TapeReader) -> [StageEntry]? {
        guard r.expectArray(n) else { return nil }
        if r.nodes[n].count == 0 {
            r.error(n, "stage_history must not be empty: a deal is in the stage of its last entry")
            return nil
        }
        var out: [StageEntry] = []
        out.reserveCapacity(Int(r.nodes[n].count))
        var valid = true
        var e = n + 1, i = 0
        let end = Int(r.nodes[n].next)
        while e < end {
            r.path.append(.index(i))
            let entry = plainStageEntry(e, stageList: stageList, stageKeys: stageKeys, r: r)
                ?? stageEntry(e, stageIDs: stageIDs, stageList: stageList, stageKeys: stageKeys, r: &r)
            if let (entry, onNode) = entry {
                if let previous = out.last, entry.on < previous.on {
                    r.path.append(.key("on"))
                    r.error(onNode, "the dates go backwards: \(entry.on) is before \(previous.on) of the entry before")
                    r.path.removeLast()
                    valid = false
                }
                out.append(entry)
            } else {
                valid = false
            }
            r.path.removeLast()
            e = Int(r.nodes[e].next)
            i += 1
        }
        return valid ? out : nil
    }

    /// The usual stage entry, `{"stage": "<a known id>", "on": "YYYY-MM-DD"}` in either order, read
    /// without closures or path work; `nil` for anything else, which `stageEntry` then reads and
    /// reports on. Most of a file's objects are these.
    @inline(__always)
    static func plainStageEntry(_ e: Int, stageList: [String], stageKeys: KeyTable, r: TapeReader) -> (StageEntry, Int)? {
        let object = r.nodes[e]
        guard object.kind == .object, object.count == 2 else { return nil }
        var stage = -1, on: Day?, onNode = -1, seenStage = false
        var k = e + 1
        for _ in 0..<2 {
            let key = r.nodes[k], value = r.nodes[k + 1]
            guard !key.hasEscapes, value.kind == .string, !value.hasEscapes else { return nil }
            let valueBytes = UnsafeBufferPointer(rebasing: r.bytes[Int(value.start)..<Int(value.end)])
            switch stageEntryKeys.number(of: UnsafeBufferPointer(rebasing: r.bytes[Int(key.start)..<Int(key.end)])) {
            case 0 where !seenStage: seenStage = true; stage = stageKeys.number(of: valueBytes)
            case 1 where onNode < 0: on = Day(utf8: valueBytes); onNode = k + 1
            default: return nil
            }
            k = Int(value.next)
        }
        guard stage >= 0, let on else { return nil }
        return (StageEntry(stage: stageList[stage], on: on), onNode)
    }

    /// A stage entry and the node of its date, every problem reported; `nil` when it has errors.
    static func stageEntry(_ e: Int, stageIDs: [String: Int], stageList: [String], stageKeys: KeyTable, r: inout TapeReader) -> (StageEntry, Int)? {
        guard r.expectObject(e) else { return nil }
        var stage: String?, on: Day?, onNode = -1
        var seenStage = false, seenOn = false
        var unknown: [UnknownKey] = []
        r.forEachMember(e, in: stageEntryKeys) { r, number, key, v in
            switch number {
            case 0:
                seenStage = true
                // Match the few stage ids byte by byte: no String, no hashing per entry.
                let node = r.nodes[v]
                if node.kind == .string && !node.hasEscapes {
                    let bytes = UnsafeBufferPointer(rebasing: r.bytes[Int(node.start)..<Int(node.end)])
                    let known = stageKeys.number(of: bytes)
                    if known >= 0 { stage = stageList[known]; return }
                }
                stage = r.text(v, required: true)
                if let s = stage, stageIDs[s] == nil {
                    r.error(v, unknownStageMessage(s, stages: stageList))
                    stage = nil
                }
            case 1: seenOn = true; on = r.date(v, required: true); onNode = v
            default: unknown.append(UnknownKey(key: r.string(at: key.node), rawJSON: r.rawText(v)))
            }
        }
        if !seenStage { r.error(e, "missing required key \"stage\"") }
        if !seenOn { r.error(e, "missing required key \"on\"") }
        guard let stage, let on else { return nil }
        var entry = StageEntry(stage: stage, on: on)
        entry.unknownKeys = unknown
        return (entry, onNode)
    }

    static func closeDateChanges(_ n: Int, r: inout TapeReader) -> [CloseDateChange] {
        guard r.expectArray(n, required: false) else { return [] }
        var out: [CloseDateChange] = []
        r.forEachElement(n) { r, _, e in
            guard r.expectObject(e) else { return }
            var on: Day?, from: Day?, to: Day?
            var seen: Set<String> = []
            var unknown: [UnknownKey] = []
            r.forEachMember(e) { r, key, v in
                seen.insert(r.string(at: key.node))
                switch key {
                case "on": on = r.date(v, required: true)
                case "from": from = r.date(v, required: true)
                case "to": to = r.date(v, required: true)
                default: unknown.append(UnknownKey(key: r.string(at: key.node), rawJSON: r.rawText(v)))
                }
            }
            r.requireKeys(["on", "from", "to"], seen: seen, in: e)
            if let on, let from, let to {
                var c = CloseDateChange(on: on, from: from, to: to)
                c.unknownKeys = unknown
                out.append(c)
            }
        }
        return out
    }

    static func pov(_ n: Int, r: inout TapeReader) -> ProofOfValue? {
        guard r.expectObject(n, required: false) else { return nil }
        var p = ProofOfValue()
        r.forEachMember(n) { r, key, v in
            switch key {
            case "started": p.started = r.date(v)
            case "ended": p.ended = r.date(v)
            case "outcome":
                p.outcome = r.text(v)
                if let o = p.outcome, !["running", "converted", "failed"].contains(o) {
                    r.warning(v, "unknown POV outcome \(jsonQuoted(o)); expected \"running\", \"converted\" or \"failed\"")
                }
            default: p.unknownKeys.append(UnknownKey(key: r.string(at: key.node), rawJSON: r.rawText(v)))
            }
        }
        return p
    }

    static func churn(_ n: Int, r: inout TapeReader) -> Churn? {
        guard r.expectObject(n, required: false) else { return nil }
        var on: Day?, amount: Double?
        var seen: Set<String> = []
        var unknown: [UnknownKey] = []
        r.forEachMember(n) { r, key, v in
            seen.insert(r.string(at: key.node))
            switch key {
            case "on": on = r.date(v, required: true)
            case "amount": amount = r.number(v, required: true, min: 0)
            default: unknown.append(UnknownKey(key: r.string(at: key.node), rawJSON: r.rawText(v)))
            }
        }
        r.requireKeys(["on", "amount"], seen: seen, in: n)
        guard let on, let amount else { return nil }
        var c = Churn(on: on, amount: amount)
        c.unknownKeys = unknown
        return c
    }

    static func stallAck(_ n: Int, r: inout TapeReader) -> StallAck? {
        guard r.expectObject(n, required: false) else { return nil }
        var until: Day?, note: String?
        var seen: Set<String> = []
        var unknown: [UnknownKey] = []
        r.forEachMember(n) { r, key, v in
            seen.insert(r.string(at: key.node))
            switch key {
            case "until": until = r.date(v, required: true)
            case "note": note = r.text(v)
            default: unknown.append(UnknownKey(key: r.string(at: key.node), rawJSON: r.rawText(v)))
            }
        }
        r.requireKeys(["until"], seen: seen, in: n)
        guard let until else { return nil }
        var a = StallAck(until: until, note: note)
        a.unknownKeys = unknown
        return a
    }
}

/// Hands a value to another thread where the code guarantees no data race (see each use).
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
}
