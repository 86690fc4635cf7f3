import Foundation
import Testing
@testable import MetricsCore

/// `EngagementLoader.readFile`: the file's bytes exactly, read in two halves from 8 MB on.
@Suite struct ReadFileTests {
    static func write(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("redline-read-\(UUID().uuidString).json").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(arguments: [0, 1, 4_097, EngagementLoader.parallelReadThreshold - 1, EngagementLoader.parallelReadThreshold,
                      EngagementLoader.parallelReadThreshold + 12_345])
    func everySizeIsReadWhole(size: Int) throws {
        var random = SeededRandom(seed: UInt64(size))
        let bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let path = try Self.write(bytes)
        defer { unlink(path) }
        let read = try EngagementLoader.readFile(path).get()
        #expect(read.count == bytes.count)
        #expect(read == bytes)
    }

    @Test func aPipeIsReadToItsEnd() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("redline-fifo-\(UUID().uuidString)").path
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        process.arguments = ["-c", "printf '{\"a\": 1}' > '\(fifo)'"]
        try process.run()
        let read = try EngagementLoader.readFile(fifo).get()
        process.waitUntilExit()
        #expect(String(decoding: read, as: UTF8.self) == #"{"a": 1}"#)
    }

    @Test func aFolderIsSaidToBeOne() {
        guard case .failure(let failure) = EngagementLoader.readFile(FileManager.default.temporaryDirectory.path) else {
            Issue.record("a folder was read"); return
        }
        #expect(failure.message == "cannot read the file: it is a folder")
    }
}
