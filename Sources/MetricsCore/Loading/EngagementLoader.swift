import Foundation

/// One engagement file after loading: the engagement when it has no errors, and every problem.
public struct LoadedFile: Sendable {
    /// The path as given (or the folder joined with the file name).
    public var file: String
    public var engagement: Engagement?
    /// The first `LoadLimits.maxProblems`, in document order.
    public var problems: [Problem]
    /// The demo bundled in the binary, not a file on disk: never written, whatever its display
    /// name (`demo/<client>.json`) happens to match in the current folder.
    public var isBundledDemo = false
    /// Why this user may not save the file, found when it was read for the cockpit
    /// (`EngagementFile.whyNotWritable`); nil when it may be saved or was not asked.
    public var whyNotWritable: String?
    /// Problems beyond those listed: counted only.
    public var unlisted = ProblemCounts()

    public init(file: String, engagement: Engagement?, problems: [Problem], unlisted: ProblemCounts = ProblemCounts()) {
        self.file = file; self.engagement = engagement; self.problems = problems; self.unlisted = unlisted
    }

    public var errors: [Problem] { problems.filter { $0.severity == .error } }
    public var warnings: [Problem] { problems.filter { $0.severity == .warning } }
    /// Every error and warning, listed or not.
    public var counts: ProblemCounts {
        var c = unlisted
        for p in problems { c.add(p.severity) }
        return c
    }
    public var isRejected: Bool { engagement == nil }
}

/// Loads and validates engagement files, format 1.
///
/// Never traps on bad input: unreadable, empty, binary, non-UTF-8 and malformed files all come
/// back as problems with a place in the file where one exists.
public enum EngagementLoader {
    /// Reads and loads the file at `path`; `displayName` is what problems call the file.
    ///
    /// `keepingForSaves` (the cockpit, which saves what it shows): the load is kept whole for the
    /// path's next save, which then finds the file unchanged under its lock, and for its next
    /// load, which takes from it what is unchanged (`KeptLoads`: memory, about 2.6 times the file).
    public static func load(path: String, displayName: String? = nil, keepingForSaves: Bool = false) -> LoadedFile {
        let name = displayName ?? path
        switch readFile(path) {
        case .failure(let reason):
            return LoadedFile(file: name, engagement: nil, problems: [
                Problem(file: name, line: nil, column: nil, path: "", severity: .error, message: reason.message),
            ])
        case .success(let bytes) where keepingForSaves:
            let (loaded, kept) = KeptLoad.load(bytes, file: name, after: KeptLoads.shared.get(path), reusing: DecodedDealsCache.shared.get(path))
            KeptLoads.shared.set(path, loaded.engagement == nil ? nil : kept)
            DecodedDealsCache.shared.set(path, kept?.deals)
            return loaded
        case .success(let bytes):
            // The deals of this path's previous load are taken again if their bytes are unchanged.
            // A process that reads each file once (no deals remembered) reads the tape only once.
            var unusedTape: JSONTape?, decoded: DecodedDeals?
            let once = !DecodedDealsCache.shared.isEnabled
            let loaded = bytes.withUnsafeBufferPointer {
                load(bytes: $0, file: name, keepingTape: &unusedTape, reusing: DecodedDealsCache.shared.get(path), decodedDeals: &decoded,
                     remembering: !once, consumingTape: once)
            }
            DecodedDealsCache.shared.set(path, decoded)
            return loaded
        }
    }

    /// Loads an engagement from the bytes of a file.
    public static func load(bytes: UnsafeBufferPointer<UInt8>, file: String) -> LoadedFile {
        var unused: JSONTape?
        return load(bytes: bytes, file: file, keepingTape: &unused)
    }

    /// `load`, also handing back the scanner's tape (for an editor of the same bytes, which then
    /// need not scan them again).
    static func load(bytes: UnsafeBufferPointer<UInt8>, file: String, keepingTape kept: inout JSONTape?) -> LoadedFile {
        var unused: DecodedDeals?
        return load(bytes: bytes, file: file, keepingTape: &kept, reusing: nil, decodedDeals: &unused)
    }

    /// `load`, taking `reusing` instead of decoding the deals (the bytes must hold the same
    /// `deals` array, byte for byte, as those it was decoded from), and handing back the deals
    /// it decoded.
    /// `consumingTape`: nothing reads the tape after this load (`kept` is then nil), so its nodes
    /// are given back to the system as the deals are decoded.
    static func load(bytes: UnsafeBufferPointer<UInt8>, file: String, keepingTape kept: inout JSONTape?,
                     reusing: DecodedDeals?, decodedDeals: inout DecodedDeals?, remembering: Bool = true, consumingTape: Bool = false) -> LoadedFile {
        var none: JSONTape?
        let decoded = decode(bytes: bytes, file: file, reusing: reusing, after: nil, tape: &none, remembering: remembering, consumingTape: consumingTape)
        kept = consumingTape ? nil : decoded.tape
        decodedDeals = decoded.deals
        return decoded.loaded
    }

    /// What one load made: the file as loaded, its tape, and what a later load of an edited copy may take.
    struct Decoded {
        var loaded: LoadedFile
        var tape: JSONTape?
        var deals: DecodedDeals?
        var members: DecodedMembers?
        /// The top-level keys taken from the previous load, in decode order.
        var taken: [String] = []
    }

    /// An earlier load of a file: its bytes and what decoding them gave.
    struct Earlier {
        let bytes: UnsafeBufferPointer<UInt8>
        let members: DecodedMembers
        let engagement: Engagement
    }

    /// Loads `bytes`, taking from `previous` (a load of an earlier version of the same file) every
    /// root member whose bytes, and those of what its decoding reads, are unchanged: not scanned,
    /// not decoded, its problems moved (`JSONTape.rescanning`, `EngagementDecoder+Members.swift`).
    /// The result is the one a whole load gives, positions included; when it could differ (the
    /// problem list is full, some only counted) the bytes are loaded whole instead.
    ///
    /// `previousTape`, the scan of `previous.bytes`, is taken (nil after the call): when nothing
    /// else holds it, its memory becomes the new tape's.
    static func decode(bytes: UnsafeBufferPointer<UInt8>, file: String, reusing: DecodedDeals?,
                       after previous: Earlier?, tape previousTape: inout JSONTape?, remembering: Bool = true,
                       consumingTape: Bool = false) -> Decoded {
        let positions = SourcePositions(bytes: bytes, bomLength: hasBOM(bytes) ? 3 : 0)
        func problem(_ offset: Int, _ message: String) -> Decoded {
            let (line, column) = positions.lineColumns(of: [offset])[0]
            return Decoded(loaded: LoadedFile(file: file, engagement: nil, problems: [
                Problem(file: file, line: line, column: column, path: "", severity: .error, message: message),
            ]))
        }
        if bytes.count > LoadLimits.maxFileBytes { return problem(0, tooLarge) }
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            return problem(0, "the file is UTF-16, not UTF-8: save it as UTF-8")
        }
        let base = positions.bomLength
        let text = UnsafeBufferPointer(rebasing: bytes[base...])
        var earlier: PreviousDecode?
        var directDeals: DirectDeals?
        let tape: JSONTape
        do {
            if let previous, let previousTape = previousTape.take() {
                let previousText = UnsafeBufferPointer(rebasing: previous.bytes[(hasBOM(previous.bytes) ? 3 : 0)...])
                let rescanned = try JSONTape.rescanning(text, after: consume previousTape, of: previousText)
                tape = rescanned.tape
                earlier = PreviousDecode(members: previous.members, engagement: previous.engagement, unchanged: rescanned.taken)
            } else if consumingTape && reusing == nil {
                // Read once: the deals straight from the bytes, without their tape.
                let direct = DirectDeals(text: text)
                tape = try JSONTape(scanning: text, readingDeals: direct.read(arrayAt:))
                directDeals = direct
            } else {
                tape = try JSONTape(scanning: text)
            }
        } catch {
            if let bad = firstInvalidUTF8(text) {
                return problem(base + bad, "the file is not UTF-8: invalid byte 0x\(String(text[bad], radix: 16, uppercase: true))")
            }
            return problem(base + error.offset, error.message == "the file is empty" || text.isEmpty ? "the file is empty" : "not JSON: \(error.message)")
        }
        var decoder = EngagementDecoder(reader: TapeReader(bytes: text, base: base, tape: tape))
        decoder.reusing = reusing
        decoder.previous = earlier
        decoder.remembersDeals = remembering
        decoder.givesBackDealNodes = consumingTape && previous == nil
        decoder.directDeals = directDeals
        let engagement = decoder.decode()
        // A full list is filled in decode order: with members taken it could hold other problems.
        if !decoder.takenMembers.isEmpty,
           decoder.r.problems.count >= LoadLimits.maxProblems || decoder.r.problems.contains(where: { $0.unlisted != nil }) {
            return decode(bytes: bytes, file: file, reusing: reusing, after: nil, tape: &previousTape, remembering: remembering)
        }
        let problems = listed(decoder.r.problems, file: file, positions: positions)
        return Decoded(loaded: LoadedFile(file: file, engagement: engagement, problems: problems.listed, unlisted: problems.unlisted),
                       tape: tape, deals: decoder.decodedDeals, members: decoder.decodedMembers, taken: decoder.takenMembers)
    }

    /// The problems a file lists, in document order, the first `LoadLimits.maxProblems` of them,
    /// at their lines and columns; the rest counted.
    static func listed(_ found: [TapeReader.RawProblem], file: String, positions: SourcePositions) -> (listed: [Problem], unlisted: ProblemCounts) {
        // Each reader (one per thread of deals) ends a full list with a tally: add them up.
        var unlisted = ProblemCounts()
        var raw = found.filter { p in
            guard let tally = p.unlisted else { return true }
            unlisted.add(tally)
            return false
        }
        // Document order, so a reader can walk the file top to bottom; then the first ones kept.
        raw = raw.indices.sorted { (raw[$0].offset ?? Int.max, $0) < (raw[$1].offset ?? Int.max, $1) }.map { raw[$0] }
        var kept = Array(raw.prefix(LoadLimits.maxProblems))
        let dropped = raw.dropFirst(LoadLimits.maxProblems)
        for p in dropped { unlisted.add(p.severity) }
        // A file with errors lists one (readers of `errors` rely on it): the first error cut takes the last place.
        if !kept.contains(where: { $0.severity == .error }), let error = dropped.first(where: { $0.severity == .error }) {
            unlisted.add(kept[kept.count - 1].severity)
            unlisted.errors -= 1
            kept[kept.count - 1] = error
        }
        raw = kept
        let placed = positions.lineColumns(of: raw.map { $0.offset ?? 0 })
        var problems: [Problem] = []
        problems.reserveCapacity(raw.count)
        for (k, p) in raw.enumerated() {
            problems.append(Problem(file: file, line: p.offset == nil ? nil : placed[k].line,
                                    column: p.offset == nil ? nil : placed[k].column,
                                    path: p.path, severity: p.severity, message: p.message))
        }
        return (problems, unlisted)
    }

    static let tooLarge = "the file is larger than 2 GiB (\(grouped(LoadLimits.maxFileBytes)) bytes), the most Redline reads"

    struct ReadFailure: Error {
        let message: String
        static func fromErrno() -> ReadFailure { ReadFailure(message: "cannot read the file: \(String(cString: strerror(errno)))") }
    }

    /// The file's bytes, read with read(2) into memory of our own: a mapping would let another
    /// process that truncates the file meanwhile kill us with SIGBUS.
    static func readFile(_ path: String) -> Result<[UInt8], ReadFailure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(ReadFailure.fromErrno()) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(ReadFailure.fromErrno()) }
        if (info.st_mode & S_IFMT) == S_IFDIR { return .failure(ReadFailure(message: "cannot read the file: it is a folder")) }
        if Int(info.st_size) > LoadLimits.maxFileBytes { return .failure(ReadFailure(message: tooLarge)) }
        // The size is a hint: the file may shrink or grow while it is read, or be a pipe.
        var failure: ReadFailure?
        let capacity = min(max(Int(info.st_size), 0), LoadLimits.maxFileBytes) + 1
        let regular = (info.st_mode & S_IFMT) == S_IFREG
        var bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            guard let base = buffer.baseAddress else { count = 0; return }
            let (read, error) = regular && capacity >= parallelReadThreshold
                ? readInHalves(fd, into: base, capacity: capacity)
                : readRange(fd, into: base, from: 0, count: capacity, positioned: regular)
            count = read
            if let error { failure = ReadFailure(message: "cannot read the file: \(String(cString: strerror(error)))") }
        }
        if failure == nil && bytes.count == capacity {
            // Full: it grew after fstat (or is a pipe). The rest in chunks, up to one byte past the limit.
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while bytes.count <= LoadLimits.maxFileBytes {
                let n = chunk.withUnsafeMutableBytes { regular ? pread(fd, $0.baseAddress!, $0.count, off_t(bytes.count)) : read(fd, $0.baseAddress!, $0.count) }
                if n == 0 { break }
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = ReadFailure.fromErrno()
                    break
                }
                bytes += chunk[0..<n]
            }
        }
        if let failure { return .failure(failure) }
        if bytes.count > LoadLimits.maxFileBytes { return .failure(ReadFailure(message: tooLarge)) }
        return .success(bytes)
    }

    /// From this size a regular file is read in two halves on two threads: the kernel zeroes and
    /// copies the pages of each half on its own core (70 MB: about 59 → 35 ms here).
    static let parallelReadThreshold = 8 << 20

    /// `capacity` bytes from offset 0, or fewer when the file ends: the halves side by side, the
    /// second counted only when the first is whole (a file that shrank meanwhile ends in the first).
    private static func readInHalves(_ fd: Int32, into base: UnsafeMutablePointer<UInt8>, capacity: Int) -> (count: Int, error: Int32?) {
        let half = capacity / 2
        let memory = UncheckedSendable(value: base)
        let (first, second) = inParallel(
            { readRange(fd, into: memory.value, from: 0, count: half, positioned: true) },
            { readRange(fd, into: memory.value + half, from: half, count: capacity - half, positioned: true) })
        if let error = first.error { return (first.count, error) }
        if first.count < half { return (first.count, nil) }
        return (half + second.count, second.error)
    }

    /// Up to `count` bytes of the file from `offset` (pread(2) on a regular file, else read(2) on
    /// from where the file is, a pipe); fewer at its end; stops at the first error other than EINTR.
    private static func readRange(_ fd: Int32, into base: UnsafeMutablePointer<UInt8>, from offset: Int, count: Int,
                                  positioned: Bool) -> (count: Int, error: Int32?) {
        Prefault.forWriting(base, byteCount: count)
        var done = 0
        while done < count {
            let n = positioned ? pread(fd, base + done, count - done, off_t(offset + done)) : read(fd, base + done, count - done)
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                return (done, errno)
            }
            done += n
        }
        return (done, nil)
    }

    static func hasBOM(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF
    }

    /// The offset of the first byte that breaks UTF-8, or `nil` when the text is valid.
    public static func firstInvalidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        while i < b.count {
            guard let length = utf8SequenceLength(b, at: i) else { return i }
            i += length
        }
        return nil
    }
}
