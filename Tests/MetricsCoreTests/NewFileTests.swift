import Foundation
import Testing
@testable import MetricsCore

/// `EngagementFile.create`, the way an import writes a new file: a folder that cannot take it is
/// named with the reason, and no message calls a file that never existed "unchanged".
@Suite struct NewFileTests {
    static let bytes = Array("{}\n".utf8)

    static func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("redline-new-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func aFolderThatDoesNotExistIsNamed() throws {
        let dir = try Self.temporaryFolder() + "/nodir"
        #expect(throws: EngagementFile.Failure("the folder \(dir) does not exist; nothing written (create it first)")) {
            try EngagementFile.create(dir + "/x.json", bytes: Self.bytes)
        }
        #expect(!FileManager.default.fileExists(atPath: dir))
        // A dry run asks the same question without writing, and gets the same words.
        #expect(EngagementFile.whyNoNewFile(at: dir + "/x.json") == "the folder \(dir) does not exist; nothing written (create it first)")
        #expect(EngagementFile.whyNoNewFile(at: (dir as NSString).deletingLastPathComponent + "/x.json") == nil)
    }

    @Test func aFileWhereTheFolderShouldBeIsNamed() throws {
        let dir = try Self.temporaryFolder()
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/plain"))
        #expect(throws: EngagementFile.Failure("\(dir)/plain is not a folder; nothing written")) {
            try EngagementFile.create(dir + "/plain/x.json", bytes: Self.bytes)
        }
    }

    @Test func aFolderWithoutWritePermission() throws {
        // root may write anywhere: the permission check is then the kernel's, not this one's.
        guard getuid() != 0 else { return }
        let dir = try Self.temporaryFolder()
        chmod(dir, 0o555)
        defer { chmod(dir, 0o755) }
        #expect(throws: EngagementFile.Failure("no permission to write in the folder \(dir); nothing written")) {
            try EngagementFile.create(dir + "/x.json", bytes: Self.bytes)
        }
    }

    @Test func writeFailuresOfANewFileSayNothingWasWritten() {
        #expect(EngagementFile.writeFailure("/a/x.json", POSIXError(.ENOSPC), new: true) == "the disk is full (or your quota is used up); nothing written")
        #expect(EngagementFile.writeFailure("/a/x.json", POSIXError(.ENOSPC)) == "the disk is full (or your quota is used up); x.json is unchanged")
        #expect(EngagementFile.writeFailure("/a/x.json", POSIXError(.EACCES), new: true) == "no permission to write in the folder of x.json; nothing written")
        #expect(EngagementFile.writeFailure("/a/x.json", POSIXError(.ENOENT), new: true) == "the folder of x.json does not exist; nothing written")
    }

    @Test func aNewFileInAFolderThatExistsIsWritten() throws {
        let path = try Self.temporaryFolder() + "/x.json"
        try EngagementFile.create(path, bytes: Self.bytes)
        #expect(FileManager.default.contents(atPath: path).map(Array.init) == Self.bytes)
    }
}
