import Dispatch
import Foundation
import MetricsCore

/// What the cockpit needs from a terminal; the ncurses adapter and the in-memory test
/// terminal implement it.
public protocol Terminal: AnyObject {
    /// The current size in cells.
    var size: Size { get }
    /// Draws the buffer in `theme`: only what changed since the last draw, everything when the
    /// theme changed (the buffer holds roles, so its diff cannot see a new theme).
    func draw(_ buffer: Buffer, theme: Theme)
    /// The next input, or `nil` when `timeoutMilliseconds` pass without one.
    func nextMessage(timeoutMilliseconds: Int) -> TerminalInput?
}

/// What a terminal reports.
public enum TerminalInput: Sendable, Equatable {
    case message(Message)
    /// The terminal went away (hang-up, closed pty) or a signal asks to stop.
    case hangUp
}

extension Message: Equatable {
    public static func == (a: Message, b: Message) -> Bool {
        switch (a, b) {
        case let (.key(x), .key(y)): return x == y
        case let (.resize(x), .resize(y)): return x == y
        case let (.mouse(x), .mouse(y)): return x == y
        case (.computed, .computed): return false
        default: return false
        }
    }
}

/// Runs the Elm loop: draw, wait for input, update, perform effects, until quit or hang-up.
///
/// `.compute` effects run on a background queue (`inline: false`), so a week step on a large
/// portfolio never stops the keys; their results come back through a mailbox as messages.
public enum CockpitRuntime {
    public static func run(_ state: inout AppState, terminal: Terminal, glyphs: UIGlyphs, inline: Bool = false, typedAhead: [Message] = []) {
        state.size = terminal.size
        let mailbox = Mailbox()
        var running = 0
        let entries = state.entries
        func perform(_ effects: [Effect]) -> Bool {
            for effect in effects {
                switch effect {
                case .quit: return false
                case .compute(let request):
                    if inline {
                        mailbox.post(.computed(AppState.compute(request, entries: entries)))
                    } else {
                        DispatchQueue.global(qos: .userInitiated).async { mailbox.post(.computed(AppState.compute(request, entries: entries))) }
                    }
                    running += 1
                case .save(let request):
                    if inline {
                        mailbox.post(.saved(AppState.save(request)))
                    } else {
                        DispatchQueue.global(qos: .userInitiated).async { mailbox.post(.saved(AppState.save(request))) }
                    }
                    running += 1
                }
            }
            return true
        }
        // The bundled demo is not on disk: a `demo/` folder here must not replace it on screen.
        let watcher = FileWatcher(paths: entries.map { $0.file.isBundledDemo ? nil : $0.file.file })
        var lastCheck = DispatchTime.now()
        // Keys typed while the portfolio loaded, in order, as if typed now.
        for message in typedAhead {
            guard perform(state.update(message)) else { return }
        }
        while true {
            // Files changed by someone else (another user, a re-import, an editor): reloaded within ~1 s.
            if !inline, DispatchTime.now().uptimeNanoseconds - lastCheck.uptimeNanoseconds > 1_000_000_000 {
                lastCheck = DispatchTime.now()
                for i in watcher.changed() {
                    let file = PortfolioEntry.read(entries[i].file.file, keepingForSaves: !state.readOnly)
                    guard perform(state.update(.reloaded(index: i, file: file))) else { return }
                }
            }
            for message in mailbox.drain() {
                running -= 1
                // Our own save changed the file: not "changed on disk" news.
                if case .saved(.saved(let client, _, _, _)) = message { watcher.markSeen(client) }
                if case .saved(.conflicts(let client, _, _, _)) = message { watcher.markSeen(client) }
                guard perform(state.update(message)) else { return }
            }
            terminal.draw(CockpitView.render(state, glyphs: glyphs), theme: state.theme)
            // While work runs, poll often so its result shows as soon as it is ready.
            guard let input = terminal.nextMessage(timeoutMilliseconds: running > 0 ? 15 : 1000) else { continue }
            switch input {
            case .hangUp: return
            case .message(let message):
                guard perform(state.update(message)) else { return }
            }
        }
    }
}

/// Notices files that changed on disk (modification time, size or inode), polled by the runtime.
final class FileWatcher {
    private let paths: [String?]
    private var seen: [Int: (Double, Int, Int)] = [:]

    /// `nil` paths (the bundled demo) are never watched.
    init(paths: [String?]) {
        self.paths = paths
        for (i, path) in paths.enumerated() { if let path { seen[i] = stamp(path) } }
    }

    private func stamp(_ path: String) -> (Double, Int, Int)? {
        guard let a = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        return ((a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0, (a[.size] as? Int) ?? 0, (a[.systemFileNumber] as? Int) ?? 0)
    }

    /// Takes the file's current state as seen (after a save of our own).
    func markSeen(_ i: Int) {
        if seen[i] != nil, let path = paths[i], let now = stamp(path) { seen[i] = now }
    }

    /// Indices of the files changed since the last call (files that never existed, like the
    /// bundled demo's, are never reported).
    func changed() -> [Int] {
        var out: [Int] = []
        for (i, path) in paths.enumerated() {
            guard let path, let old = seen[i] else { continue }
            guard let now = stamp(path) else { continue }
            if now != old { out.append(i); seen[i] = now }
        }
        return out
    }
}

/// Results handed from background work to the input thread.
final class Mailbox: @unchecked Sendable {
    // Guarded by `lock`; that is what makes sharing it across threads safe.
    private var items: [Message] = []
    private let lock = NSLock()
    func post(_ item: Message) { lock.lock(); items.append(item); lock.unlock() }
    func drain() -> [Message] {
        lock.lock(); defer { lock.unlock() }
        let out = items
        items = []
        return out
    }
}

/// A terminal in memory: scripted input, every drawn frame kept. For tests.
public final class InMemoryTerminal: Terminal {
    public private(set) var size: Size
    public private(set) var frames: [Buffer] = []
    /// The theme each frame was drawn in.
    public private(set) var themes: [Theme] = []
    private var inputs: [TerminalInput]

    public init(size: Size, inputs: [TerminalInput]) { self.size = size; self.inputs = inputs }

    public func draw(_ buffer: Buffer, theme: Theme) { frames.append(buffer); themes.append(theme) }

    public func nextMessage(timeoutMilliseconds: Int) -> TerminalInput? {
        guard !inputs.isEmpty else { return .hangUp }
        let next = inputs.removeFirst()
        if case .message(.resize(let s)) = next { size = s }
        return next
    }

    public var lastFrame: Buffer? { frames.last }
    /// True when every scripted input was consumed.
    public var isDrained: Bool { inputs.isEmpty }
}
