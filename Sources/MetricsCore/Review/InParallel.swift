import Dispatch

/// Runs `first` and `second` at the same time and returns both results: a review's independent
/// parts on the machine's two cores. Nested in work that already fills them, it runs them in turn.
func inParallel<A: Sendable, B: Sendable>(_ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
    let slots = ResultPair<A, B>()
    DispatchQueue.concurrentPerform(iterations: 2) { k in
        if k == 0 { slots.first = first() } else { slots.second = second() }
    }
    return (slots.first!, slots.second!)
}

/// Each slot is written by one iteration only and read after both have ended.
private final class ResultPair<A, B>: @unchecked Sendable {
    var first: A?
    var second: B?
}
