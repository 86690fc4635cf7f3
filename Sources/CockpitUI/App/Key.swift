import MetricsCore
/// A key press, decoded by the terminal adapter from whatever the terminal sent.
public enum Key: Hashable, Sendable {
    case char(Character)
    case enter, escape, tab, backTab, backspace
    case up, down, left, right, pageUp, pageDown, home, end
    case ctrl(Character)
    /// Text pasted in one go (bracketed paste): typed into a form or filter, never run as keys.
    case paste(String)
}

/// A mouse event, decoded by the terminal adapter (xterm mouse protocol through ncurses): only
/// presses and the wheel, never motion. `x` and `y` are screen cells, 0-based from the top left.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// The left button went down once.
        case press
        /// The left button went down a second time on the same cell, soon after the first.
        case doubleClick
        case wheelUp, wheelDown
    }
    public let kind: Kind
    public let x: Int
    public let y: Int
    public init(_ kind: Kind, x: Int, y: Int) { self.kind = kind; self.x = x; self.y = y }
}

/// Tells a double click from two clicks: a second press on the same cell within `interval`
/// milliseconds of the first. A third press starts over (a single click again).
public struct ClickTimer: Sendable {
    public let interval: Int
    private var last: (x: Int, y: Int, ms: Int)?

    public init(interval: Int = 400) { self.interval = interval }

    public mutating func press(x: Int, y: Int, atMilliseconds ms: Int) -> MouseEvent.Kind {
        if let l = last, l.x == x, l.y == y, ms - l.ms >= 0, ms - l.ms <= interval {
            last = nil
            return .doubleClick
        }
        last = (x, y, ms)
        return .press
    }
}

/// What the runtime hands to `update`.
public enum Message: Sendable {
    case key(Key)
    /// A click or the wheel (only when the mouse is on: not with `--no-mouse` or `mouse = false`).
    case mouse(MouseEvent)
    case resize(Size)
    /// Background work finished.
    case computed(ComputeResult)
    /// A portfolio file changed on disk and was read again.
    case reloaded(index: Int, file: LoadedFile)
    /// A save finished.
    case saved(SaveResult)
}

/// What `update` asks the runtime to do; update itself performs nothing.
public enum Effect: Sendable, Equatable {
    case quit
    /// Run this in the background and send back `.computed`.
    case compute(ComputeRequest)
    /// Save an edit in the background and send back `.saved`.
    case save(SaveRequest)
}
