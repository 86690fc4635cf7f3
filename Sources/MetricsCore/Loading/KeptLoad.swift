import Synchronization

/// A load of a file kept whole: its bytes, its tape and what decoding it gave. A save keeps the
/// file it wrote, so that its next save (the cockpit's next form) finds the file unchanged under
/// the lock without scanning or decoding it, and both loads of a save (under the lock, and the
/// check after the edit) scan and decode only the members that changed.
struct KeptLoad: Sendable {
    /// The file as read or written, BOM included.
    let bytes: [UInt8]
    /// The scan of `bytes` after any BOM.
    let tape: JSONTape
    let loaded: LoadedFile
    /// What each member's decoding gave; nil when nothing can be taken (errors, or problems only counted).
    let members: DecodedMembers?
    /// The deals as decoded, for `DecodedDealsCache`.
    let deals: DecodedDeals?
    /// The top-level keys taken from the load before (for tests and measurements).
    let taken: [String]

    /// Loads `bytes`, taking what is unchanged from `previous` (an earlier load of the same file),
    /// else the deals from `reusing` when their bytes are unchanged; the file as loaded, and kept
    /// (nil when the bytes are not JSON). When nothing else holds `previous`, its tape's memory
    /// becomes the new tape's.
    static func load(_ bytes: [UInt8], file: String, after previous: consuming KeptLoad?, reusing: DecodedDeals?) -> (loaded: LoadedFile, kept: KeptLoad?) {
        var tape: JSONTape?
        let decoded: EngagementLoader.Decoded
        if let earlier = consume previous, let members = earlier.members, let engagement = earlier.loaded.engagement {
            tape = earlier.tape
            let then = earlier.bytes
            _ = consume earlier
            decoded = bytes.withUnsafeBufferPointer { now in
                then.withUnsafeBufferPointer { before in
                    EngagementLoader.decode(bytes: now, file: file, reusing: reusing,
                                            after: EngagementLoader.Earlier(bytes: before, members: members, engagement: engagement), tape: &tape)
                }
            }
        } else {
            decoded = bytes.withUnsafeBufferPointer { EngagementLoader.decode(bytes: $0, file: file, reusing: reusing, after: nil, tape: &tape) }
        }
        guard let scanned = decoded.tape else { return (decoded.loaded, nil) }
        return (decoded.loaded, KeptLoad(bytes: bytes, tape: scanned, loaded: decoded.loaded, members: decoded.members,
                                         deals: decoded.deals, taken: decoded.taken))
    }
}

/// The last load kept for each path that this process saved, or loaded to save (the cockpit):
/// one entry per path, the four most recently kept. An entry costs about 2.6 times the file in
/// memory (the bytes, and the tape at 20 bytes a node, about one node per 13 bytes) besides the
/// engagement, which the caller holds anyway: 180 MB at 100k deals. Files over 256 MiB (about
/// 380k deals) are not kept. Always compared with the file's bytes, never trusted.
final class KeptLoads: Sendable {
    static let shared = KeptLoads()
    /// Paths kept; the least recently kept goes first.
    static let capacity = 4
    static let maxFileBytes = 256 << 20
    private let entries = Mutex<[(path: String, load: KeptLoad)]>([])

    func get(_ path: String) -> KeptLoad? { entries.withLock { list in list.first { $0.path == path }?.load } }

    func set(_ path: String, _ load: KeptLoad?) {
        entries.withLock { list in
            list.removeAll { $0.path == path }
            guard let load, load.bytes.count <= Self.maxFileBytes else { return }
            list.append((path, load))
            if list.count > Self.capacity { list.removeFirst(list.count - Self.capacity) }
        }
    }
}
