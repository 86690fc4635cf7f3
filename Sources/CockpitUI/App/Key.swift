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

/// What the runtime hands to `update`.
public enum Message: Sendable {
    case key(Key)
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
