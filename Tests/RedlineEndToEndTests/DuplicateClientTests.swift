import Foundation
import Testing

/// One client in two files (a backup copy beside it, or a file named twice): said, never
/// reported twice without a word.
@Suite struct DuplicateClientTests {
    /// The demo's TalentLoop and a backup copy of it, alone in a folder.
    func folderWithACopy() throws -> URL {
        let demo = try CommandRunner.temporaryFolder()
        #expect(try CommandRunner.run(["demo", "--write", demo.path, "--as-of", "2026-11-23"]).status == 0)
        let dir = try CommandRunner.temporaryFolder()
        for name in ["talentloop.json", "talentloop copy.json"] {
            try FileManager.default.copyItem(at: demo.appendingPathComponent("talentloop.json"), to: dir.appendingPathComponent(name))
        }
        return dir
    }

    @Test func aBackupCopyIsAWarningInReportAndAProblemInCheck() throws {
        let dir = try folderWithACopy()
        // Files by name: the copy ("talentloop copy.json") sorts first, so the original repeats it.
        let message = "the client id \"talentloop\" is also the client of \(dir.path)/talentloop copy.json: one client in two files is reported and counted twice (a copy? move it out of the folder)"
        let report = try CommandRunner.run(["report", dir.path, "--as-of", "2026-11-23"])
        #expect(report.status == 0)
        #expect(report.stderr == "redline: warning: \(dir.path)/talentloop.json: \(message)\n")
        let check = try CommandRunner.run(["check", dir.path])
        #expect(check.status == 0)
        #expect(check.stdout.contains("\(dir.path)/talentloop.json: warning: client.id: \(message)\n"))
        #expect(check.stdout.hasSuffix("2 files checked: 0 rejected, 0 errors, 1 warning\n"))
        // In the report itself, with the file's warnings, and in the JSON's problems (every warning of every file).
        #expect(report.stdout.contains("Warnings in the file: 1 (every one: redline check "))
        #expect(report.stdout.contains("\n  \(dir.path)/talentloop.json: warning: client.id: \(message)\n"), "\(report.stdout)")
        let json = try CommandRunner.run(["report", dir.path, "--as-of", "2026-11-23", "--format", "json"])
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let problems = document["problems"] as! [[String: Any]]
        #expect(problems.count == 1)
        #expect(problems.first?["file"] as? String == "\(dir.path)/talentloop.json" && problems.first?["path"] as? String == "client.id")
        #expect(problems.first?["severity"] as? String == "warning" && problems.first?["message"] as? String == message)
        #expect(problems.first?["line"] is NSNull)
    }

    @Test func theSameFileNamedTwiceIsLoadedOnce() throws {
        let dir = try folderWithACopy()
        try FileManager.default.removeItem(at: dir.appendingPathComponent("talentloop copy.json"))
        let file = dir.appendingPathComponent("talentloop.json").path
        for paths in [[file, dir.path], [file, file], ["./talentloop.json", file]] {
            // As the first path alone (its warnings name the file as it was given).
            let once = try CommandRunner.run(["report", paths[0], "--as-of", "2026-11-23"], in: dir)
            let r = try CommandRunner.run(["report"] + paths + ["--as-of", "2026-11-23"], in: dir)
            #expect(r.status == 0 && r.stderr.isEmpty, "\(paths)")
            #expect(r.stdout == once.stdout, "\(paths)")
            #expect(r.stdout.components(separatedBy: "TalentLoop (hr tech)").count == 2, "\(paths)")
        }
        #expect(try CommandRunner.run(["check", file, dir.path]).stdout == "1 file checked: 0 rejected, 0 errors, 0 warnings\n")
    }
}
