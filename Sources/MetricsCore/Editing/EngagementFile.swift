import Foundation

/// Safe read-modify-write of an engagement file on a shared box.
///
/// Each change happens under an exclusive advisory lock (`flock` on a `.NAME.lock` file beside
/// it: the data file's inode changes at every atomic rename, so it cannot carry the lock), reads
/// the file as it is now, applies byte-preserving edits, checks the result loads, and replaces
/// the file atomically. Two writers therefore never lose each other's edits, and a crash at
/// any moment leaves the old file or the new one.
public enum EngagementFile {
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public let message: String
        public init(_ message: String) { self.message = message }
        public var description: String { message }
    }

    /// Runs `edits` against the current engagement under the lock and saves the result.
    /// `edits` may throw a `Failure` (an unknown deal, say): nothing is written then.
    /// Returns the saved file as loaded for the check after the edit (nil when nothing changed),
    /// so a caller showing it need not read it again.
    @discardableResult
    public static func update(_ path: String, _ edits: (Engagement, JSONDocument) throws(Failure) -> [JSONEdit]) throws(Failure) -> LoadedFile? {
        let url = URL(fileURLWithPath: path)
        let lockPath = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).lock").path
        // Read-only is enough for flock, so colleagues can lock a lock file someone else created;
        // it is empty, so everyone may read it whatever the creator's umask.
        let lock = open(lockPath, O_RDONLY | O_CREAT, 0o644)
        guard lock >= 0 else { throw Failure("cannot lock \(path): \(String(cString: strerror(errno)))") }
        defer { close(lock) }
        _ = fchmod(lock, 0o644)
        while flock(lock, LOCK_EX) != 0 {
            guard errno == EINTR else { throw Failure("cannot lock \(path): \(String(cString: strerror(errno)))") }
        }
        defer { flock(lock, LOCK_UN) }
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure("cannot read \(path)") }
        let bytes = Array(data)
        var tape: JSONTape?
        let loaded = bytes.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: path, keepingTape: &tape) }
        guard let engagement = loaded.engagement, let tape else {
            throw Failure("\(path) has errors; fix them first:\n" + loaded.errors.prefix(5).map { "  \($0)" }.joined(separator: "\n"))
        }
        // The loader's scan serves the editor too: a large file is scanned once, not twice.
        let document = JSONDocument(bytes: bytes, tape: tape)
        let changes = try edits(engagement, document)
        if changes.isEmpty { return nil }
        let updated: [UInt8]
        do { updated = try document.applying(changes) } catch { throw Failure("\(path): \(error.message)") }
        let check = updated.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: path) }
        guard check.errors.isEmpty else {
            throw Failure("the change would make \(path) invalid:\n" + check.errors.prefix(5).map { "  \($0)" }.joined(separator: "\n"))
        }
        do { try AtomicFile.write(updated, to: path) } catch { throw Failure(writeFailure(path, error)) }
        return check
    }

    /// How a save of one review edit ended.
    public enum SaveOutcome: Sendable, Equatable {
        case saved
        /// The file already said it: nothing written.
        case unchanged
        /// Someone else changed the same field; nothing written.
        case conflicts([EditConflict])
    }

    /// Saves one review edit, merged into the file as it is now (see `ReviewEdit.plan`).
    public static func save(_ edit: ReviewEdit, to path: String, choice: ConflictChoice = .ask) throws(Failure) -> SaveOutcome {
        try saveLoading(edit, to: path, choice: choice).outcome
    }

    /// `save`, also returning the file as saved (loaded once, by the check after the edit).
    public static func saveLoading(_ edit: ReviewEdit, to path: String, choice: ConflictChoice = .ask) throws(Failure) -> (outcome: SaveOutcome, file: LoadedFile?) {
        var outcome = SaveOutcome.unchanged
        let file = try update(path) { e, doc throws(Failure) in
            switch try edit.plan(in: e, document: doc, choice: choice) {
            case .write(let edits): outcome = .saved; return edits
            case .unchanged: return []
            case .conflicts(let c): outcome = .conflicts(c); return []
            }
        }
        return (outcome, file)
    }

    /// A write error in words, saying that the file on disk is untouched.
    static func writeFailure(_ path: String, _ error: any Error) -> String {
        let code = (error as? POSIXError)?.code.rawValue ?? EIO
        let name = URL(fileURLWithPath: path).lastPathComponent
        switch code {
        case ENOSPC, EDQUOT: return "the disk is full (or your quota is used up); \(name) is unchanged"
        case EFBIG: return "the file size limit was reached while writing; \(name) is unchanged"
        case EROFS: return "the file system is read-only; \(name) is unchanged"
        case EACCES, EPERM: return "no permission to write in the folder of \(name); it is unchanged"
        default: return "cannot write \(name): \(String(cString: strerror(code))); it is unchanged"
        }
    }
}

/// Writes a file so a crash leaves the old file or the new one, never half of one: a temporary
/// file in the same folder, fsync, rename over, fsync of the folder. A replaced file keeps its
/// permissions, and its owner and group as far as the writer may set them.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temp = folder + "/.\(url.lastPathComponent).\(getpid()).tmp"
        var mode: mode_t = 0o644
        var info = stat()
        let existed = stat(path, &info) == 0
        if existed { mode = info.st_mode & 0o7777 }
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, mode)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        // Keep the owner and group (a shared box: root or a colleague saving someone's file). Only
        // root can give a file away; others keep at least the group when they belong to it.
        if existed, fchown(fd, info.st_uid, info.st_gid) != 0 { _ = fchown(fd, uid_t.max, info.st_gid) }
        var written = 0
        let ok = bytes.withUnsafeBytes { raw -> Bool in
            while written < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 { if errno == EINTR { continue }; return false }
                written += n
            }
            return fsync(fd) == 0
        }
        let saved = errno
        close(fd)
        guard ok else { unlink(temp); throw POSIXError(POSIXErrorCode(rawValue: saved) ?? .EIO) }
        chmod(temp, mode) // open's mode is filtered by the umask
        guard rename(temp, path) == 0 else { let e = errno; unlink(temp); throw POSIXError(POSIXErrorCode(rawValue: e) ?? .EIO) }
        let dir = open(folder.isEmpty ? "." : folder, O_RDONLY)
        if dir >= 0 { fsync(dir); close(dir) }
    }
}
