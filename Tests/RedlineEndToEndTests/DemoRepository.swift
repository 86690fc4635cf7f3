import Foundation
import Testing

/// The demo written to a fresh folder and committed to git, so an end-to-end test shows what a
/// cockpit session changed with `git diff`.
struct DemoRepository {
    let dir: URL

    init(asOf: String = "2026-11-23") throws {
        dir = try CommandRunner.temporaryFolder()
        #expect(try CommandRunner.run(["demo", "--write", dir.path, "--as-of", asOf]).status == 0)
        _ = try git("init", "-q")
        _ = try git("add", ".")
        _ = try git("commit", "-q", "-m", "demo")
    }

    func git(_ args: String...) throws -> String {
        let out = dir.path + ".git.out"
        let status = try spawnAndWait(["git", "-C", dir.path, "-c", "user.name=Redline Test", "-c", "user.email=test@redline.invalid"] + args, output: out)
        let text = String(decoding: FileManager.default.contents(atPath: out) ?? Data(), as: UTF8.self)
        #expect(status == 0, "git \(args): \(text)")
        return text
    }

    /// The files changed since the commit, one per line.
    func changedFiles() throws -> String { try git("diff", "--name-only") }

    /// The lines `git diff -U0` removes and adds (without their `-` `+`).
    func changedLines(_ file: String? = nil) throws -> (removed: [String], added: [String]) {
        let diff = try (file.map { try git("diff", "-U0", "--", $0) } ?? git("diff", "-U0")).split(separator: "\n").map(String.init)
        return (diff.filter { $0.hasPrefix("-") && !$0.hasPrefix("---") }.map { String($0.dropFirst()) },
                diff.filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }.map { String($0.dropFirst()) })
    }
}

extension TmuxSession {
    /// Types text as it is (tmux does not read it as key names).
    func type(_ text: String) throws { try tmux(["send-keys", "-t", name, "-l", "--", text]) }

    /// Starts the cockpit on `dir` as of the demo's date (`prefix` runs before it, in the same
    /// shell line) and opens a client's dashboard with `:`.
    func openClient(_ id: String, named name: String, in dir: URL, prefix: String = "") throws {
        try run("\(prefix)\(CommandRunner.binary.path) \(dir.path) --as-of 2026-11-23; echo EXIT=$?")
        try waitFor("Clients · weekly status, worst first")
        try keys(":")
        try type(id)
        try keys("Enter")
        try waitFor("Portfolio › \(name)")
    }
}
