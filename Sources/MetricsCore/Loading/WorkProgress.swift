import Synchronization

/// How far this process's long work is: the loader, the scanner and the importer add to these
/// counters, and a progress line (or the cockpit's loading screen) reads them from another
/// thread. Counters only: the workers never wait on a reader, and add in coarse steps (a
/// megabyte scanned, a thousand deals or rows) so the hot loops stay as they were.
public final class WorkProgress: Sendable {
    public static let shared = WorkProgress()

    let bytesTotal = Atomic<Int>(0)
    let bytesScanned = Atomic<Int>(0)
    let dealsTotal = Atomic<Int>(0)
    let dealsDecoded = Atomic<Int>(0)
    let rowsTotal = Atomic<Int>(0)
    let rowsDone = Atomic<Int>(0)
    let filesTotal = Atomic<Int>(0)
    let filesDone = Atomic<Int>(0)

    /// What a reader sees at one moment.
    public struct Reading: Sendable, Equatable {
        public var bytesTotal = 0, bytesScanned = 0
        public var dealsTotal = 0, dealsDecoded = 0
        public var rowsTotal = 0, rowsDone = 0
        public var filesTotal = 0, filesDone = 0
        public init() {}
    }

    public func read() -> Reading {
        var r = Reading()
        r.bytesTotal = bytesTotal.load(ordering: .relaxed); r.bytesScanned = bytesScanned.load(ordering: .relaxed)
        r.dealsTotal = dealsTotal.load(ordering: .relaxed); r.dealsDecoded = dealsDecoded.load(ordering: .relaxed)
        r.rowsTotal = rowsTotal.load(ordering: .relaxed); r.rowsDone = rowsDone.load(ordering: .relaxed)
        r.filesTotal = filesTotal.load(ordering: .relaxed); r.filesDone = filesDone.load(ordering: .relaxed)
        return r
    }

    /// Starts counting afresh (a new command or a reload).
    public func reset() {
        bytesTotal.store(0, ordering: .relaxed); bytesScanned.store(0, ordering: .relaxed)
        dealsTotal.store(0, ordering: .relaxed); dealsDecoded.store(0, ordering: .relaxed)
        rowsTotal.store(0, ordering: .relaxed); rowsDone.store(0, ordering: .relaxed)
        filesTotal.store(0, ordering: .relaxed); filesDone.store(0, ordering: .relaxed)
    }

    func addBytes(total: Int = 0, scanned: Int = 0) {
        if total != 0 { bytesTotal.add(total, ordering: .relaxed) }
        if scanned != 0 { bytesScanned.add(scanned, ordering: .relaxed) }
    }

    func addDeals(total: Int = 0, decoded: Int = 0) {
        if total != 0 { dealsTotal.add(total, ordering: .relaxed) }
        if decoded != 0 { dealsDecoded.add(decoded, ordering: .relaxed) }
    }

    func addFiles(total: Int = 0, done: Int = 0) {
        if total != 0 { filesTotal.add(total, ordering: .relaxed) }
        if done != 0 { filesDone.add(done, ordering: .relaxed) }
    }

    /// For the importer, which lives in another module.
    public func addRows(total: Int = 0, done: Int = 0) {
        if total != 0 { rowsTotal.add(total, ordering: .relaxed) }
        if done != 0 { rowsDone.add(done, ordering: .relaxed) }
    }
}
