import Foundation

/// Maps a fresh buffer's pages in one call before it is filled: on Linux, 17,000 page faults
/// taken one by one while 70 MB is copied in cost about a third more than asking for the pages
/// at once (`MADV_POPULATE_WRITE`; measured in docs/benchmarks.md). A hint: where the system
/// does not have it, the pages come as they are written, as before.
enum Prefault {
    /// Below this the faults are too few to matter.
    static let threshold = 1 << 20

    static func forWriting(_ start: UnsafeMutableRawPointer, byteCount: Int) {
        #if os(Linux)
        guard byteCount >= threshold else { return }
        let page = Int(getpagesize())
        let first = (Int(bitPattern: start) + page - 1) & ~(page - 1), end = (Int(bitPattern: start) + byteCount) & ~(page - 1)
        if end > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) { _ = madvise(aligned, end - first, MADV_POPULATE_WRITE) }
        #endif
    }
}

/// Gives back to the system the pages of a part of a buffer that nothing will read again: the
/// tape's nodes of deals already decoded, in a process that reads each file once (issue 15's
/// memory goal). The pages read as zeros afterwards, so only a part no reader can reach may be
/// given. Whole pages inside the part only: a page shared with a neighbour stays.
enum PageRelease {
    static func giveBack(_ start: UnsafeRawPointer, byteCount: Int) {
        #if os(Linux)
        let page = Int(getpagesize())
        let first = (Int(bitPattern: start) + page - 1) & ~(page - 1), end = (Int(bitPattern: start) + byteCount) & ~(page - 1)
        if end > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) { _ = madvise(aligned, end - first, MADV_DONTNEED) }
        #endif
    }
}
