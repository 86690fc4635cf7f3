import Foundation

/// The exclusive advisory lock of one engagement file: `flock` on `.NAME.lock` beside the file
/// written (the data file's inode changes at every rename, so it cannot carry the lock).
///
/// On a shared folder the lock file is untrusted: it is opened with `O_NOFOLLOW` (a planted
/// link is refused, never followed), must be a regular file, and only a lock file this process
/// created is given mode 0644. A lock held by someone else is waited for, saying who holds it,
/// and given up after a timeout.
struct FileLock: ~Copyable {
    private let fd: Int32

    /// Takes the lock of `target`, waiting at most `timeout` seconds. `waiting` is called once,
    /// with who holds the lock, when the lock is not free at once.
    init(of target: WriteTarget, timeout: Double, waiting: (String) -> Void) throws(EngagementFile.Failure) {
        let path = target.folder + "/.\(target.name).lock"
        let fd = try Self.open(path, for: target)
        var waited = false
        let start = Date()
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let e = errno
            if e == EINTR { continue }
            guard e == EWOULDBLOCK else {
                close(fd)
                throw EngagementFile.Failure("cannot lock \(target.name): \(String(cString: strerror(e)))")
            }
            if !waited { waiting(Self.holder(of: fd)); waited = true }
            if Date().timeIntervalSince(start) >= timeout {
                let who = Self.holder(of: fd)
                close(fd)
                throw EngagementFile.Failure("\(target.name) is being saved by \(who) and stayed locked for \(decimals(timeout, 0)) s; nothing written, try again (the lock is \(path))")
            }
            usleep(50_000)
        }
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// Opens (creating when missing) the lock file, refusing links and anything not a plain file.
    private static func open(_ path: String, for target: WriteTarget) throws(EngagementFile.Failure) -> Int32 {
        for _ in 0..<8 {
            // Created by us: ours to make readable by all, so colleagues can lock it too (read-only is enough for flock).
            var fd = Foundation.open(path, O_RDONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if fd >= 0 { _ = fchmod(fd, 0o644); return fd }
            guard errno == EEXIST else { throw refusal(path, target, errno) }
            // Someone's lock file: used as it is, never re-moded. O_NONBLOCK: a planted FIFO cannot hang us.
            fd = Foundation.open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            if fd < 0 {
                if errno == ENOENT { continue }   // removed between the two opens: create it again
                throw refusal(path, target, errno)
            }
            var info = stat()
            guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
                close(fd)
                throw EngagementFile.Failure("the lock file \(path) is not a regular file (\(owner(path))); nothing written: remove it, then save again")
            }
            return fd
        }
        throw EngagementFile.Failure("cannot create the lock file \(path): it keeps disappearing")
    }

    private static func refusal(_ path: String, _ target: WriteTarget, _ code: Int32) -> EngagementFile.Failure {
        switch code {
        case ELOOP:
            return EngagementFile.Failure("the lock file \(path) is a symbolic link (\(owner(path))); it was not followed and nothing was written: remove it, then save again")
        case EACCES, EPERM:
            var info = stat()
            if lstat(path, &info) == 0 {
                return EngagementFile.Failure("cannot use the lock file \(path): it belongs to \(userName(info.st_uid)) with mode \(octal(info.st_mode & 0o7777)); ask them or an administrator to remove it")
            }
            return EngagementFile.Failure("no permission to create the lock file in the folder of \(target.name); it is unchanged")
        default:
            return EngagementFile.Failure("cannot lock \(target.name): \(String(cString: strerror(code)))")
        }
    }

    /// Who holds the flock on `fd`'s file: `pid 123 (redline, user alice)`, from /proc/locks.
    static func holder(of fd: Int32) -> String {
        var info = stat()
        guard fstat(fd, &info) == 0, let locks = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return "another process" }
        for line in locks.split(separator: "\n") {
            // "1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF"
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            guard f.count >= 6, f[1] == "FLOCK", let pid = pid_t(f[4]), pid > 0,
                  let inode = f[5].split(separator: ":").last.flatMap({ UInt64($0) }), inode == UInt64(info.st_ino) else { continue }
            var process = stat()
            let user = stat("/proc/\(pid)", &process) == 0 ? ", user \(userName(process.st_uid))" : ""
            let command = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))
                .map { sanitizedForDisplay($0).trimmingCharacters(in: .whitespaces) } ?? ""
            return "pid \(pid) (\(command.isEmpty ? "" : command)\(command.isEmpty ? String(user.dropFirst(2)) : user))"
        }
        return "another process"
    }

    static func owner(_ path: String) -> String {
        var info = stat()
        return lstat(path, &info) == 0 ? "owned by \(userName(info.st_uid))" : "owner unknown"
    }
}

/// A user's login name, or `uid N` when the box does not know it.
func userName(_ uid: uid_t) -> String {
    guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return "uid \(uid)" }
    return sanitizedForDisplay(String(cString: name))
}

func octal(_ mode: mode_t) -> String {
    let s = String(mode, radix: 8)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
}
