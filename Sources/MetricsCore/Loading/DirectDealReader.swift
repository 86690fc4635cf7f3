import Foundation

/// Reads the usual deal straight from the file's bytes, without a tape (issue 15: the tape of
/// the deals was most of a report's memory and a third of its time).
///
/// It takes only what the tape decoder would read without a word: plain strings (no escape),
/// the known keys once each, values of the expected kinds and ranges. Anything else (an escape,
/// an unknown key, a value a problem would be said of, `pov`, `churn`, `stall_ack`) gives `nil`,
/// and the caller scans that deal onto a small tape of its own for the tape decoder, which
/// says every problem at its place. What it accepts is valid JSON, checked as the scanner
/// checks it (numbers, UTF-8, control characters), so a file it reads has the same syntax
/// errors, none. What needs the stages, reps and accounts is noted (`DirectDealFacts`) and
/// checked once they are decoded.
struct DirectDealReader {
    let b: UnsafeBufferPointer<UInt8>
    var i: Int
    /// The stage ids met, numbered in the order met; at most 64 (a bit each in the facts).
    var stageNames: [String] = []
    private var stageSpans: [(start: Int, count: Int)] = []
    /// Each stage entry's local stage number, of the deal being read.
    private var entryStages: [Int] = []
    /// The contents of the last string read.
    private var lastString = 0..<0

    init(bytes: UnsafeBufferPointer<UInt8>, at start: Int) {
        b = bytes
        i = start
        entryStages.reserveCapacity(16)
    }

    /// One deal from the `{` at `i`, appended to `part` with what its checks against the stages,
    /// reps and accounts need; false (`i` anywhere) when the tape decoder must read it.
    mutating func deal(into part: DirectDealsPart) -> Bool {
        guard let facts = deal(&part.building) else {
            part.building = DirectDealsPart.blank
            return false
        }
        part.appendBuilt(facts)
        return true
    }

    /// Reads into `d` (a deal of defaults) and gives its facts; `nil` as `deal(into:)`.
    private mutating func deal(_ d: inout Deal) -> DirectDealFacts? {
        let open = i
        guard i < b.count, b[i] == openBrace else { return nil }
        i &+= 1
        var facts = DirectDealFacts(start: open)
        var seen: UInt32 = 0
        entryStages.removeAll(keepingCapacity: true)
        skipSpace()
        while true {
            guard let key = memberKey() else { return nil }
            let number = dealKeys.number(of: UnsafeBufferPointer(rebasing: b[key]))
            guard number >= 0, seen & (1 << UInt32(number)) == 0, let name = DealKey(rawValue: number) else { return nil }
            seen |= 1 << UInt32(number)
            switch name {
            case .id:
                guard b[i] == quote, let s = plainString(), !s.isEmpty else { return nil }
                facts.idOffset = s.lowerBound - 1
                d.id = text(s)
            case .name:
                guard b[i] == quote, let s = plainString() else { return nil }
                d.name = text(s)
            case .account: guard optionalText(&d.account) else { return nil }
            case .owner: guard optionalText(&d.owner) else { return nil }
            case .amount:
                guard let v = plainNumber(), v >= 0, v <= LoadLimits.maxMagnitude else { return nil }
                d.amount = v
            case .termMonths:
                if literal("null") { break }
                guard let v = plainNumber(), v.rounded() == v, v >= 1, v <= 10_000 else { return nil }
                d.termMonths = Int(v)
            case .type:
                guard optionalText(&d.typeName) else { return nil }
                if d.typeName != nil && !lastStringIsKind { return nil }
            case .segment: guard optionalText(&d.segment) else { return nil }
            case .source: guard optionalText(&d.source) else { return nil }
            case .created:
                guard b[i] == quote, let day = plainDate() else { return nil }
                d.created = day
            case .firstMeeting: guard optionalDate(&d.firstMeeting) else { return nil }
            case .expectedClose:
                facts.expectedCloseGiven = b[i] != UInt8(ascii: "n")
                guard optionalDate(&d.expectedClose) else { return nil }
            case .closeDateChanges:
                guard let changes = closeDateChanges() else { return nil }
                d.closeDateChanges = changes
            case .stageHistory:
                guard let history = stageHistory() else { return nil }
                d.stageHistory = history
            case .lastActivity: guard optionalDate(&d.lastActivity) else { return nil }
            case .deliveryCost: guard optionalNumber(&d.deliveryCost, max: LoadLimits.maxMagnitude) else { return nil }
            case .lostReason: guard optionalText(&d.lostReason) else { return nil }
            case .founderInFinalMeeting:
                if literal("true") { d.founderInFinalMeeting = true } else if literal("false") { d.founderInFinalMeeting = false } else if !literal("null") { return nil }
            case .nextStep: guard optionalText(&d.nextStep) else { return nil }
            case .probability: guard optionalNumber(&d.probability, max: 1) else { return nil }
            case .goneOn: guard optionalDate(&d.goneOn) else { return nil }
            case .pov, .churn, .stallAck: return nil
            }
            skipSpace()
            guard i < b.count else { return nil }
            if b[i] == comma { i &+= 1; skipSpace(); continue }
            guard b[i] == closeBrace else { return nil }
            i &+= 1
            break
        }
        guard seen & Self.requiredKeys == Self.requiredKeys else { return nil }
        // The tape decoder's warnings on dates (engagement-format.md's data quality).
        let history = d.stageHistory
        if history[0].on < d.created { return nil }
        if let activity = d.lastActivity, activity < d.created { return nil }
        for k in 1..<history.count where history[k].on < d.created { facts.earlyStages |= 1 << UInt64(entryStages[k]) }
        for s in entryStages { facts.usedStages |= 1 << UInt64(s) }
        facts.lastStage = entryStages[entryStages.count - 1]
        facts.idHash = IDTable.hash(d.id)
        return facts
    }

    private static let requiredKeys: UInt32 = [DealKey.id, .name, .amount, .created, .stageHistory].reduce(0) { $0 | 1 << UInt32($1.rawValue) }

    /// The string just read spells a known deal type (`Deal.Kind`), byte for byte.
    private var lastStringIsKind: Bool {
        let s = lastString
        return matches(s, "new_logo") || matches(s, "expansion") || matches(s, "renewal")
    }

    // MARK: Lists

    /// A non-empty history of `{"stage", "on"}` entries, dates not going backwards.
    private mutating func stageHistory() -> [StageEntry]? {
        guard b[i] == openBracket else { return nil }
        i &+= 1
        skipSpace()
        var out: [StageEntry] = []
        out.reserveCapacity(4)
        while true {
            guard i < b.count, b[i] == openBrace else { return nil }
            i &+= 1
            var stage = -1, on: Day?
            for member in 0..<2 {
                skipSpace()
                guard let key = memberKey(), b[i] == quote else { return nil }
                if key.count == 5 && matches(key, "stage") && stage < 0 {
                    guard let s = plainString(), let local = localStage(s) else { return nil }
                    stage = local
                } else if key.count == 2 && matches(key, "on") && on == nil {
                    guard let day = plainDate() else { return nil }
                    on = day
                } else {
                    return nil
                }
                skipSpace()
                guard i < b.count else { return nil }
                if member == 0 { guard b[i] == comma else { return nil }; i &+= 1 }
            }
            guard b[i] == closeBrace, stage >= 0, let on else { return nil }
            i &+= 1
            if let previous = out.last, on < previous.on { return nil }
            out.append(StageEntry(stage: stageNames[stage], on: on))
            entryStages.append(stage)
            guard let more = moreElements() else { return nil }
            if !more { return out }
        }
    }

    /// `null`, `[]` or `{"on", "from", "to"}` entries, each key once.
    private mutating func closeDateChanges() -> [CloseDateChange]? {
        if literal("null") { return [] }
        guard b[i] == openBracket else { return nil }
        i &+= 1
        skipSpace()
        var out: [CloseDateChange] = []
        if i < b.count && b[i] == closeBracket { i &+= 1; return out }
        while true {
            guard i < b.count, b[i] == openBrace else { return nil }
            i &+= 1
            var dates: [Day?] = [nil, nil, nil]
            for member in 0..<3 {
                skipSpace()
                guard let key = memberKey() else { return nil }
                let slot = matches(key, "on") ? 0 : matches(key, "from") ? 1 : matches(key, "to") ? 2 : -1
                guard slot >= 0, dates[slot] == nil, b[i] == quote, let day = plainDate() else { return nil }
                dates[slot] = day
                skipSpace()
                guard i < b.count else { return nil }
                if member < 2 { guard b[i] == comma else { return nil }; i &+= 1 }
            }
            guard b[i] == closeBrace, let on = dates[0], let from = dates[1], let to = dates[2] else { return nil }
            i &+= 1
            out.append(CloseDateChange(on: on, from: from, to: to))
            guard let more = moreElements() else { return nil }
            if !more { return out }
        }
    }

    /// After an array's element: true past a `,` (the next element at `i`), false past the `]`,
    /// nil for anything else.
    private mutating func moreElements() -> Bool? {
        skipSpace()
        guard i < b.count else { return nil }
        if b[i] == comma { i &+= 1; skipSpace(); return true }
        guard b[i] == closeBracket else { return nil }
        i &+= 1
        return false
    }

    /// A member's plain key at `i`, read up to its value (`i` then on the value's first byte).
    private mutating func memberKey() -> Range<Int>? {
        guard i < b.count, b[i] == quote, let key = plainString() else { return nil }
        skipSpace()
        guard i < b.count, b[i] == colon else { return nil }
        i &+= 1
        skipSpace()
        return i < b.count ? key : nil
    }

    /// The local number of the stage id spelled at `s`: ids are few, and matched by their bytes.
    private mutating func localStage(_ s: Range<Int>) -> Int? {
        for (k, span) in stageSpans.enumerated() where span.count == s.count {
            if memcmp(b.baseAddress! + span.start, b.baseAddress! + s.lowerBound, s.count) == 0 { return k }
        }
        guard stageNames.count < 64 else { return nil }
        stageSpans.append((s.lowerBound, s.count))
        stageNames.append(text(s))
        return stageNames.count - 1
    }

    // MARK: Values

    private mutating func optionalText(_ out: inout String?) -> Bool {
        if literal("null") { out = nil; return true }
        guard b[i] == quote, let s = plainString() else { return false }
        out = text(s)
        return true
    }

    private mutating func optionalDate(_ out: inout Day?) -> Bool {
        if literal("null") { out = nil; return true }
        guard b[i] == quote, let day = plainDate() else { return false }
        out = day
        return true
    }

    /// A number from 0 to `max`, or `null`.
    private mutating func optionalNumber(_ out: inout Double?, max: Double) -> Bool {
        if literal("null") { out = nil; return true }
        guard let v = plainNumber(), v >= 0, v <= max, v <= LoadLimits.maxMagnitude else { return false }
        out = v
        return true
    }

    private mutating func plainDate() -> Day? {
        guard let s = plainString() else { return nil }
        return Day(utf8: UnsafeBufferPointer(rebasing: b[s]))
    }

    @inline(__always) private func text(_ s: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[s]), as: UTF8.self)
    }

    @inline(__always) private func matches(_ s: Range<Int>, _ word: StaticString) -> Bool {
        s.count == word.utf8CodeUnitCount && memcmp(b.baseAddress! + s.lowerBound, word.utf8Start, s.count) == 0
    }

    /// `word` at `i` (a literal), read past.
    private mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= b.count, memcmp(b.baseAddress! + i, word.utf8Start, n) == 0 else { return false }
        i &+= n
        return true
    }

    /// The contents of the string whose quote is at `i`, when it has no escape and is valid
    /// UTF-8 without control characters; `i` then after its closing quote.
    private mutating func plainString() -> Range<Int>? {
        i &+= 1
        let start = i
        while true {
            i = JSONText.plainRunEnd(b, from: i)
            guard i < b.count else { return nil }
            let c = b[i]
            if c == quote { i &+= 1; lastString = start..<(i - 1); return lastString }
            if c == backslash || c < 0x20 { return nil }
            guard let length = utf8SequenceLength(b, at: i) else { return nil }
            i &+= length
        }
    }

    /// A number as the scanner reads it (the JSON grammar), then as the tape decoder reads it.
    private mutating func plainNumber() -> Double? {
        let start = i
        guard case .success(let end) = JSONText.numberEnd(b, from: start) else { return nil }
        i = end
        return parseDouble(UnsafeBufferPointer(rebasing: b[start..<end]))
    }

    @inline(__always) mutating func skipSpace() { i = JSONText.spaceEnd(b, from: i) }
}

/// What checking a directly read deal needs once the stages, reps and accounts are known.
struct DirectDealFacts {
    /// The text offset of the deal's `{`: where the tape decoder reads it when a check fails.
    var start: Int
    /// The text offset of its id's opening quote (a duplicate id is said there).
    var idOffset = 0
    var idHash: Int?
    /// The local stage numbers of its history, a bit each; those of entries (after the first)
    /// dated before the deal was created; the last entry's.
    var usedStages: UInt64 = 0
    var earlyStages: UInt64 = 0
    var lastStage = 0
    /// `expected_close` is there and not `null`.
    var expectedCloseGiven = false

    init(start: Int) { self.start = start }
}

private let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), comma = UInt8(ascii: ",")
private let colon = UInt8(ascii: ":"), openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
private let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
