import Foundation
import Testing

/// Long work shows one updating line on standard error when it is a terminal (issue 15), and
/// nothing at all when it is not.
@Suite(.serialized) struct ProgressLineTests {
    /// A synthetic engagement large enough that loading it takes a few ticks of the line.
    static func largeFile() throws -> URL {
        let folder = try CommandRunner.temporaryFolder()
        let made = try CommandRunner.run(["demo", "--synthetic", "--deals", "20000", "--write", folder.path, "--as-of", "2026-11-23"])
        #expect(made.status == 0, "\(made.stderr)")
        return folder.appendingPathComponent("synthetic-20000.json")
    }

    /// Runs `redline` with a pseudo-terminal on all three streams (util-linux `script`) and returns what the terminal received.
    static func onTerminal(_ arguments: [String]) throws -> String {
        let command = ([CommandRunner.binary.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        var env = ProcessInfo.processInfo.environment
        env["REDLINE_PROGRESS_DELAY"] = "0"
        env["LANG"] = "C.UTF-8"
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(OutsideTool.needs(OutsideTool.installed("/usr/bin/script"), "util-linux's script", install: "apt-get install -y bsdutils"))
    func aCheckOnATerminalShowsTheLineAndErasesItBeforeItsOutput() throws {
        let file = try Self.largeFile()
        let seen = try Self.onTerminal(["check", file.path])
        #expect(seen.contains("redline: checking: "), "\(seen.prefix(400))")
        // What it counts: megabytes read or deals decoded, with a percentage.
        #expect(seen.contains(" MB read (") || seen.contains(" deals ("), "\(seen.prefix(400))")
        // Erased with spaces, no escape sequence, before the listing is printed.
        #expect(!seen.contains("\u{1B}"))
        let lastReturn = try #require(seen.range(of: "\r", options: .backwards))
        let afterLine = String(seen[seen.index(before: lastReturn.lowerBound)...])
        #expect(!afterLine.contains("redline: checking"))
        #expect(seen.contains("1 file checked: 0 rejected"))
        let beforeListing = try #require(seen.range(of: "1 file checked"))
        let erased = seen[..<beforeListing.lowerBound]
        #expect(erased.hasSuffix("\r") || erased.contains("\r" + String(repeating: " ", count: 20)), "the line is not erased before the output")
    }

    @Test func nothingOnStandardErrorWhenItIsNotATerminal() throws {
        let file = try Self.largeFile()
        let result = try CommandRunner.run(["report", file.path, "--as-of", "2026-11-23", "--format", "json"],
                                           environment: ["REDLINE_PROGRESS_DELAY": "0"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout.hasPrefix("{"))
    }
}
