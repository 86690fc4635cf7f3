import Foundation

/// Writing to the standard streams, and the process environment the commands read.
enum Output {
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// One line on standard error: `redline: error: message`.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("redline: error: \(message)\n".utf8))
    }

    static func warning(_ message: String) {
        FileHandle.standardError.write(Data("redline: \(message)\n".utf8))
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
