import Dispatch

/// The root's `deals` array read without a tape, for a load that reads its file once (a
/// report, a check): the scanner hands the array to `read(arrayAt:)` and puts one node for it
/// on the tape, without children; the decoder then takes the deals from here
/// (`EngagementDecoder+DirectDeals.swift`).
///
/// A large array is read on two threads, the second from a likely element in the middle
/// (`JSONTape.likelySplit`), confirmed as the tape's split scan confirms it: the first reader
/// reaches that byte as the start of an element. A deal the direct reader does not take is
/// scanned onto a small tape of its own. Text that is not JSON gives `nil`, and the scanner
/// scans the array itself, so a syntax error is the one a whole scan finds.
final class DirectDeals: @unchecked Sendable {
    let text: UnsafeBufferPointer<UInt8>
    /// Each array read, by the text offset of its `[` (a root with the key twice has two).
    private(set) var reads: [Int: DirectDealsRead] = [:]

    init(text: UnsafeBufferPointer<UInt8>) { self.text = text }

    /// The scanner's hook at the root's `deals` array: where it ends (after its `]`) and its count.
    func read(arrayAt open: Int) -> (end: Int, count: Int)? {
        guard let read = Self.read(text, at: open) else { return nil }
        reads[open] = read
        return (read.end, read.count)
    }

    func read(at open: Int) -> DirectDealsRead? { reads[open] }

    /// The array at `open` read; its bytes told to `WorkProgress` as read, exactly once when it
    /// is read (`end - open` in all), none when it is not.
    static func read(_ text: UnsafeBufferPointer<UInt8>, at open: Int) -> DirectDealsRead? {
        var parts: [DirectDealsPart] = []
        let read = readParts(text, at: open, made: &parts)
        let told = parts.reduce(0) { $0 + $1.toldBytes }
        WorkProgress.shared.addBytes(scanned: read.map { $0.end - open - told } ?? -told)
        return read
    }

    private static func readParts(_ text: UnsafeBufferPointer<UInt8>, at open: Int, made parts: inout [DirectDealsPart]) -> DirectDealsRead? {
        var reader = DirectDealReader(bytes: text, at: open + 1)
        reader.skipSpace()
        guard reader.i < text.count else { return nil }
        if text[reader.i] == UInt8(ascii: "]") { return DirectDealsRead(parts: [], end: reader.i + 1) }
        let likely = text.count - open >= JSONTape.splitThreshold ? JSONTape.likelySplit(text) : nil
        let first = DirectDealsPart(expecting: (likely ?? text.count) - open)
        parts.append(first)
        guard let split = likely, split > reader.i else {
            guard case .closed(let end)? = readElements(&reader, into: first, pausingAt: -1) else { return nil }
            return DirectDealsRead(parts: [first], end: end)
        }
        let second = DirectDealsPart(expecting: text.count - split)
        parts.append(second)
        let shared = UncheckedSendable(value: text)
        let group = DispatchGroup()
        let secondEnd = SecondEnd()
        DispatchQueue.global().async(group: group) {
            var tail = DirectDealReader(bytes: shared.value, at: split)
            if case .closed(let end)? = readElements(&tail, into: second, pausingAt: -1) { secondEnd.value = end }
        }
        let stop = readElements(&reader, into: first, pausingAt: split)
        group.wait()
        switch stop {
        case nil: return nil
        case .closed(let end)?: return DirectDealsRead(parts: [first], end: end)
        case .paused?:
            if secondEnd.value >= 0 { return DirectDealsRead(parts: [first, second], end: secondEnd.value) }
            // The second part is not a run of elements to the `]`: read on alone, as one scanner would.
            guard case .closed(let end)? = readElements(&reader, into: first, pausingAt: -1) else { return nil }
            return DirectDealsRead(parts: [first], end: end)
        }
    }

    enum Stop { case closed(end: Int), paused }

    /// Elements from the reader's place (an element's start) to the array's `]`, or up to the
    /// element that starts at `pausingAt`; `nil` where the text is not JSON.
    static func readElements(_ reader: inout DirectDealReader, into part: DirectDealsPart, pausingAt pause: Int) -> Stop? {
        let text = reader.b
        var told = reader.i
        defer {
            part.stageNames = reader.stageNames
            part.tell(reader.i - told)
        }
        while true {
            // Progress each thousand deals or so: one compare per deal.
            if part.elements & 1023 == 1023 { part.tell(reader.i - told); told = reader.i }
            let start = reader.i
            if !reader.deal(into: part) {
                guard let (tape, end) = smallTape(text, at: start) else { return nil }
                part.taped.append((part.elements, tape))
                reader.i = end
            }
            part.elements += 1
            reader.skipSpace()
            guard reader.i < text.count else { return nil }
            if text[reader.i] == UInt8(ascii: "]") { return .closed(end: reader.i + 1) }
            guard text[reader.i] == UInt8(ascii: ",") else { return nil }
            reader.i += 1
            reader.skipSpace()
            // A trailing comma: the scanner says so.
            if reader.i < text.count && (text[reader.i] == UInt8(ascii: "]") || text[reader.i] == UInt8(ascii: "}")) { return nil }
            if reader.i == pause { return .paused }
        }
    }

    /// The value at `start` (an element of the root's `deals`) on a tape of its own, and where
    /// it ends; `nil` when it is not JSON.
    static func smallTape(_ text: UnsafeBufferPointer<UInt8>, at start: Int) -> (JSONTape, end: Int)? {
        var scanner = TapeScanner(bytes: text, capacity: 64)
        scanner.i = start
        // The root object and the `deals` array are open above it.
        scanner.depthLimit = JSONTape.maxDepth - 2
        do throws(JSONSyntaxError) {
            try scanner.value()
            while let top = scanner.stack.last { try scanner.continueContainer(top) }
        } catch {
            scanner.nodes.deallocate()
            return nil
        }
        return (JSONTape(storage: TapeStorage(scanner.nodes)), scanner.i)
    }

    /// Written by the second thread before the group is waited for, read after.
    private final class SecondEnd: @unchecked Sendable { var value = -1 }
}

/// A `deals` array read directly: its parts in file order and where it ends.
struct DirectDealsRead {
    let parts: [DirectDealsPart]
    let end: Int
    var count: Int { parts.reduce(0) { $0 + $1.elements } }
}

/// The elements one thread read: the deals it read directly (in order) with their facts, and
/// the others on small tapes, with their place among the elements.
final class DirectDealsPart: @unchecked Sendable {
    private(set) var deals: UnsafeMutablePointer<Deal>
    private var capacity: Int
    private(set) var facts: [DirectDealFacts] = []
    var taped: [(element: Int, tape: JSONTape)] = []
    var elements = 0
    /// The reader's local stage numbers: `stageNames[k]` is stage `k` of the facts.
    var stageNames: [String] = []
    /// The deal being read, filled in place (a deal is a few hundred bytes: no copies).
    var building = DirectDealsPart.blank
    /// The bytes this part told `WorkProgress` it read.
    private(set) var toldBytes = 0

    func tell(_ bytes: Int) {
        WorkProgress.shared.addBytes(scanned: bytes)
        toldBytes += bytes
    }

    /// Every deal moved out or destroyed by the decoder: none left to free here.
    var isEmptied = false

    static let blank = Deal(id: "", name: "", amount: 0, created: Day(ordinal: 0), stageHistory: [])

    /// `bytes`: about the text this part reads (a deal is a few hundred bytes of it).
    init(expecting bytes: Int) {
        capacity = max(16, bytes / 512)
        deals = .allocate(capacity: capacity)
        facts.reserveCapacity(capacity)
    }

    /// Moves `building` in as the next deal, and starts a blank one.
    func appendBuilt(_ fact: DirectDealFacts) {
        if facts.count == capacity {
            let larger = UnsafeMutablePointer<Deal>.allocate(capacity: capacity * 2)
            larger.moveInitialize(from: deals, count: facts.count)
            deals.deallocate()
            deals = larger
            capacity *= 2
        }
        withUnsafeMutablePointer(to: &building) { (deals + facts.count).moveInitialize(from: $0, count: 1); $0.initialize(to: Self.blank) }
        facts.append(fact)
    }

    deinit {
        if !isEmptied { deals.deinitialize(count: facts.count) }
        deals.deallocate()
    }
}
