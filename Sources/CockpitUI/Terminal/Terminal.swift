/// What the cockpit needs from a terminal; the ncurses adapter and the in-memory test
/// terminal implement it.
public protocol Terminal: AnyObject {
    /// The current size in cells.
    var size: Size { get }
    /// Draws the buffer: only what changed since the last draw.
    func draw(_ buffer: Buffer)
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
        default: return false
        }
    }
}

/// Runs the Elm loop: draw, wait for input, update, until quit or hang-up.
public enum CockpitRuntime {
    public static func run(_ state: inout AppState, terminal: Terminal, glyphs: UIGlyphs) {
        state.size = terminal.size
        while true {
            terminal.draw(CockpitView.render(state, glyphs: glyphs))
            guard let input = terminal.nextMessage(timeoutMilliseconds: 1000) else { continue }
            switch input {
            case .hangUp: return
            case .message(let message):
                if state.update(message).contains(.quit) { return }
            }
        }
    }
}

/// A terminal in memory: scripted input, every drawn frame kept. For tests.
public final class InMemoryTerminal: Terminal {
    public private(set) var size: Size
    public private(set) var frames: [Buffer] = []
    private var inputs: [TerminalInput]

    public init(size: Size, inputs: [TerminalInput]) { self.size = size; self.inputs = inputs }

    public func draw(_ buffer: Buffer) { frames.append(buffer) }

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
