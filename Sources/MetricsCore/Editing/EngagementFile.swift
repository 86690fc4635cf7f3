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
    /// How long a save waits for a colleague's save of the same file before giving up.
    public static let defaultLockTimeout: Double = 10

    @discardableResult
    public static func update(_ path: String, lockTimeout: Double = defaultLockTimeout, waiting: (String) -> Void = { _ in },
                              _ edits: (Engagement, JSONDocument) throws(Failure) -> [JSONEdit]) throws(Failure) -> LoadedFile? {
        let target: WriteTarget
        do { target = try WriteTarget.resolve(path) } catch { throw Failure(writeFailure(path, error)) }
        if let why = whyNotWritable(target, as: path) { throw Failure(why) }
        let lock = try FileLock(of: target, timeout: lockTimeout, waiting: waiting)
        let current = try currentLoad(of: target, as: path)
        guard let engagement = current.loaded.engagement else { throw hasErrors(path, current.loaded) }
        let changes: [JSONEdit], updated: [UInt8]
        do {
            // The loader's scan serves the editor too: a large file is scanned once, not twice.
            let document = JSONDocument(bytes: current.bytes, tape: current.tape)
            changes = try edits(engagement, document)
            if changes.isEmpty { return nil }
            do { updated = try document.applying(changes) } catch { throw Failure("\(path): \(error.message)") }
        }
        // The check loads the result, taking from the file before the edit every member whose bytes
        // (and whose inputs) the edit left as they were; else the deals, when no edit is in them or
        // in what their decoding reads (stages, reps, accounts). The load kept before the edit is let
        // go of first, so that its tape's memory can become the new tape's.
        let reusable = changes.allSatisfy(\.leavesDealsAsTheyWere) ? current.deals : nil
        KeptLoads.shared.set(path, nil)
        let (check, saved) = KeptLoad.load(updated, file: path, after: consume current, reusing: reusable)
        guard check.errors.isEmpty else {
            throw Failure("the change would make \(path) invalid:\n" + check.errors.prefix(5).map { "  \($0)" }.joined(separator: "\n"))
        }
        do { try AtomicFile.write(updated, to: target.path) } catch { throw Failure(writeFailure(path, error)) }
        KeptLoads.shared.set(path, saved)
        DecodedDealsCache.shared.set(path, saved?.deals)
        _ = consume lock
        return check
    }

    /// The file as it is under the lock: the load this process kept of it when its bytes are still
    /// those (compared as they are read), then neither scanned nor decoded again; else loaded,
    /// taking from the kept load what is unchanged (someone else's save, or the first of this process).
    static func currentLoad(of target: WriteTarget, as path: String) throws(Failure) -> KeptLoad {
        let kept = KeptLoads.shared.get(path)
        let read: ReadUnderLock
        do { read = try readPrivately(target.path, comparingWith: kept) } catch { throw Failure("cannot read \(path): \(String(cString: strerror(error.code.rawValue)))") }
        switch read {
        case .same(as: let kept):
            return kept
        case .changed(let bytes):
            let (loaded, fresh) = KeptLoad.load(bytes, file: path, after: kept, reusing: DecodedDealsCache.shared.get(path))
            guard let fresh, loaded.engagement != nil else { throw hasErrors(path, loaded) }
            KeptLoads.shared.set(path, fresh)
            return fresh
        }
    }

    static func hasErrors(_ path: String, _ loaded: LoadedFile) -> Failure {
        Failure("\(path) has errors; fix them first:\n" + loaded.errors.prefix(5).map { "  \($0)" }.joined(separator: "\n"))
    }

    /// Writes a new engagement file under the lock, refusing when one appeared meanwhile.
    public static func create(_ path: String, bytes: [UInt8], lockTimeout: Double = defaultLockTimeout) throws(Failure) {
        let target: WriteTarget
        do { target = try WriteTarget.resolve(path) } catch { throw Failure(writeFailure(path, error)) }
        if let why = whyNoNewFile(in: target) { throw Failure(why) }
        let lock = try FileLock(of: target, timeout: lockTimeout, waiting: { _ in })
        var info = stat()
        guard lstat(target.path, &info) != 0 else { throw Failure("\(path) appeared while importing; nothing written: import again to merge into it") }
        do { try AtomicFile.write(bytes, to: target.path) } catch { throw Failure(writeFailure(path, error, new: true)) }
        _ = consume lock
    }

    /// Why `create` would refuse a new file at `path` before writing it (its folder missing, not a
    /// folder, not writable), in its words: a dry run says what `--apply` would.
    public static func whyNoNewFile(at path: String) -> String? {
        do { return whyNoNewFile(in: try WriteTarget.resolve(path)) } catch { return writeFailure(path, error, new: true) }
    }

    /// Why a new file cannot be made in the target's folder: it is missing, not a folder, or not
    /// writable for this user (a new file never existed, so nothing is "unchanged").
    static func whyNoNewFile(in target: WriteTarget) -> String? {
        var info = stat()
        guard stat(target.folder, &info) == 0 else {
            return errno == ENOENT ? "the folder \(target.folder) does not exist; nothing written (create it first)"
                                   : "cannot use the folder \(target.folder): \(String(cString: strerror(errno))); nothing written"
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { return "\(target.folder) is not a folder; nothing written" }
        if access(target.folder, W_OK | X_OK) != 0 { return "no permission to write in the folder \(target.folder); nothing written" }
        return nil
    }

    /// Why this user may not save `path`, if they may not: the file itself must be writable for
    /// them (its mode and owner, as `access` says), not only its folder; and the folder too,
    /// since a save renames a new file over the old one.
    public static func whyNotWritable(_ path: String) -> String? {
        guard let target = try? WriteTarget.resolve(path) else { return "\(URL(fileURLWithPath: path).lastPathComponent) is a link to a file that does not exist" }
        return whyNotWritable(target, as: path)
    }

    static func whyNotWritable(_ target: WriteTarget, as path: String) -> String? {
        var info = stat()
        guard lstat(target.path, &info) == 0 else { return "cannot read \(path): \(String(cString: strerror(errno)))" }
        guard info.st_mode & S_IFMT == S_IFREG else { return "\(target.name) is not a regular file; nothing written" }
        if access(target.path, W_OK) != 0 {
            return "you may not write \(target.name) (owned by \(userName(info.st_uid)), mode \(octal(info.st_mode & 0o7777))); it is unchanged"
        }
        if access(target.folder, W_OK | X_OK) != 0 {
            return "no permission to write in the folder of \(target.name) (a save writes a new file beside it); it is unchanged"
        }
        return nil
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
        let saved = try saveUndoable(edit, to: path, choice: choice)
        return (saved.outcome, saved.file)
    }

    /// `saveLoading`, also returning the edit that undoes this one (see `ReviewEdit.undo`),
    /// worked out from the file as it was under the lock just before the write.
    public static func saveUndoable(_ edit: ReviewEdit, to path: String, choice: ConflictChoice = .ask) throws(Failure) -> (outcome: SaveOutcome, file: LoadedFile?, undo: ReviewEdit?) {
        var outcome = SaveOutcome.unchanged
        // Only what the undo needs of the document is kept past the closure: holding the document
        // would make the check copy its tape instead of reusing its memory.
        var before: (Engagement, UndoLists)?
        let file = try update(path) { e, doc throws(Failure) in
            switch try edit.plan(in: e, document: doc, choice: choice) {
            case .write(let edits): outcome = .saved; before = (e, UndoLists(doc)); return edits
            case .unchanged: return []
            case .conflicts(let c): outcome = .conflicts(c); return []
            }
        }
        guard let (e, lists) = before, let after = file?.engagement else { return (outcome, file, nil) }
        return (outcome, file, edit.undo(before: e, lists: lists, after: after))
    }

    /// A write error in words, saying that the file on disk is untouched (`new`: that nothing
    /// was written, for a file that did not exist).
    static func writeFailure(_ path: String, _ error: any Error, new: Bool = false) -> String {
        let code = (error as? POSIXError)?.code.rawValue ?? EIO
        let name = URL(fileURLWithPath: path).lastPathComponent
        let untouched = new ? "nothing written" : "\(name) is unchanged"
        switch code {
        case ENOSPC, EDQUOT: return "the disk is full (or your quota is used up); \(untouched)"
        case EFBIG: return "the file size limit was reached while writing; \(untouched)"
        case EROFS: return "the file system is read-only; \(untouched)"
        case EACCES, EPERM: return new ? "no permission to write in the folder of \(name); nothing written" : "no permission to write \(name) or in its folder; it is unchanged"
        case ENOENT: return new ? "the folder of \(name) does not exist; nothing written" : "\(name) is a link to a file that does not exist; nothing written"
        case EISDIR: return "\(name) is not a regular file; nothing written"
        default: return "cannot write \(name): \(String(cString: strerror(code))); \(untouched)"
        }
    }
}

