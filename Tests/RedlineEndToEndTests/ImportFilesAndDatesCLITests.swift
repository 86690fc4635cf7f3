import Foundation
import Testing

/// `redline import` as a new user types it: a mapping named by its bare file name in the current
/// folder, an export whose date is left to its file's modification date, a file written into a
/// folder that does not exist.
@Suite struct ImportFilesAndDatesCLITests {
    let maven = CommandRunner.packageRoot.path + "/Tests/ImporterTests/Fixtures/maven/"
    let successive = CommandRunner.packageRoot.path + "/Tests/ImporterTests/Fixtures/successive/"

    /// The Maven export, its lookup files and the shipped mapping pointed at them, in a fresh folder.
    func mavenFolder() throws -> URL {
        let dir = try CommandRunner.temporaryFolder()
        for name in ["sales_pipeline.csv", "products.csv", "sales_teams.csv", "accounts.csv"] {
            try FileManager.default.copyItem(atPath: maven + name, toPath: dir.appendingPathComponent(name).path)
        }
        let shipped = try String(contentsOfFile: CommandRunner.packageRoot.path + "/Examples/maven-crm/mapping.toml", encoding: .utf8)
        try Data(shipped.replacingOccurrences(of: "../../Tests/ImporterTests/Fixtures/maven/", with: "").utf8)
            .write(to: dir.appendingPathComponent("maven2.toml"))
        return dir
    }

    @Test func aMappingInTheCurrentFolderReadsItsLookupFilesThere() throws {
        let dir = try mavenFolder()
        let r = try CommandRunner.run(["import", "--from", "csv", "sales_pipeline.csv", "--mapping", "maven2.toml", "--into", "crm.json", "--as-of", "2017-12-31"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("  accounts: 85; reps: 35\n"))
        #expect(r.stdout.contains("  lost deal with amount 0: amount estimated from products.csv sales_price: 2,473 (rows "))
        // The shipped mapping copied as it is: its files are not beside the copy, and the error says which key, where, and why.
        try FileManager.default.copyItem(atPath: CommandRunner.packageRoot.path + "/Examples/maven-crm/mapping.toml", toPath: dir.appendingPathComponent("maven.toml").path)
        let copied = try CommandRunner.run(["import", "sales_pipeline.csv", "--mapping", "maven.toml", "--into", "crm.json", "--as-of", "2017-12-31"], in: dir)
        #expect(copied.status == 1)
        // The path read is the whole one, from the mapping's folder (here the current one), `..` folded.
        let up = ((dir.path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
        #expect(copied.stderr == "redline: error: maven.toml:56: [amount_estimate] file \"../../Tests/ImporterTests/Fixtures/maven/products.csv\", relative to the mapping's folder \(dir.path): "
                + "cannot read \(up == "/" ? "" : up)/Tests/ImporterTests/Fixtures/maven/products.csv: No such file or directory\n")
    }

    /// An old export copied today: its modification date is years after its data. The dry run
    /// says which date to give; --apply refuses the guess and writes nothing.
    @Test func anExportFarOlderThanItsFileIsNotDatedByIt() throws {
        let dir = try mavenFolder()
        let csv = dir.appendingPathComponent("sales_pipeline.csv").path
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_796_083_200)], ofItemAtPath: csv) // 2026-12-01
        let dry = try CommandRunner.run(["import", "sales_pipeline.csv", "--mapping", "maven2.toml", "--into", "crm.json"], environment: ["TZ": "UTC"], in: dir)
        #expect(dry.status == 0)
        #expect(dry.stdout.hasSuffix("\nNote: the export's latest date is 2017-12-31, 3,257 days before the export date 2026-12-01, the file's modification date; --apply refuses that date: give the day it was exported (--as-of 2017-12-31 if it was exported when its data ends)\n"
            + "Dry run: nothing written. Add --apply and the export's date (--as-of YYYY-MM-DD) to write crm.json.\n"))
        let apply = try CommandRunner.run(["import", "sales_pipeline.csv", "--mapping", "maven2.toml", "--into", "crm.json", "--apply"], environment: ["TZ": "UTC"], in: dir)
        #expect(apply.status == 1)
        #expect(apply.stderr == "redline: error: sales_pipeline.csv: its latest date is 2017-12-31, 3,257 days before its modification date 2026-12-01, the export date when --as-of is not given (a copy of an older export?); nothing written. Give the day it was exported: --as-of 2017-12-31 if it was exported when its data ends\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("crm.json").path))
        // After the right import, the same mistake leaves the file as it is, and the right import still works.
        #expect(try CommandRunner.run(["import", "sales_pipeline.csv", "--mapping", "maven2.toml", "--into", "crm.json", "--as-of", "2017-12-31", "--apply"], in: dir).status == 0)
        let written = try Data(contentsOf: dir.appendingPathComponent("crm.json"))
        let again = try CommandRunner.run(["import", "sales_pipeline.csv", "--mapping", "maven2.toml", "--into", "crm.json", "--apply"], environment: ["TZ": "UTC"], in: dir)
        #expect(again.status == 1)
        #expect(try Data(contentsOf: dir.appendingPathComponent("crm.json")) == written)
        let right = try CommandRunner.run(["import", "sales_pipeline.csv", "--mapping", "maven2.toml", "--into", "crm.json", "--as-of", "2017-12-31", "--apply"], in: dir)
        #expect(right.status == 0)
        #expect(right.stdout.contains("Changes to crm.json since its last import:\n  none\n"))
    }

    /// The same export again, its date left to a later modification date: no byte changes.
    @Test func theSameExportAgainWithoutItsDateChangesNothing() throws {
        let dir = try CommandRunner.temporaryFolder()
        let csv = dir.appendingPathComponent("export.csv").path, out = dir.appendingPathComponent("s.json").path
        try FileManager.default.copyItem(atPath: successive + "export-2026-10-31.csv", toPath: csv)
        let map = successive + "mapping.toml"
        #expect(try CommandRunner.run(["import", csv, "--mapping", map, "--into", out, "--as-of", "2026-10-31", "--apply"]).status == 0)
        let written = try Data(contentsOf: URL(fileURLWithPath: out))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_795_737_600)], ofItemAtPath: csv) // 2026-11-27
        let again = try CommandRunner.run(["import", csv, "--mapping", map, "--into", out, "--apply"], environment: ["TZ": "UTC"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("Changes to \(out) since its last import:\n  none (data_as_of stays 2026-10-31: nothing moved, and without --as-of the export's date is only its file's modification date)\nNothing to write: \(out) is unchanged.\n"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == written)
        // Given, the date is the CRO's word: data_as_of moves.
        let given = try CommandRunner.run(["import", csv, "--mapping", map, "--into", out, "--as-of", "2026-11-27"])
        #expect(given.stdout.contains("  data_as_of: 2026-10-31 → 2026-11-27\n"))
    }

    /// An export date after today (a typo, a clock ahead) would become data_as_of and lock the
    /// file against every right import: refused, given or guessed, and nothing written.
    @Test func anExportDateInTheFutureIsRefused() throws {
        let dir = try mavenFolder()
        let given = try CommandRunner.run(["import", "sales_pipeline.csv", "--mapping", "maven2.toml", "--into", "crm.json", "--as-of", "2999-12-31", "--apply"], in: dir)
        #expect(given.status == 2)
        #expect(given.stderr.hasPrefix("redline: error: --as-of 2999-12-31 is after today, "))
        #expect(given.stderr.hasSuffix(": an export cannot be dated later; give the day it was exported with --as-of YYYY-MM-DD\n"))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 4_102_358_400)], ofItemAtPath: dir.appendingPathComponent("sales_pipeline.csv").path) // 2099-12-31
        let guessed = try CommandRunner.run(["import", "sales_pipeline.csv", "--mapping", "maven2.toml", "--into", "crm.json", "--apply"], environment: ["TZ": "UTC"], in: dir)
        #expect(guessed.status == 2)
        #expect(guessed.stderr.hasPrefix("redline: error: the export date 2099-12-31 (sales_pipeline.csv's modification date: a clock ahead?) is after today, "))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("crm.json").path))
    }

    @Test func aFolderThatDoesNotExistIsSaid() throws {
        let dir = try CommandRunner.temporaryFolder()
        let out = dir.appendingPathComponent("nodir/x.json").path
        let r = try CommandRunner.run(["import", "--from", "hubspot", CommandRunner.packageRoot.path + "/Tests/ImporterTests/Fixtures/crm/hubspot-deals.csv",
                                       "--into", out, "--as-of", "2026-11-23", "--apply"])
        #expect(r.status == 1)
        #expect(r.stderr == "redline: error: cannot write \(out): the folder \(dir.path)/nodir does not exist; nothing written (create it first)\n")
        // The summary, without a "Wrote" line for a file that was not written.
        #expect(r.stdout.hasSuffix("Warnings, by kind:\n  empty Amount: 0 used: 1 (row 4)\n  open deal without Associated Company (Primary): 1 (row 4)\n"))
    }

    /// The dry run says what --apply would, in its words and with its status, instead of
    /// ending "Add --apply to write …": a relative --into is named as typed, its folder whole.
    @Test func aDryRunIntoAFolderThatDoesNotExistSaysSo() throws {
        let dir = try CommandRunner.temporaryFolder()
        let csv = CommandRunner.packageRoot.path + "/Tests/ImporterTests/Fixtures/crm/hubspot-deals.csv"
        let dry = try CommandRunner.run(["import", "--from", "hubspot", csv, "--into", "nodir/x.json", "--as-of", "2026-11-23"], in: dir)
        let apply = try CommandRunner.run(["import", "--from", "hubspot", csv, "--into", "nodir/x.json", "--as-of", "2026-11-23", "--apply"], in: dir)
        let error = "redline: error: cannot write nodir/x.json: the folder \(dir.path)/nodir does not exist; nothing written (create it first)\n"
        #expect(dry.status == 1 && dry.stderr == error)
        #expect(apply.status == 1 && apply.stderr == error)
        #expect(dry.stdout.hasSuffix("open deal without Associated Company (Primary): 1 (row 4)\nDry run: nothing written.\n"))
        #expect(!dry.stdout.contains("--apply"))
        // A folder that exists: the dry run invites --apply, as before.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("nodir"), withIntermediateDirectories: false)
        let ready = try CommandRunner.run(["import", "--from", "hubspot", csv, "--into", "nodir/x.json", "--as-of", "2026-11-23"], in: dir)
        #expect(ready.status == 0 && ready.stdout.hasSuffix("Dry run: nothing written. Add --apply to write nodir/x.json.\n"))
    }
}
