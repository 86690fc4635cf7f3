import Foundation
import Testing

/// docs/engagement.schema.json is a valid JSON Schema and accepts every demo file.
@Suite(OutsideTool.python) struct SchemaTests {
    @Test func demoFilesMatchTheSchema() throws {
        let dir = try CommandRunner.temporaryFolder()
        #expect(try CommandRunner.run(["demo", "--write", dir.path, "--as-of", "2026-11-23"]).status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted().map { dir.appendingPathComponent($0).path }
        let root = CommandRunner.packageRoot
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("docs/check_schema.py").path,
                             root.appendingPathComponent("docs/engagement.schema.json").path] + files
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text == "5 files, 0 problems\n")
    }

    @Test func theSchemaRejectsAWrongType() throws {
        let dir = try CommandRunner.temporaryFolder()
        let bad = dir.appendingPathComponent("bad.json")
        try Data(#"{"format": "redline.engagement/1", "client": {"id": "c", "name": "C", "industry": "saas"}, "stages": [], "deals": [{"id": "D", "name": "N", "amount": "12k", "created": "2026-01-01", "stage_history": []}]}"#.utf8).write(to: bad)
        let root = CommandRunner.packageRoot
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("docs/check_schema.py").path,
                             root.appendingPathComponent("docs/engagement.schema.json").path, bad.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(text.contains("deals/0/amount: '12k' is not of type 'number'"))
        #expect(text.contains("deals/0/stage_history: [] should be non-empty"))
    }
}
