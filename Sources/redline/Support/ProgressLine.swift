import Foundation
import MetricsCore

/// One updating line on standard error while long work runs (a load, a review, an import), as
/// users of such tools expect: shown only when standard error is a terminal and the work has
/// taken over a second, rewritten ten times a second, erased before any other output.
///
/// The line holds numbers and fixed words only (no file name or other text from data), so it
/// is written as is; `\r` returns to the line's start and spaces erase it: no escape sequence.
final class ProgressLine: @unchecked Sendable {
    // Guarded by `lock`: the ticker thread and the command's thread both use them.
    private let lock = NSLock()
    private var phase: String
    private var ended = false
    private var shownWidth = 0
    private let started = Date()

    private static let currentLock = NSLock()
    nonisolated(unsafe) private static var current: ProgressLine?

    /// Shown after this long, so quick commands never flash a line (`REDLINE_PROGRESS_DELAY`
    /// seconds instead, for tests).
    static var delay: TimeInterval {
        ProcessInfo.processInfo.environment["REDLINE_PROGRESS_DELAY"].flatMap(TimeInterval.init) ?? 1.0
    }

    private init(phase: String) { self.phase = phase }

    /// Starts counting `phase` (e.g. "loading"); the line appears after `delay` if still running.
    static func begin(_ phase: String) {
        WorkProgress.shared.reset()
        guard isatty(STDERR_FILENO) == 1, (ProcessInfo.processInfo.environment["REDLINE_NO_PROGRESS"] ?? "").isEmpty else { return }
        let line = ProgressLine(phase: phase)
        currentLock.withLock {
            current?.stop()
            current = line
        }
        let thread = Thread { line.tick() }
        thread.start()
    }

    /// The work moved on to `phase` (e.g. "computing the review").
    static func set(_ phase: String) {
        currentLock.withLock { current }?.setPhase(phase)
    }

    /// Erases the line (if shown) and stops it: before any output, and at exit.
    static func end() {
        let line = currentLock.withLock { () -> ProgressLine? in
            defer { current = nil }
            return current
        }
        line?.stop()
    }

    private func setPhase(_ text: String) { lock.withLock { phase = text } }

    private func stop() {
        lock.withLock {
            guard !ended else { return }
            ended = true
            if shownWidth > 0 { write("\r" + String(repeating: " ", count: shownWidth) + "\r") }
        }
    }

    private func tick() {
        Thread.sleep(forTimeInterval: Self.delay)
        while true {
            let stillRunning = lock.withLock { () -> Bool in
                guard !ended else { return false }
                let text = "redline: " + Self.describe(phase: phase, WorkProgress.shared.read(), elapsed: Date().timeIntervalSince(started))
                let padding = max(0, shownWidth - text.count)
                write("\r" + text + String(repeating: " ", count: padding))
                shownWidth = text.count
                return true
            }
            guard stillRunning else { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }

    /// The line's text for what the counters say.
    static func describe(phase: String, _ p: WorkProgress.Reading, elapsed: TimeInterval) -> String {
        let seconds = max(elapsed, 0.001)
        if p.rowsTotal > 0 && p.rowsDone < p.rowsTotal {
            return "\(phase): \(grouped(p.rowsDone)) of \(grouped(p.rowsTotal)) rows (\(percent(p.rowsDone, p.rowsTotal))), "
                + "\(grouped(Int(Double(p.rowsDone) / seconds))) rows/s"
        }
        if p.bytesTotal > 0 && p.bytesScanned < p.bytesTotal {
            return "\(phase): \(megabytes(p.bytesScanned)) of \(megabytes(p.bytesTotal)) MB read (\(percent(p.bytesScanned, p.bytesTotal))), "
                + "\(Int(Double(p.bytesScanned) / 1e6 / seconds)) MB/s" + files(p)
        }
        if p.dealsTotal > 0 && p.dealsDecoded < p.dealsTotal {
            return "\(phase): \(grouped(p.dealsDecoded)) of \(grouped(p.dealsTotal)) deals (\(percent(p.dealsDecoded, p.dealsTotal)))" + files(p)
        }
        return "\(phase), \(String(format: "%.1f", elapsed)) s so far"
    }

    private static func files(_ p: WorkProgress.Reading) -> String {
        p.filesTotal > 1 ? ", \(p.filesDone) of \(p.filesTotal) files done" : ""
    }
    private static func megabytes(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1e6) }
    private static func percent(_ done: Int, _ total: Int) -> String { "\(total > 0 ? done * 100 / total : 0)%" }
}
