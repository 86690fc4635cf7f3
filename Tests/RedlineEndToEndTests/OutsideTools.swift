import Foundation
import Testing

/// Programs some end-to-end tests drive that the README's prerequisites do not install (Swift and
/// the ncurses headers). Without one, its tests are skipped with a note naming the package;
/// under `CI=true` they run anyway and fail, so CI never passes by skipping.
enum OutsideTool {
    static let underCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// A command on PATH (or an absolute path that can be run).
    static func installed(_ command: String) -> Bool {
        if command.hasPrefix("/") { return FileManager.default.isExecutableFile(atPath: command) }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(command)") }
    }

    /// Python with the `jsonschema` module (the schema test).
    static var jsonschema: Bool {
        let out = NSTemporaryDirectory() + "redline-jsonschema-\(getpid()).out"
        defer { unlink(out) }
        return installed("python3") && (try? spawnAndWait(["python3", "-c", "import jsonschema"], output: out)) == 0
    }

    static func needs(_ available: @autoclosure @escaping @Sendable () -> Bool, _ what: String, install: String) -> ConditionTrait {
        .enabled(if: available() || underCI, Comment(rawValue: "skipped: \(what) is not installed (\(install); .ci/run installs it; under CI=true this fails)"))
    }

    static let tmux = needs(installed("tmux"), "tmux", install: "apt-get install -y tmux")
    static let screen = needs(installed("screen"), "GNU screen", install: "apt-get install -y screen")
    static let sshd = needs(installed("/usr/sbin/sshd"), "sshd", install: "apt-get install -y openssh-server")
    static let root = needs(getuid() == 0, "root (a private sshd runs as root)", install: "run the tests as root, as CI does")
    static let python = needs(jsonschema, "Python's jsonschema", install: "apt-get install -y python3-jsonschema, or pip install jsonschema")
}

@Suite struct OutsideToolTests {
    /// A missing program skips its tests (with the package named), except under CI=true.
    @Test func aMissingToolSkipsOutsideCI() async throws {
        #expect(!OutsideTool.installed("redline-no-such-tool"))
        #expect(OutsideTool.installed("sh"))
        let missing = OutsideTool.needs(false, "frobnicator", install: "apt-get install -y frob")
        #expect(try await missing.evaluate() == OutsideTool.underCI)
        #expect(missing.comments.map(\.rawValue) == ["skipped: frobnicator is not installed (apt-get install -y frob; .ci/run installs it; under CI=true this fails)"])
    }
}
