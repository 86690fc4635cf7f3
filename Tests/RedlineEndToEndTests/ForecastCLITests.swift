import Foundation
import Testing

/// `redline forecast`: the rolling forecast printed, and recorded into the file only when asked.
@Suite struct ForecastCLITests {
    @Test func printThenRecordTwiceKeepsOneEntryPerMonth() throws {
        let dir = try CommandRunner.temporaryFolder()
        #expect(try CommandRunner.run(["demo", "--write", dir.path, "--as-of", "2026-11-23"]).status == 0)
        let file = dir.appendingPathComponent("cortexa-ai.json").path
        let before = try String(contentsOfFile: file, encoding: .utf8)
        let shown = try CommandRunner.run(["forecast", file, "--as-of", "2026-11-23"])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("""
              Month    Won  Expected  Forecast  Target  vs target  Deals
              2026-11   $0     $311k     $311k   $244k       127%      8
            """))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == before, "printing never records")

        for _ in 0..<2 {
            let r = try CommandRunner.run(["forecast", file, "--as-of", "2026-11-23", "--record"])
            #expect(r.status == 0 && r.stdout.contains("Recorded in \(file): forecasts of 2026-11, 2026-12, 2027-01 made on 2026-11-23.\n"))
        }
        let after = try String(contentsOfFile: file, encoding: .utf8)
        let old = Set(before.split(separator: "\n")), new = after.split(separator: "\n")
        let added = new.filter { !old.contains($0) }.map { $0.trimmingCharacters(in: .whitespaces) }
        // Only the last old entry gains its comma; the three months are added once each.
        #expect(added == [#"{"month": "2026-11", "amount": 181000, "made_on": "2026-10-29"},"#,
                          #"{"month": "2026-11", "amount": 310664.29, "made_on": "2026-11-23"},"#,
                          #"{"month": "2026-12", "amount": 103000, "made_on": "2026-11-23"},"#,
                          #"{"month": "2027-01", "amount": 435666.67, "made_on": "2026-11-23"}"#])
        #expect(new.count == before.split(separator: "\n").count + 3)
        let demo = try CommandRunner.run(["forecast", "--record"])
        #expect(demo.status == 2 && demo.stderr == "redline: error: --record needs engagement files: the bundled demo is read-only (see --help)\n")
    }
}
