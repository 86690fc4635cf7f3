import Foundation
import Testing

/// Headless Chromium (Debian's `chromium`) for the HTML reports: a screenshot to PNG and the
/// DOM as the browser parsed it. Outside CI a machine without it skips those tests with a note
/// naming the package; under CI=true (where .ci/run installs it) its absence is a failure.
enum Chromium {
    static let binary: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
    /// The tests run when the browser is there, and under CI, where its absence must fail.
    static var shouldRun: Bool { binary != nil || isCI }
    static let missing = "chromium is not installed: apt-get install -y chromium (.ci/run does it)"

    /// The browser, or an Issue under CI (the test then stops).
    static func require() -> String? {
        if binary == nil { Issue.record(Comment(rawValue: missing)) }
        return binary
    }

    /// Runs the browser headless on `page` with `flags`; returns what it printed and how long it took.
    static func run(_ flags: [String], page: URL) throws -> (output: String, seconds: Double) {
        let dir = try CommandRunner.temporaryFolder()
        let out = dir.appendingPathComponent("chromium.out").path
        let argv = [binary!, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                    "--user-data-dir=\(dir.path)/profile"] + flags + [page.absoluteString]
        let start = Date()
        let pid = try spawn(argv, output: out)
        // A browser that hangs fails the test instead of holding the run.
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(90)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline { kill(pid, SIGKILL); waitpid(pid, &status, 0); throw TmuxFailure(args: argv, status: -1, output: "chromium took over 90 s") }
            Thread.sleep(forTimeInterval: 0.02)
        }
        let seconds = Date().timeIntervalSince(start)
        return (String(decoding: FileManager.default.contents(atPath: out) ?? Data(), as: UTF8.self), seconds)
    }

    /// The DOM as parsed (stderr's log lines cut away).
    static func dom(_ page: URL) throws -> String {
        let out = try run(["--dump-dom"], page: page).output
        guard let start = out.range(of: "<html"), let end = out.range(of: "</html>", options: .backwards) else { return "" }
        return String(out[start.lowerBound..<end.upperBound])
    }

    /// A PNG of the page at a window size; returns the seconds the browser took.
    static func screenshot(_ page: URL, to png: URL, width: Int, height: Int) throws -> Double {
        try run(["--screenshot=\(png.path)", "--window-size=\(width),\(height)"], page: page).seconds
    }

    /// `data-…="id">text<`: the text of each element carrying `attribute`, by id.
    static func values(_ dom: String, attribute: String) -> [String: String] {
        let regex = try! NSRegularExpression(pattern: attribute + #"="([a-z0-9_]+)"[^>]*>([^<]*)<"#)
        var out: [String: String] = [:]
        for m in regex.matches(in: dom, range: NSRange(dom.startIndex..., in: dom)) {
            out[String(dom[Range(m.range(at: 1), in: dom)!])] = String(dom[Range(m.range(at: 2), in: dom)!])
        }
        return out
    }
}
