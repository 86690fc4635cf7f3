import Foundation
import Testing

/// A shared box where no colleague can harm another (docs/security.md). In a folder everyone may
/// write, a colleague ("mallory", a second user the test makes with useradd) plants links and
/// lock files; the editor (root, or "alice" for what root may do anyway) saves; the planted
/// targets stay untouched and every refusal says why. Needs root to switch users; the tests
/// that do not are run by anyone.
@Suite(.serialized) struct SharedBoxTests {
    struct User { let name: String, uid: uid_t, gid: gid_t }

    /// The test's users, made once with useradd (or bare uids when useradd is missing).
    static let users: (alice: User, mallory: User)? = {
        guard getuid() == 0 else { return nil }
        func make(_ name: String, _ fallback: uid_t) -> User {
            if getpwnam(name) == nil, FileManager.default.isExecutableFile(atPath: "/usr/sbin/useradd") {
                _ = try? spawnAndWait(["/usr/sbin/useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", "--user-group", name], output: "/dev/null")
            }
            guard let entry = getpwnam(name) else { return User(name: "uid \(fallback)", uid: fallback, gid: fallback) }
            return User(name: name, uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid)
        }
        return (make("redline-alice", 4101), make("redline-mallory", 4102))
    }()

    /// A folder everyone may write (no sticky bit), the demo's Northwind file in it as
    /// ledger.json, and a copy of the binary other users can run.
    func sharedFolder() throws -> (dir: URL, file: String, binary: String) {
        let dir = try CommandRunner.temporaryFolder()
        chmod(dir.path, 0o777)
        let all = try CommandRunner.temporaryFolder()
        #expect(try CommandRunner.run(["demo", "--write", all.path, "--as-of", "2026-11-23"]).status == 0)
        let file = dir.appendingPathComponent("ledger.json").path
        try FileManager.default.copyItem(atPath: all.appendingPathComponent("northwind-advisory.json").path, toPath: file)
        let binary = dir.appendingPathComponent("redline").path
        try FileManager.default.copyItem(atPath: CommandRunner.binary.path, toPath: binary)
        chmod(binary, 0o755)
        return (dir, file, binary)
    }

    /// Runs a command as another user; returns its exit status and its output (both streams).
    /// A binary copied a moment ago can still be open for writing in a process another test
    /// forked meanwhile (ETXTBSY, "Text file busy"): that start is retried.
    func run(as user: User, _ argv: [String], in dir: URL) throws -> (status: Int32, output: String) {
        for attempt in 0..<20 {
            let log = dir.appendingPathComponent("log-\(UUID().uuidString)").path
            let status = try spawnAndWait(["setpriv", "--reuid=\(user.uid)", "--regid=\(user.gid)", "--clear-groups"] + argv, output: log)
            let output = String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self)
            unlink(log)
            if status == 126 || status == 127, output.contains("Text file busy"), attempt < 19 { usleep(100_000); continue }
            return (status, output)
        }
        return (-1, "")
    }

    func addAction(_ file: String) -> [String] { ["action", "add", file, "--text", "Saved safely", "--week", "2026-W48"] }

    func contents(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }

    func info(_ path: String) -> stat { var s = stat(); lstat(path, &s); return s }

    /// A private file of the editor's (root's) that the colleague wants to overwrite or read.
    func privateNote(in dir: URL) throws -> String {
        let secret = try CommandRunner.temporaryFolder().appendingPathComponent("note.txt").path
        try Data("root's private note\n".utf8).write(to: URL(fileURLWithPath: secret))
        chmod(secret, 0o600)
        return secret
    }

    /// The old temp name was `.NAME.<pid>.tmp`: planting links for the next pids took over any
    /// file the editor could write. Now the temp file is O_EXCL|O_NOFOLLOW with a random name.
    @Test func plantedTempLinksDoNotRedirectTheSave() throws {
        guard let users = Self.users else { return }
        let (dir, file, binary) = try sharedFolder()
        let secret = try privateNote(in: dir)
        let next = Int(try String(contentsOfFile: "/proc/sys/kernel/ns_last_pid", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 1000
        // One process plants them all (each `ln` would use up a pid of the range itself).
        let plant = "import os, sys\nfor p in range(\(next), \(next + 2000)): os.symlink(sys.argv[1], '\(dir.path)/.ledger.json.%d.tmp' % p)"
        #expect(try run(as: users.mallory, ["/usr/bin/python3", "-c", plant, secret], in: dir).status == 0)
        let r = try CommandRunner.run(addAction(file))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(contents(secret) == Data("root's private note\n".utf8))
        #expect(info(secret).st_uid == 0 && info(secret).st_mode & 0o777 == 0o600)
        #expect(info(file).st_mode & S_IFMT == S_IFREG)
        #expect(String(decoding: contents(file), as: UTF8.self).contains("Saved safely"))
    }

    /// A lock file that is a link to root's private file: not followed, not re-moded, said.
    @Test func aLockLinkIsRefusedAndItsTargetUntouched() throws {
        guard let users = Self.users else { return }
        let (dir, file, _) = try sharedFolder()
        let secret = try privateNote(in: dir)
        let before = contents(file)
        #expect(try run(as: users.mallory, ["ln", "-s", secret, dir.path + "/.ledger.json.lock"], in: dir).status == 0)
        let r = try CommandRunner.run(addAction(file))
        #expect(r.status == 1)
        #expect(r.stderr == "redline: error: the lock file \(dir.path)/.ledger.json.lock is a symbolic link (owned by \(users.mallory.name)); it was not followed and nothing was written: remove it, then save again\n")
        #expect(info(secret).st_mode & 0o777 == 0o600 && contents(secret) == Data("root's private note\n".utf8))
        #expect(contents(file) == before)
    }

    /// A dangling lock link would make root create a file where the colleague chose.
    @Test func aDanglingLockLinkCreatesNothing() throws {
        guard let users = Self.users else { return }
        let (dir, file, _) = try sharedFolder()
        let chosen = try CommandRunner.temporaryFolder().appendingPathComponent("made-by-root").path
        #expect(try run(as: users.mallory, ["ln", "-s", chosen, dir.path + "/.ledger.json.lock"], in: dir).status == 0)
        let r = try CommandRunner.run(addAction(file))
        #expect(r.status == 1 && r.stderr.contains("is a symbolic link"))
        #expect(!FileManager.default.fileExists(atPath: chosen))
    }

    /// A colleague's lock file with mode 600: alice cannot open it, and is told whose it is; root
    /// can, saves, and leaves its mode and owner as they were.
    @Test func aForeignLockFileIsNamedAndNeverReModed() throws {
        guard let users = Self.users else { return }
        let (dir, file, binary) = try sharedFolder()
        chmod(file, 0o666)
        let lock = dir.path + "/.ledger.json.lock"
        #expect(try run(as: users.mallory, ["sh", "-c", "umask 077; : > \(lock)"], in: dir).status == 0)
        let before = contents(file)
        let alice = try run(as: users.alice, [binary] + addAction(file), in: dir)
        #expect(alice.status == 1)
        #expect(alice.output == "redline: error: cannot use the lock file \(lock): it belongs to \(users.mallory.name) with mode 0600; ask them or an administrator to remove it\n")
        #expect(contents(file) == before)
        #expect(try CommandRunner.run(addAction(file)).status == 0)
        #expect(info(lock).st_uid == users.mallory.uid && info(lock).st_mode & 0o777 == 0o600)
    }

    /// A colleague who may write in the folder but not the file cannot change it through redline
    /// (before, the save replaced it and they became its owner).
    @Test func aColleagueWithoutWritePermissionChangesNothing() throws {
        guard let users = Self.users else { return }
        let (dir, file, binary) = try sharedFolder()
        chown(file, users.mallory.uid, users.mallory.gid)
        chmod(file, 0o644)
        let before = contents(file)
        for args in [addAction(file), ["ack", file, "--deal", "NW-1001", "--until", "2026-12-30", "--note", "budget", "--as-of", "2026-11-23"],
                     ["autopsy", "add", file, "--deal", "NW-1001", "--root-cause", "x", "--systemic-change", "y"]] {
            let r = try run(as: users.alice, [binary] + args, in: dir)
            #expect(r.status == 1, "\(args)")
            #expect(r.output == "redline: error: you may not write ledger.json (owned by \(users.mallory.name), mode 0644); it is unchanged\n", "\(args)")
        }
        #expect(contents(file) == before && info(file).st_uid == users.mallory.uid)
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/.ledger.json.lock"), "no lock file made by someone who cannot write")
    }

    /// One's own read-only file (444) is not edited either: the mode says no.
    @Test func anOwnReadOnlyFileIsRefused() throws {
        let (dir, file, binary) = try sharedFolder()
        chmod(file, 0o444)
        let before = contents(file)
        let r: (status: Int32, output: String)
        if let users = Self.users {
            chown(file, users.alice.uid, users.alice.gid)
            r = try run(as: users.alice, [binary] + addAction(file), in: dir)
        } else {
            let own = try CommandRunner.run(addAction(file))
            r = (own.status, own.stderr)
        }
        #expect(r.status == 1)
        #expect(r.output.hasPrefix("redline: error: you may not write ledger.json (owned by ") && r.output.hasSuffix(", mode 0444); it is unchanged\n"))
        #expect(contents(file) == before)
    }

    /// An engagement file that is a link is written through to its target and stays a link.
    @Test func aLinkedEngagementFileStaysALink() throws {
        let (dir, file, _) = try sharedFolder()
        let real = try CommandRunner.temporaryFolder()
        let target = real.appendingPathComponent("ledger.json").path
        try FileManager.default.moveItem(atPath: file, toPath: target)
        #expect(symlink(target, file) == 0)
        #expect(try CommandRunner.run(addAction(file)).status == 0)
        #expect(info(file).st_mode & S_IFMT == S_IFLNK)
        #expect(String(decoding: contents(target), as: UTF8.self).contains("Saved safely"))
        #expect(FileManager.default.fileExists(atPath: real.path + "/.ledger.json.lock"), "the lock is the target's, beside it")
        _ = dir
    }

    /// A held lock: the save waits, says who holds it, and gives up after --lock-timeout.
    @Test func aHeldLockSaysWhoHoldsItAndTimesOut() throws {
        let (dir, file, _) = try sharedFolder()
        let lock = dir.path + "/.ledger.json.lock"
        let ready = dir.path + "/holding"
        let holder = try spawn(["python3", "-c", """
            import fcntl, sys, time
            f = open(sys.argv[1], 'a'); fcntl.flock(f, fcntl.LOCK_EX); open(sys.argv[2], 'w').close(); time.sleep(20)
            """, lock, ready], output: "/dev/null")
        defer { kill(holder, SIGKILL); var s: Int32 = 0; waitpid(holder, &s, 0) }
        for _ in 0..<200 where !FileManager.default.fileExists(atPath: ready) { usleep(25_000) }
        let before = contents(file)
        let r = try CommandRunner.run(addAction(file) + ["--lock-timeout", "1"])
        let me = getpwuid(getuid()).map { String(cString: $0.pointee.pw_name) } ?? "uid \(getuid())"
        #expect(r.status == 1)
        #expect(r.stderr == """
            redline: \(file) is being saved by pid \(holder) (python3, user \(me)); waiting up to 1 s
            redline: error: ledger.json is being saved by pid \(holder) (python3, user \(me)) and stayed locked for 1 s; nothing written, try again (the lock is \(lock))

            """)
        #expect(contents(file) == before)
    }

    /// Temp files of killed writers are removed by the next save; a live writer's are not.
    @Test func staleTempFilesOfDeadWritersAreRemoved() throws {
        let (dir, file, _) = try sharedFolder()
        // Above the kernel's largest pid_max (2^22): no process can have these pids.
        let stale = [dir.path + "/.ledger.json.4194305.1f2e.tmp", dir.path + "/.ledger.json.4194306.tmp"]
        let live = dir.path + "/.ledger.json.\(getpid()).abcd.tmp"
        for path in stale + [live] { try Data(repeating: 0x20, count: 4096).write(to: URL(fileURLWithPath: path)) }
        #expect(try CommandRunner.run(addAction(file)).status == 0)
        #expect(stale.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
        #expect(FileManager.default.fileExists(atPath: live))
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
        #expect(left == [".ledger.json.\(getpid()).abcd.tmp"])
    }
}
