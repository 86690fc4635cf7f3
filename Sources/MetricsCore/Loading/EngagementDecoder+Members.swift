/// What decoding each top-level member of a file gave, so that a decode of an edited copy of the
/// file (the check after a save's edit, the load under the next save's lock) takes the members
/// the edit left as they were instead of decoding them again.
struct DecodedMembers: Sendable {
    struct Member: Sendable {
        /// The member's value node on the tape it was decoded from, and that value's file offset.
        let node: Int
        let offset: Int
        /// The problems its decoding reported, in order, at their offsets then.
        let problems: [TapeReader.RawProblem]
    }

    /// By key; of a key written twice, the member read (the last).
    let members: [String: Member]
    let deals: DecodedDeals
}

/// An earlier decode to take members from: its record, the engagement it gave, and which value
/// nodes of the tape now decoded were taken from its tape, byte for byte (`JSONTape.rescanning`).
struct PreviousDecode {
    let members: DecodedMembers
    let engagement: Engagement
    /// Value node now → value node then.
    let unchanged: [Int: Int]
}

extension EngagementDecoder {
    /// The previous engagement, when member `key` can be taken from it: its bytes are unchanged, and
    /// so are those of the members its decoding reads (the deals read the stages, reps and
    /// accounts; the autopsies read the deals' ids). Its problems are moved to its new place.
    mutating func takeUnchanged(_ key: String, _ members: [String: Int]) -> Engagement? {
        guard let previous, isTakeable(key, members), let now = members[key], let then = previous.members.members[key] else { return nil }
        let shift = r.offset(now) - then.offset
        for var problem in then.problems {
            problem.offset = problem.offset.map { $0 + shift }
            r.problems.append(problem)
            if problem.severity == .error { r.listsAnError = true }
        }
        takenMembers.append(key)
        return previous.engagement
    }

    func isTakeable(_ key: String, _ members: [String: Int]) -> Bool {
        guard isUnchanged(key, members) else { return false }
        switch key {
        case "deals": return ["stages", "reps", "accounts"].allSatisfy { isUnchanged($0, members) }
        case "autopsies": return isTakeable("deals", members)
        default: return true
        }
    }

    /// Absent then and now, or present with the same bytes.
    func isUnchanged(_ key: String, _ members: [String: Int]) -> Bool {
        guard let previous else { return false }
        switch (members[key], previous.members.members[key]) {
        case (nil, nil): return true
        case let (now?, then?): return previous.unchanged[now] == then.node
        default: return false
        }
    }

    /// The stages as `decodeStages` leaves them: every kept stage has a distinct id.
    mutating func takeStages(_ taken: [Stage]) {
        stages = taken
        stageIDs = Dictionary(uniqueKeysWithValues: taken.enumerated().map { ($0.element.id, $0.offset) })
    }

    /// The deals' ids and their record as the previous decode had them; `problems` are theirs, moved.
    mutating func takeDeals(at node: Int, problems: [TapeReader.RawProblem]) {
        guard let then = previous?.members.deals else { return }
        dealIDs = then.ids
        decodedDeals = DecodedDeals(deals: then.deals, ids: then.ids, problems: problems, offset: r.offset(node), inputs: then.inputs)
    }
}
