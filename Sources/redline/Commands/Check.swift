import ArgumentParser
import MetricsCore

/// `redline check`: validate engagement files and list their problems, grouped by kind.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate engagement files; print each problem as file:line:col: severity: path: message.",
        discussion: """
        Problems of one kind (one message with different values) that occur more than once are \
        printed as one heading with their count and the first three (all four when there are \
        four); --all prints every one. \
        Exit status 1 when any file has an error (warnings alone exit 0).
        """
    )

    @Argument(help: ArgumentHelp("Engagement files or folders of them. Default: the config's portfolio, else the bundled demo.", valueName: "path"),
              completion: .file(extensions: ["json"]))
    var paths: [String] = []

    @Flag(name: .shortAndLong, help: "Print only the summary line.")
    var quiet = false

    @Flag(help: "Print every problem on its own line, not grouped by kind.")
    var all = false

    func run() throws {
        DecodedDealsCache.shared.isEnabled = false   // each file is read once
        let portfolio = try DataOptions.portfolio(paths, anchor: Environment.today(), phase: "checking", warnsOfDuplicates: false)
        KeptUntilExit.keep(portfolio)
        // A client in two files is a warning of the second file's (`Portfolio.load`), listed and counted with its own.
        if !quiet { Output.print(Self.listing(portfolio.files, all: all)) }
        var counts = ProblemCounts()
        for file in portfolio.files { counts.add(file.counts) }
        let rejected = portfolio.files.filter(\.isRejected).count
        let n = portfolio.files.count
        Output.print("\(n) file\(n == 1 ? "" : "s") checked: \(rejected) rejected, \(counts.errors) error\(counts.errors == 1 ? "" : "s"), \(counts.warnings) warning\(counts.warnings == 1 ? "" : "s")\n")
        if counts.errors > 0 { throw ExitCode(1) }
    }

    /// Every problem as a compiler line (`all`), or grouped: a kind seen once is its line; a kind
    /// seen more often is a heading with its count, its first three and how many more (two at
    /// least: a fourth is listed in the line "and 1 more" would take).
    static func listing(_ files: [LoadedFile], all: Bool) -> String {
        var out = ""
        // Under a locale that is not UTF-8, `×` and `…` in ASCII (x, ...).
        let glyphs: Glyphs = Environment.localeIsUTF8 ? .unicode : .ascii
        func line(_ text: String) { out += glyphs.text(sanitizedForDisplay(text)) + "\n" }
        let problems = files.flatMap(\.problems)
        if all {
            for p in problems { line(p.description) }
        } else {
            // Four examples read: a fourth is listed rather than "… and 1 more", which takes its line.
            for group in groupProblems(problems, examples: 4) {
                guard group.count > 1 else { line(group.examples[0].description); continue }
                line("\(group.severity.rawValue) ×\(group.count): \(group.kind)")
                let shown = group.count == group.examples.count ? group.examples : Array(group.examples.prefix(3))
                for p in shown {
                    var place = p.file + (p.line.map { ":\($0)" } ?? "") + (p.column.map { ":\($0)" } ?? "")
                    if !p.path.isEmpty { place += ": \(p.path)" }
                    line("  " + place + (p.message == group.kind ? "" : ": \(p.message)"))
                }
                if group.count > shown.count {
                    line("  … and \(group.count - shown.count) more (--all lists every one)")
                }
            }
        }
        for file in files where file.unlisted.total > 0 {
            line("\(file.file): \(file.unlisted.total) more problem\(file.unlisted.total == 1 ? "" : "s") not listed (\(file.unlisted.errors) errors, \(file.unlisted.warnings) warnings): only the first \(LoadLimits.maxProblems) of a file are kept")
        }
        return out
    }
}
