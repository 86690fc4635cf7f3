/// The deals, as `EngagementDecoder.deal` checks them.
extension ModelChecker {
    mutating func deals(_ deals: [Deal], stages kept: [String]) {
        let known = KnownStages(kept)
        // Deal id → first position among the deals the loader keeps (those without a blocking error).
        var firstAt: [String: Int] = [:]
        firstAt.reserveCapacity(deals.count)
        sizeBound += 64
        // Each deal borrowed in the array's memory: a copy would retain and release its every string.
        deals.withUnsafeBufferPointer { deals in
            for i in deals.indices {
                let start = problems.count
                // Only a deal that decodes takes part in the duplicate-id check (`EngagementDecoder.deals`).
                // The importer makes no duplicate (it skips a repeated id), nor an empty id or
                // history, a negative amount or dates going backwards; checked all the same.
                guard deal(deals[i], at: i, known) else { continue }
                let id = deals[i].id
                if let first = firstAt[id] {
                    // At the deal's id, its first member: before its other problems.
                    problems.insert(Problem(file: file, line: nil, column: nil, path: "deals[\(i)].id", severity: .error,
                                            message: boundingQuotedValues("duplicate id \(jsonQuoted(id)) (also deals[\(first)])")), at: start)
                } else {
                    firstAt[id] = i
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
    mutating func deal(_ d: borrowing Deal, at i: Int, _ known: KnownStages) -> Bool {
        func at(_ key: String) -> String { "deals[\(i)].\(key)" }
        unknown(d.unknownKeys, known: Self.dealKeys)
        sizeBound += 32
        var decodes = id(d.id, at("id"))
        member("id", Self.stringBytes(d.id)); member("name", Self.stringBytes(d.name))
        string("account", d.account); string("owner", d.owner)
        let before = problems.count
        number(d.amount, at("amount"), required: true, min: 0)
        decodes = decodes && problems.count == before
        member("amount", Self.numberBytes)
        integer(d.termMonths, at("term_months"), range: 1...10_000, expected: "a positive integer")
        scalar("term_months", d.termMonths != nil)
        string("type", d.typeName); string("segment", d.segment); string("source", d.source)
        decodes = date(d.created, at("created")) && decodes
        member("created", Self.dayBytes)
        date(d.firstMeeting, at("first_meeting")); scalar("first_meeting", d.firstMeeting != nil)
        date(d.expectedClose, at("expected_close")); scalar("expected_close", d.expectedClose != nil)
        if !d.closeDateChanges.isEmpty {
            member("close_date_changes", 16)
            for (k, c) in d.closeDateChanges.enumerated() {
                unknown(c.unknownKeys, known: ["on", "from", "to"])
                date(c.on, at("close_date_changes[\(k)].on"))
                date(c.from, at("close_date_changes[\(k)].from"))
                date(c.to, at("close_date_changes[\(k)].to"))
                sizeBound += 48 + 3 * Self.dayBytes
            }
        }
        decodes = stageHistory(d.stageHistory, at("stage_history"), known) && decodes
        date(d.lastActivity, at("last_activity")); scalar("last_activity", d.lastActivity != nil)
        number(d.deliveryCost, at("delivery_cost"), min: 0); scalar("delivery_cost", d.deliveryCost != nil)
        string("lost_reason", d.lostReason)
        if let p = d.pov {
            unknown(p.unknownKeys, known: ["started", "ended", "outcome"])
            date(p.started, at("pov.started"))
            date(p.ended, at("pov.ended"))
            member("pov", 48 + 2 * Self.dayBytes + (p.outcome.map(Self.stringBytes) ?? 0))
        }
        scalar("founder_in_final_meeting", d.founderInFinalMeeting != nil)
        if let c = d.churn {
            unknown(c.unknownKeys, known: ["on", "amount"])
            date(c.on, at("churn.on"))
            number(c.amount, at("churn.amount"), required: true, min: 0)
            member("churn", 32 + Self.dayBytes + Self.numberBytes)
        }
        string("next_step", d.nextStep)
        if let a = d.stallAck {
            unknown(a.unknownKeys, known: ["until", "note"])
            date(a.until, at("stall_ack.until"))
            member("stall_ack", 32 + Self.dayBytes + (a.note.map(Self.stringBytes) ?? 0))
        }
        number(d.probability, at("probability"), min: 0, max: 1); scalar("probability", d.probability != nil)
        date(d.goneOn, at("gone_on")); scalar("gone_on", d.goneOn != nil)
        return decodes
    }

    /// `EngagementDecoder.stageHistory`: true when it decodes (not empty, every entry valid).
    mutating func stageHistory(_ history: [StageEntry], _ path: String, _ known: KnownStages) -> Bool {
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
