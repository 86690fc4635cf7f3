import Foundation

/// Writes a file so a crash leaves the old file or the new one, never half of one, and so a
/// colleague sharing the folder cannot redirect the write.
///
/// As git does with its lock files: the new bytes go to a temporary file created with
/// `O_CREAT|O_EXCL|O_NOFOLLOW` under a random name in the target's folder (a planted file or
/// link makes the open fail, and another name is tried), permissions and owner are set on the
/// descriptor only, then `fsync`, `rename` over the target, `fsync` of the folder. A target that
/// is a symbolic link is written through: the file it points to is replaced, the link stays.
public enum AtomicFile {
    /// Replaces (or creates) the file at `path` with `bytes`.
    /// Throws a `POSIXError`; `EngagementFile.writeFailure` words it.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let target = try WriteTarget.resolve(path)
        var mode: mode_t = 0o644
        var info = stat()
        let existed = lstat(target.path, &info) == 0
        if existed {
            guard info.st_mode & S_IFMT == S_IFREG else { throw POSIXError(.EISDIR) }
            mode = info.st_mode & 0o7777
        }
        removeStaleTemporaries(of: target)
        let (fd, temp) = try createTemporary(in: target)
        // Keep the owner and group (a shared box: root or a colleague saving someone's file). Only
        // root can give a file away; others keep at least the group when they belong to it.
        if existed, fchown(fd, info.st_uid, info.st_gid) != 0 { _ = fchown(fd, uid_t.max, info.st_gid) }
        var failure: Int32 = 0
        if fchmod(fd, mode) != 0 { failure = errno }   // on the descriptor: open's mode was filtered by the umask
        if failure == 0 { failure = writeAll(bytes, to: fd) }
        if failure == 0, fsync(fd) != 0 { failure = errno }
        close(fd)
        guard failure == 0 else { unlink(temp); throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO) }
        // rename replaces the directory entry itself: it never follows a link planted meanwhile.
        guard rename(temp, target.path) == 0 else { let e = errno; unlink(temp); throw POSIXError(POSIXErrorCode(rawValue: e) ?? .EIO) }
        let dir = open(target.folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 { fsync(dir); close(dir) }
    }

    /// `.NAME.<pid>.<random>.tmp`: the pid lets a later save know whether its writer is dead.
    static func temporaryName(of target: WriteTarget, random: UInt64) -> String {
        ".\(target.name).\(getpid()).\(String(random, radix: 16)).tmp"
    }

    /// A new, empty, private temporary file beside the target; never an existing file or link.
    static func createTemporary(in target: WriteTarget) throws -> (fd: Int32, path: String) {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<64 {
            let path = target.folder + "/" + temporaryName(of: target, random: generator.next())
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 { return (fd, path) }
            guard errno == EEXIST || errno == ELOOP else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        }
        throw POSIXError(.EEXIST)
    }

    static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Int32 {
        bytes.withUnsafeBytes { raw -> Int32 in
            var written = 0
            while written < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 { if errno == EINTR { continue }; return errno }
                written += n
            }
            return 0
        }
    }

    /// Removes temporary files of this target left by writers that were killed: a regular file
    /// named `.NAME.<pid>[.<random>].tmp` whose pid no longer runs. Anything else is left alone.
    static func removeStaleTemporaries(of target: WriteTarget) {
        let prefix = ".\(target.name)."
        for name in names(in: target.folder, starting: prefix, ending: ".tmp") {
            let middle = name.dropFirst(prefix.count).dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(middle.count), let pid = pid_t(middle[0]), pid > 0, pid != getpid() else { continue }
            guard kill(pid, 0) != 0 && errno == ESRCH else { continue }
            var info = stat()
            let path = target.folder + "/" + name
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            unlink(path)
        }
    }
}

extension AtomicFile {
    /// The names in `folder` that start and end so. Compared as bytes as the folder is read: a
    /// shared folder of thousands of files makes no string for each at every save.
    static func names(in folder: String, starting prefix: String, ending suffix: String) -> [String] {
        guard let dir = opendir(folder) else { return [] }
        defer { closedir(dir) }
        let head = Array(prefix.utf8), tail = Array(suffix.utf8)
        var found: [String] = []
        while let entry = readdir(dir) {
            withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                guard let name = raw.baseAddress?.assumingMemoryBound(to: CChar.self) else { return }
                let length = strnlen(name, raw.count)
                guard length >= head.count + tail.count, memcmp(name, head, head.count) == 0,
                      memcmp(name + length - tail.count, tail, tail.count) == 0 else { return }
                found.append(String(decoding: UnsafeRawBufferPointer(start: name, count: length), as: UTF8.self))
            }
        }
        return found
    }
}

/// The file a write really replaces: the path itself, or the file its symbolic link points to.
public struct WriteTarget: Sendable, Equatable {
    /// The file written (a link's target, resolved).
    public let path: String
    public let folder: String
    public let name: String

    /// Follows `path` when it is a symbolic link; a link to nothing is refused (`ENOENT`).
    public static func resolve(_ path: String) throws -> WriteTarget {
        var info = stat()
        var resolved = path
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
            guard let real = realpath(path, nil) else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ENOENT) }
            resolved = String(cString: real)
            free(real)
        }
        let url = URL(fileURLWithPath: resolved)
        let folder = url.deletingLastPathComponent().path
        return WriteTarget(path: resolved, folder: folder.isEmpty ? "." : folder, name: url.lastPathComponent)
    }
}
