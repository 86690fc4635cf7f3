/// The deals, as `EngagementDecoder.deal` checks them.
extension ModelChecker {
    mutating func deals(_ deals: [Deal], stages kept: [String]) {
        let known = KnownStages(kept)
        // One hash per id: the first position of an id is looked for only once one repeats.
        var ids = Set<String>(minimumCapacity: deals.count)
        var firstAt: [String: Int]?
        var decoded: [Int] = []
        sizeBound += 64
        // Each deal read in the array's memory: a `Deal` value, even a `borrowing` parameter, was
        // copied, every string retained and released.
        deals.withUnsafeBufferPointer { deals in
            for i in deals.indices {
                let start = problems.count
                // Only a deal that decodes takes part in the duplicate-id check (`EngagementDecoder.deals`).
                // The importer makes no duplicate (it skips a repeated id), nor an empty id or
                // history, a negative amount or dates going backwards; checked all the same.
                guard deal(deals.baseAddress! + i, at: i, known) else { continue }
                decoded.append(i)
                let id = deals[i].id
                if firstAt == nil && ids.insert(id).inserted { continue }
                if firstAt == nil {
                    var map: [String: Int] = [:]
                    for k in decoded where map[deals[k].id] == nil { map[deals[k].id] = k }
                    firstAt = map
                }
                if let first = firstAt![id], first != i {
                    // At the deal's id, its first member: before its other problems.
                    problems.insert(Problem(file: file, line: nil, column: nil, path: "deals[\(i)].id", severity: .error,
                                            message: boundingQuotedValues("duplicate id \(jsonQuoted(id)) (also deals[\(first)])")), at: start)
                } else {
                    firstAt![id] = i
                }
            }
        }
    }

    static let dealKeys: [StaticString] = [
        "id", "name", "account", "owner", "amount", "term_months", "type", "segment", "source", "created", "first_meeting",
        "expected_close", "close_date_changes", "stage_history", "last_activity", "delivery_cost", "lost_reason", "pov",
        "founder_in_final_meeting", "churn", "next_step", "stall_ack", "probability", "gone_on",
    ]

    /// Checks one deal; true when the loader would decode it (id, amount, created and stage
    /// history valid), whatever its other errors.
    mutating func deal(_ d: UnsafePointer<Deal>, at i: Int, _ known: KnownStages) -> Bool {
        func at(_ key: String) -> String { "deals[\(i)].\(key)" }
        unknown(d.pointee.unknownKeys, known: Self.dealKeys)
        sizeBound += 32
        var decodes = id(d.pointee.id, at("id"))
        member("id", Self.stringBytes(d.pointee.id)); member("name", Self.stringBytes(d.pointee.name))
        string("account", d.pointee.account); string("owner", d.pointee.owner)
        let before = problems.count
        number(d.pointee.amount, at("amount"), required: true, min: 0)
        decodes = decodes && problems.count == before
        member("amount", Self.numberBytes)
        integer(d.pointee.termMonths, at("term_months"), range: 1...10_000, expected: "a positive integer")
        scalar("term_months", d.pointee.termMonths != nil)
        string("type", d.pointee.typeName); string("segment", d.pointee.segment); string("source", d.pointee.source)
        decodes = date(d.pointee.created, at("created")) && decodes
        member("created", Self.dayBytes)
        date(d.pointee.firstMeeting, at("first_meeting")); scalar("first_meeting", d.pointee.firstMeeting != nil)
        date(d.pointee.expectedClose, at("expected_close")); scalar("expected_close", d.pointee.expectedClose != nil)
        if !d.pointee.closeDateChanges.isEmpty {
            member("close_date_changes", 16)
            for (k, c) in d.pointee.closeDateChanges.enumerated() {
                unknown(c.unknownKeys, known: ["on", "from", "to"])
                date(c.on, at("close_date_changes[\(k)].on"))
                date(c.from, at("close_date_changes[\(k)].from"))
                date(c.to, at("close_date_changes[\(k)].to"))
                sizeBound += 48 + 3 * Self.dayBytes
            }
        }
        decodes = stageHistory(d.pointee.stageHistory, deal: i, known) && decodes
        date(d.pointee.lastActivity, at("last_activity")); scalar("last_activity", d.pointee.lastActivity != nil)
        number(d.pointee.deliveryCost, at("delivery_cost"), min: 0); scalar("delivery_cost", d.pointee.deliveryCost != nil)
        string("lost_reason", d.pointee.lostReason)
        if let p = d.pointee.pov {
            unknown(p.unknownKeys, known: ["started", "ended", "outcome"])
            date(p.started, at("pov.started"))
            date(p.ended, at("pov.ended"))
            member("pov", 48 + 2 * Self.dayBytes + (p.outcome.map(Self.stringBytes) ?? 0))
        }
        scalar("founder_in_final_meeting", d.pointee.founderInFinalMeeting != nil)
        if let c = d.pointee.churn {
            unknown(c.unknownKeys, known: ["on", "amount"])
            date(c.on, at("churn.on"))
            number(c.amount, at("churn.amount"), required: true, min: 0)
            member("churn", 32 + Self.dayBytes + Self.numberBytes)
        }
        string("next_step", d.pointee.nextStep)
        if let a = d.pointee.stallAck {
            unknown(a.unknownKeys, known: ["until", "note"])
            date(a.until, at("stall_ack.until"))
            member("stall_ack", 32 + Self.dayBytes + (a.note.map(Self.stringBytes) ?? 0))
        }
        number(d.pointee.probability, at("probability"), min: 0, max: 1); scalar("probability", d.pointee.probability != nil)
        date(d.pointee.goneOn, at("gone_on")); scalar("gone_on", d.pointee.goneOn != nil)
        return decodes
    }

    /// `EngagementDecoder.stageHistory`: true when it decodes (not empty, every entry valid).
    mutating func stageHistory(_ history: [StageEntry], deal i: Int, _ known: KnownStages) -> Bool {
        var path: String { "deals[\(i)].stage_history" }
        member("stage_history", 16)
        guard !history.isEmpty else {
            error(path, "stage_history must not be empty: a deal is in the stage of its last entry")
            return false
        }
        var valid = true
        var previous: Day?
        for (k, entry) in history.enumerated() {
            unknown(entry.unknownKeys, known: ["stage", "on"])
            sizeBound += 48 + Self.stringBytes(entry.stage) + Self.dayBytes
            let stageKnown = known.contains(entry.stage)
            if !stageKnown { error("\(path)[\(k)].stage", unknownStageMessage(entry.stage, stages: known.ids)) }
            guard date(entry.on, "\(path)[\(k)].on"), stageKnown else { valid = false; continue }
            // Compared with the last entry that decoded, as the loader's `out.last`.
            if let previous, entry.on < previous {
                error("\(path)[\(k)].on", "the dates go backwards: \(entry.on) is before \(previous) of the entry before")
                valid = false
            }
            previous = entry.on
        }
        return valid
    }
}

/// The stage ids the loader keeps, looked up as its `stageIDs` dictionary does (`String` equality).
struct KnownStages {
    let ids: [String]
    private let set: Set<String>?

    init(_ ids: [String]) {
        self.ids = ids
        set = ids.count > 16 ? Set(ids) : nil
    }

    func contains(_ id: String) -> Bool { set?.contains(id) ?? ids.contains(id) }
}
