import ArgumentParser
import Foundation
import MetricsCore

/// `redline demo`: write the bundled demo portfolio, or a synthetic one, to a folder.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the demo portfolio (or a synthetic one for benchmarks) to a folder.",
        discussion: """
        The demo's dates are relative to --as-of (default today): its latest week is that week. \
        --synthetic writes one deterministic engagement with --deals deals instead.
        """
    )

    @Option(help: ArgumentHelp("The folder to write into (created when missing).", valueName: "dir"),
            completion: .directory)
    var write: String

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The anchor date. Default: today.", valueName: "YYYY-MM-DD"), transform: MetricsCoreDay.argument)
    var asOf: MetricsCoreDay?

    @Flag(help: "Write one synthetic engagement instead of the demo.")
    var synthetic = false

    @Option(help: "Deals in the synthetic engagement.")
    var deals: Int = 10_000

    @Flag(help: "Overwrite files that already exist.")
    var force = false

    func validate() throws {
        if deals < 1 { throw ValidationError("--deals must be at least 1") }
        if !synthetic && deals != 10_000 { throw ValidationError("--deals only applies with --synthetic") }
    }

    func run() throws {
        let anchor = asOf ?? Environment.today()
        let files: [(name: String, bytes: [UInt8])]
        if synthetic {
            let e = DemoPortfolio.synthetic(deals: deals, anchor: anchor)
            files = [("synthetic-\(deals).json", EngagementWriter.write(e))]
        } else {
            files = DemoPortfolio.files(anchor: anchor)
        }
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: write, withIntermediateDirectories: true)
        } catch {
            throw failure("cannot create the folder \(write): \(error.localizedDescription)")
        }
        let base = write.hasSuffix("/") ? write : write + "/"
        if !force, let existing = files.first(where: { fm.fileExists(atPath: base + $0.name) }) {
            throw UsageError("\(base + existing.name) already exists; use --force to overwrite it")
        }
        for file in files {
            guard fm.createFile(atPath: base + file.name, contents: Data(file.bytes)) else {
                throw failure("cannot write \(base + file.name)")
            }
            Output.print("wrote \(base + file.name) (\(file.bytes.count) bytes)\n")
        }
    }
}
