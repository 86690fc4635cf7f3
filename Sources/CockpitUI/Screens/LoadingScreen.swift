import Dispatch
import Foundation
import MetricsCore

/// What the cockpit shows while a large portfolio loads: the first frame comes at once, and the
/// load's progress (megabytes read, deals decoded, then the review being computed) follows.
public enum LoadingScreen {
    public static func render(size: Size, progress p: WorkProgress.Reading, elapsed: Double, glyphs: UIGlyphs) -> Buffer {
        var buffer = Buffer(size: size)
        buffer.asciiOnly = glyphs.text.isASCII
        let x = glyphs.text.times
        guard size.width >= CockpitView.minimumSize.width, size.height >= CockpitView.minimumSize.height else {
            let lines = ["Redline needs at least 80\(x)24.", "Loading meanwhile.", "q quits."]
            for (i, line) in lines.enumerated() {
                let text = TextWidth.truncate(line, to: size.width, ellipsis: glyphs.text.ellipsis)
                buffer.put(text, x: max(0, (size.width - TextWidth.of(text)) / 2), y: max(0, size.height / 2 - 1 + i))
            }
            return buffer
        }
        buffer.put(" Redline \(glyphs.vertical) Loading", x: 0, y: 0, style: .header)
        let (line, done, total) = describe(p)
        let width = min(60, size.width - 8)
        let left = (size.width - width) / 2, top = size.height / 2 - 2
        buffer.put(TextWidth.truncate(line, to: width, ellipsis: glyphs.text.ellipsis), x: left, y: top, style: .title)
        let filled = total > 0 ? min(width - 2, (width - 2) * done / total) : 0
        let bar = "[" + String(repeating: glyphs.text.isASCII ? "#" : "█", count: filled)
            + String(repeating: glyphs.text.isASCII ? "." : "░", count: width - 2 - filled) + "]"
        buffer.put(bar, x: left, y: top + 1, style: Style(.accent))
        let seconds = "\(Int(elapsed * 10) / 10).\(Int(elapsed * 10) % 10) s"
        let files = p.filesTotal > 0 ? "\(p.filesDone) of \(p.filesTotal) file\(p.filesTotal == 1 ? "" : "s") loaded \(glyphs.separator) " : ""
        buffer.put(TextWidth.truncate(files + seconds, to: width, ellipsis: glyphs.text.ellipsis), x: left, y: top + 2, style: .muted)
        buffer.put("q quits", x: 0, y: size.height - 1, style: .muted)
        return buffer
    }

    /// The line for the counters, and how far along the bar is.
    static func describe(_ p: WorkProgress.Reading) -> (String, Int, Int) {
        if p.bytesTotal > 0 && p.bytesScanned < p.bytesTotal {
            return ("Reading: \(megabytes(p.bytesScanned)) of \(megabytes(p.bytesTotal)) MB (\(p.bytesScanned * 100 / p.bytesTotal)%)", p.bytesScanned, p.bytesTotal)
        }
        if p.dealsTotal > 0 && p.dealsDecoded < p.dealsTotal {
            return ("Reading deals: \(grouped(p.dealsDecoded)) of \(grouped(p.dealsTotal)) (\(p.dealsDecoded * 100 / p.dealsTotal)%)", p.dealsDecoded, p.dealsTotal)
        }
        if p.bytesTotal > 0 { return ("Computing the review of \(grouped(p.dealsTotal)) deals", 1, 1) }
        return ("Opening the portfolio", 0, 1)
    }

    static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes + 50_000) / 100_000
        return "\(tenths / 10).\(tenths % 10)"
    }
}

extension CockpitRuntime {
    /// Runs `work` on a background thread while the terminal shows `LoadingScreen`; nil when the
    /// user quits (q, Ctrl-C) or the terminal goes away first. Keys typed meanwhile are kept in
    /// `typedAhead`, for the cockpit to act on once it is loaded.
    public static func whileLoading<T: Sendable>(terminal: Terminal, glyphs: UIGlyphs, theme: Theme, typedAhead: inout [Message],
                                                 _ work: @escaping @Sendable () -> T) -> T? {
        let mailbox = ResultBox<T>()
        let started = DispatchTime.now()
        // The first frame before the load starts: the load's scan takes both cores, and a frame
        // drawn after it began waited for them (49 → 125 ms at 100k deals, `Benchmarks/scale.py`).
        terminal.draw(render(size: terminal.size, progress: WorkProgress.shared.read(), elapsed: 0, glyphs: glyphs), theme: theme)
        DispatchQueue.global(qos: .userInitiated).async { mailbox.set(work()) }
        while true {
            if let result = mailbox.get() { return result }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            terminal.draw(render(size: terminal.size, progress: WorkProgress.shared.read(), elapsed: elapsed, glyphs: glyphs), theme: theme)
            // A short poll: the load's end is seen within 10 ms (the worker cannot wake the input wait).
            switch terminal.nextMessage(timeoutMilliseconds: 10) {
            case .hangUp: return nil
            case .message(.key(.char("q"))), .message(.key(.ctrl("c"))): return nil
            case .message(.key(let key)): typedAhead.append(.key(key))
            default: continue
            }
        }
    }

    private static func render(size: Size, progress: WorkProgress.Reading, elapsed: Double, glyphs: UIGlyphs) -> Buffer {
        LoadingScreen.render(size: size, progress: progress, elapsed: elapsed, glyphs: glyphs)
    }
}

/// One value handed from a worker thread to the input thread.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var value: T?
    func set(_ v: T) { lock.lock(); value = v; lock.unlock() }
    func get() -> T? { lock.lock(); defer { lock.unlock() }; return value }
}
