import Foundation
import Testing

/// A private sshd on 127.0.0.1 with throwaway keys, for driving the cockpit over a real SSH link.
final class SSHServer {
    let dir: URL
    let port: Int
    private let pid: pid_t

    init() throws {
        dir = try CommandRunner.temporaryFolder()
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        for key in ["host_key", "user_key"] {
            #expect(try spawnAndWait(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.appendingPathComponent(key).path], output: dir.path + "/keygen.log") == 0)
        }
        try FileManager.default.copyItem(at: dir.appendingPathComponent("user_key.pub"), to: dir.appendingPathComponent("authorized_keys"))
        // A free port: another one when sshd cannot listen on the first it tries.
        var started: (port: Int, pid: pid_t)?
        for _ in 0..<5 where started == nil {
            let port = Int.random(in: 20_000...40_000)
            let config = """
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(dir.path)/host_key
            AuthorizedKeysFile \(dir.path)/authorized_keys
            PasswordAuthentication no
            PermitRootLogin prohibit-password
            StrictModes no
            UsePAM no
            """
            try config.write(to: dir.appendingPathComponent("sshd_config"), atomically: true, encoding: .utf8)
            let log = dir.path + "/sshd-\(port).log"
            let pid = try spawn(["/usr/sbin/sshd", "-D", "-f", dir.path + "/sshd_config", "-E", log], output: dir.path + "/sshd.out")
            let deadline = Date().addingTimeInterval(5)
            var status: Int32 = 0
            while Date() < deadline, waitpid(pid, &status, WNOHANG) == 0 {
                if (String(data: FileManager.default.contents(atPath: log) ?? Data(), encoding: .utf8) ?? "").contains("Server listening") {
                    started = (port, pid)
                    break
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
            if started == nil { kill(pid, SIGKILL); waitpid(pid, &status, 0) }
        }
        guard let started else { throw TmuxFailure(args: ["sshd"], status: 1, output: "sshd did not start; see \(dir.path)") }
        port = started.port
        pid = started.pid
    }

    deinit {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    /// The ssh command line for a shell, with a terminal (`-tt`) as a user's would have.
    var client: String {
        "ssh -tt -i \(dir.path)/user_key -p \(port) -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR root@127.0.0.1"
    }
}

/// The cockpit over a real SSH link: it draws, takes mouse clicks and quits cleanly, and when the
/// link drops (the client killed) the remote cockpit leaves instead of lingering on a dead terminal.
@Suite(.serialized, OutsideTool.tmux, OutsideTool.sshd, OutsideTool.root) struct SSHTests {
    @Test func theCockpitOverSSHAndADroppedLink() throws {
        guard getuid() == 0 else { Issue.record("sshd runs as root here; run the tests as root"); return }
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/sshd") else {
            Issue.record("sshd is not installed: apt-get install -y openssh-server (.ci/run does it)")
            return
        }
        let server = try SSHServer()
        let demo = try CommandRunner.temporaryFolder()
        #expect(try CommandRunner.run(["demo", "--write", demo.path, "--as-of", "2026-11-23"]).status == 0)
        let remote = "LANG=C.UTF-8 \(CommandRunner.binary.path) \(demo.path) --as-of 2026-11-23"
        let t = try TmuxSession(width: 100, height: 30, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
        try t.run("\(server.client) '\(remote)'; echo EXIT=$?")
        try t.waitFor("Clients · weekly status, worst first")
        // The mouse over the link: the remote cockpit asked the local pane for SGR reports, and a
        // click typed into the pane reaches it (line 5 is the third client, line 4 the second).
        let flags = try t.tmux(["display", "-p", "-t", t.name, "#{mouse_any_flag} #{mouse_sgr_flag}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(flags == "1 1", "mouse modes over ssh: \(flags)")
        try t.type("\u{1B}[<0;11;6M\u{1B}[<0;11;6m")
        try t.waitFor("▶ Ledgerly")
        try t.type("\u{1B}[<0;11;5M\u{1B}[<0;11;5m")
        try t.waitFor("▶ Cortexa AI")
        try t.keys("Enter", "x", "Enter")
        try t.waitFor("D-1003  Juniper Logistics: Document AI pilot")
        try t.keys("q")
        let after = try t.waitFor("EXIT=0")
        #expect(!after.contains("Redline │"), "the cockpit is still on screen:\n\(after)")

        // The link drops: the ssh client is killed while the cockpit runs on the other side.
        try t.run("clear; \(server.client) '\(remote)'; echo EXIT=$?")
        try t.waitFor("Clients · weekly status, worst first")
        let pgrep = demo.path + ".pgrep"
        // The remote cockpit's own command line (the local ssh client's starts with "ssh").
        let cockpit = "^\(CommandRunner.binary.path) \(demo.path)"
        #expect(try spawnAndWait(["pgrep", "-f", cockpit], output: pgrep) == 0, "the remote cockpit is not running")
        let client = try #require(try t.childPID())
        kill(client, SIGKILL)
        let deadline = Date().addingTimeInterval(10)
        var running = true
        while Date() < deadline, running {
            running = try spawnAndWait(["pgrep", "-f", cockpit], output: pgrep) == 0
            if running { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(!running, "the remote cockpit still runs 10 s after the link dropped")
        withExtendedLifetime(server) {}
    }
}
