import Dispatch

/// The deals of a `deals` array read without a tape (`DirectDeals`).
extension EngagementDecoder {
    /// Each deal read directly is checked against the stages, reps and accounts (what its reader
    /// could not know) and moved to its place, a thread per part; one that fails a check, and
    /// each deal on a small tape, is then decoded by `deal(_:_:r:)` as in a whole load. The
    /// deals, their order, the problems and their places are those `deals(_:)` gives from a
    /// whole tape (`DirectDealsTests`).
    mutating func deals(read: DirectDealsRead) -> [Deal] {
        let total = read.count
        WorkProgress.shared.addDeals(total: total)
        guard total > 0 else { dealIDs = IDTable(); return [] }
        let stageKeys = KeyTable(stages.map(\.id)), repKeys = KeyTable(Array(repIDs)), accountKeys = KeyTable(Array(accountIDs))
        defer { stageKeys.deallocate(); repKeys.deallocate(); accountKeys.deallocate() }
        let context = DealContext(stageIDs: stageIDs, stages: stages, stageList: stages.map(\.id), stageKeys: stageKeys,
                                  repIDs: repIDs, accountIDs: accountIDs, repKeys: repKeys, accountKeys: accountKeys)
        // Per element: where its id is and its hash, for a deal in place; else how to decode it.
        var placed = [Placed](repeating: .decode(start: 0), count: total)
        var tapes: [Int: JSONTape] = [:]
        var first = 0
        for part in read.parts {
            for (element, tape) in part.taped { tapes[first + element] = tape }
            first += part.elements
        }
        let out = [Deal](unsafeUninitializedCapacity: total) { buffer, count in
            let slots = UncheckedSendable(value: buffer.baseAddress!)
            placed.withUnsafeMutableBufferPointer { placedSlots in
                let placedBase = UncheckedSendable(value: placedSlots.baseAddress!)
                var starts: [Int] = [], at = 0
                for part in read.parts { starts.append(at); at += part.elements }
                let firsts = starts
                let work: @Sendable (Int) -> Void = { p in
                    Self.place(read.parts[p], from: firsts[p], context, into: slots.value, placed: placedBase.value)
                }
                if read.parts.count == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: read.parts.count, execute: work) }
            }
            count = settle(buffer.baseAddress!, placed, tapes, context)
        }
        return out
    }

    /// Where a deal read directly stands after its checks.
    enum Placed {
        /// In its slot, checked: its id's offset (in the text) and hash.
        case inPlace(idOffset: Int, hash: Int?)
        /// Not in its slot: decoded from a tape of its own, or from the text at `start`.
        case decode(start: Int)
    }

    /// Checks the part's deals and moves each that passes to its slot (`from` on); frees the
    /// others. The part's memory is given back as it is emptied.
    private static func place(_ part: DirectDealsPart, from first: Int, _ context: DealContext,
                              into slots: UnsafeMutablePointer<Deal>, placed: UnsafeMutablePointer<Placed>) {
        let checks = StageChecks(part.stageNames, context)
        var direct = 0, taped = 0, given = 0
        defer { WorkProgress.shared.addDeals(decoded: part.elements % 1024) }
        for element in 0..<part.elements {
            if element & 1023 == 1023 { WorkProgress.shared.addDeals(decoded: 1024) }
            if taped < part.taped.count && part.taped[taped].element == element {
                taped += 1
                continue
            }
            let facts = part.facts[direct], deal = part.deals + direct
            if checks.pass(deal, facts, context) {
                (slots + first + element).moveInitialize(from: deal, count: 1)
                placed[first + element] = .inPlace(idOffset: facts.idOffset, hash: facts.idHash)
            } else {
                deal.deinitialize(count: 1)
                placed[first + element] = .decode(start: facts.start)
            }
            direct += 1
            if direct - given == 1024 {
                PageRelease.giveBack(UnsafeRawPointer(part.deals + given), byteCount: (direct - given) * MemoryLayout<Deal>.stride)
                given = direct
            }
        }
        part.isEmptied = true
    }

    /// In file order: decodes what was not placed, finds duplicate ids, and closes the gaps of
    /// deals left out; the count of deals kept.
    private mutating func settle(_ slots: UnsafeMutablePointer<Deal>, _ placed: [Placed], _ tapes: [Int: JSONTape], _ context: DealContext) -> Int {
        let total = placed.count
        // Problems are gathered per half of the array, as `deals(_:)` gathers them per thread, so
        // that a list that fills up keeps the same ones.
        let chunkSize = (total + 1) / (total >= Self.parallelThreshold ? 2 : 1)
        let startsWithError = r.listsAnError
        var chunk = (problems: [TapeReader.RawProblem](), listsAnError: startsWithError)
        var duplicates: [(index: Int, offset: Int, message: String)] = []
        var ids = IDTable(minimumCapacity: total)
        func endChunk() {
            r.problems.append(contentsOf: chunk.problems)
            chunk = ([], startsWithError)
            for d in duplicates {
                r.path.append(.index(d.index)); r.path.append(.key("id"))
                r.report(.error, at: d.offset, d.message)
                r.path.removeLast(2)
            }
            duplicates = []
        }
        var count = 0
        for index in 0..<total {
            if index == chunkSize { endChunk() }
            let idOffset: Int, hash: Int?
            switch placed[index] {
            case let .inPlace(offset, h):
                idOffset = r.base + offset
                hash = h
            case .decode(let start):
                guard let tape = tapes[index] ?? DirectDeals.smallTape(r.bytes, at: start)?.0 else {
                    preconditionFailure("a deal read directly is JSON")
                }
                var reader = TapeReader(bytes: r.bytes, base: r.base, tape: tape)
                swap(&reader.problems, &chunk.problems)
                reader.listsAnError = chunk.listsAnError
                reader.path = r.path
                reader.path.append(.index(index))
                let decoded = reader.expectObject(0) ? Self.deal(0, context, r: &reader) : nil
                swap(&reader.problems, &chunk.problems)
                chunk.listsAnError = reader.listsAnError
                guard let (deal, idNode) = decoded else { continue }
                (slots + index).initialize(to: deal)
                idOffset = reader.offset(idNode)
                hash = IDTable.hash(deal.id)
            }
            let slot = slots + index
            if let first = ids.insert(slot.pointee.id, at: index, hash: hash) {
                duplicates.append((index, idOffset, "duplicate id \(jsonQuoted(slot.pointee.id)) (also deals[\(first)])"))
                slot.deinitialize(count: 1)
                continue
            }
            if index != count { (slots + count).moveInitialize(from: slot, count: 1) }
            count += 1
        }
        endChunk()
        dealIDs = ids
        return count
    }

    /// What the reader of one part could not check: its local stage numbers known, closed, open.
    struct StageChecks {
        var known: UInt64 = 0, closed: UInt64 = 0, open: UInt64 = 0

        init(_ names: [String], _ c: DealContext) {
            for (k, name) in names.enumerated() {
                guard let s = c.stageIndex(of: name) else { continue }
                known |= 1 << UInt64(k)
                if c.stages[s].outcome == nil { open |= 1 << UInt64(k) } else { closed |= 1 << UInt64(k) }
            }
        }

        /// Whether `deal(_:_:r:)` would read the deal without a problem.
        func pass(_ deal: UnsafePointer<Deal>, _ facts: DirectDealFacts, _ c: DealContext) -> Bool {
            // Every stage known; none closed before the deal was created; an open deal has an expected close.
            guard facts.usedStages & ~known == 0, facts.earlyStages & closed == 0 else { return false }
            if !facts.expectedCloseGiven && open & (1 << UInt64(facts.lastStage)) != 0 { return false }
            // Through the pointer: a deal is a few hundred bytes, and a copy retains each of its strings.
            if let account = deal.pointee.account, !Self.names(account, c.accountKeys) { return false }
            if let owner = deal.pointee.owner, !Self.names(owner, c.repKeys) { return false }
            return true
        }

        /// As `DealContext.names` reads a value without escapes: by its bytes.
        private static func names(_ id: String, _ keys: KeyTable) -> Bool {
            var id = id
            return id.withUTF8 { keys.number(of: $0) } >= 0
        }
    }
}
