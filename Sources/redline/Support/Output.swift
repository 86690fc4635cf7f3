import Foundation
import MetricsCore

/// Writing to the standard streams, and the process environment the commands read.
///
/// Every byte the commands print passes through `sanitizedForTerminal`: text from data files,
/// file names and ids in messages can never carry an escape sequence, a C0/C1 control or a
/// bidi control to whoever runs redline (whatever the command, and whether the output goes to
/// a terminal or to a file that someone will `cat` later).
enum Output {
    static func print(_ text: String) {
        ProgressLine.end()
        FileHandle.standardOutput.write(Data(sanitizedForTerminal(text).utf8))
    }

    /// One line on standard error: `redline: error: message`.
    static func error(_ message: String) {
        ProgressLine.end()
        FileHandle.standardError.write(Data(sanitizedForTerminal("redline: error: \(message)\n").utf8))
    }

    static func warning(_ message: String) {
        ProgressLine.end()
        FileHandle.standardError.write(Data(sanitizedForTerminal("redline: \(message)\n").utf8))
    }
}

extension Output {
    /// One line per file that did not load, on standard error: a report sent to a file or into
    /// a mail body still has its "Files that did not load" section, but whoever runs the command
    /// (or reads cron's mail) is told too. `hasNoRows`: the CSV's wording (it has no such section).
    static func rejectedFiles(_ portfolio: Portfolio, hasNoRows: Bool = false) {
        for file in portfolio.files where file.isRejected {
            let check = "redline check \(OnePage.shellWord(file.file))"
            if hasNoRows {
                warning("\(file.file) did not load and has no rows (\(check))")
                continue
            }
            guard let first = file.errors.first else { warning("\(file.file) did not load (\(check))"); continue }
            let place = (first.line.map { "line \($0): " } ?? "") + (first.path.isEmpty ? "" : "\(first.path): ")
            let errors = file.counts.errors
            warning("\(file.file) did not load: \(place)\(first.message) (\(check)\(errors > 1 ? " lists all \(errors) errors" : ""))")
        }
    }
}

/// The environment, read in one place: the clock and the locale.
enum Environment {
    /// Today's date in the local time zone.
    static func today() -> MetricsCoreDay {
        let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return MetricsCoreDay(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// True when the locale is UTF-8 (LC_ALL, then LC_CTYPE, then LANG), so Unicode glyphs are safe.
    static var localeIsUTF8: Bool {
        let env = ProcessInfo.processInfo.environment
        let locale = [env["LC_ALL"], env["LC_CTYPE"], env["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        let l = locale.lowercased()
        return l.contains("utf-8") || l.contains("utf8")
    }
}
