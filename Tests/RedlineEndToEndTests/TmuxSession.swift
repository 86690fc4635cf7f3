import Foundation

/// A shell in a detached tmux session on a private server: type into it, read the screen.
final class TmuxSession {
    let socket: String
    let name = "e2e"

    /// Starts `bash` at `width`×`height` with `environment` (TERM, LANG, NO_COLOR ...).
    init(width: Int, height: Int, environment: [String: String]) throws {
        socket = "redline-e2e-\(UUID().uuidString.prefix(8))"
        let env = environment.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        try tmux(["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height),
                  "env -i PATH=/usr/bin:/bin HOME=\(NSTemporaryDirectory()) PS1='$ ' \(env) bash --norc --noprofile"])
        _ = try waitFor("$", timeout: 5)
    }

    deinit { _ = try? tmux(["kill-server"]) }

    /// Runs a tmux command and returns its output. Spawned directly and waited for with
    /// waitpid, its output through a file: the server that `new-session` forks would keep a
    /// pipe open, and Foundation's `Process` was seen not to reap the tmux client here.
    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        let path = NSTemporaryDirectory() + "\(socket)-\(UUID().uuidString).out"
        defer { unlink(path) }
        let status = try spawnAndWait(["tmux", "-L", socket] + args, output: path)
        let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        if status != 0 && args.first != "kill-server" { throw TmuxFailure(args: args, status: status, output: text) }
        return text
    }

    /// Types text and presses Enter.
    func run(_ command: String) throws { try tmux(["send-keys", "-t", name, "-l", command]); try tmux(["send-keys", "-t", name, "Enter"]) }
    /// Sends tmux key names: "Enter", "Escape", "q", "[".
    func keys(_ keys: String...) throws { for k in keys { try tmux(["send-keys", "-t", name, k]) } }

    /// The visible pane; `-J` joins lines the terminal wrapped.
    func screen(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-J", "-t", name] + (escapes ? ["-e"] : []))
    }

    /// Polls the screen until it contains `text` and every one of `more` (a frame may be caught
    /// half drawn, so wait for everything a test then looks at); the last screen is in the error.
    @discardableResult
    func waitFor(_ text: String, _ more: String..., timeout: Double = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) && more.allSatisfy(last.contains) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TmuxTimeout(expected: ([text] + more).joined(separator: "\" and \""), screen: last)
    }

    /// The pid of the program running in the shell (the shell's child), if any.
    func childPID() throws -> Int32? {
        let shell = try tmux(["display", "-p", "-t", name, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let path = NSTemporaryDirectory() + "\(socket)-pgrep.out"
        defer { unlink(path) }
        _ = try spawnAndWait(["pgrep", "-P", shell], output: path)
        let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        return text.split(separator: "\n").first.flatMap { Int32($0) }
    }
}

struct TmuxTimeout: Error, CustomStringConvertible {
    let expected: String
    let screen: String
    var description: String { "timed out waiting for \"\(expected)\"; the screen was:\n\(screen)" }
}

struct TmuxFailure: Error, CustomStringConvertible {
    let args: [String], status: Int32, output: String
    var description: String { "tmux \(args.joined(separator: " ")) exited \(status): \(output)" }
}

/// Runs a program found on PATH with stdout and stderr to `output`, stdin from /dev/null; returns its exit status.
func spawnAndWait(_ argv: [String], output: String) throws -> Int32 {
    let pid = try spawn(argv, output: output)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    return (status >> 8) & 0xFF
}

/// Starts a program with a clean signal mask (test threads block most signals, and a shell's
/// `wait` or a terminal program would inherit that); returns its pid.
func spawn(_ argv: [String], output: String) throws -> pid_t {
    var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var cArgs = argv.map { strdup($0) } + [nil]
    defer { for a in cArgs { free(a) } }
    // Test threads block most signals; the tmux server and its shells must not inherit that.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t(), all = sigset_t()
    sigemptyset(&empty)
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let rc = posix_spawnp(&pid, argv[0], &actions, &attributes, &cArgs, environ)
    guard rc == 0 else { throw TmuxFailure(args: argv, status: rc, output: "cannot start \(argv[0])") }
    return pid
}
