import Dispatch

/// `items.map(transform)`, the items spread over the cores; results in the items' order.
func concurrentMap<T, R>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] where T: Sendable, R: Sendable {
    guard items.count > 1 else { return items.map(transform) }
    var results = [R?](repeating: nil, count: items.count)
    results.withUnsafeMutableBufferPointer { buffer in
        // Each iteration writes only its own slot.
        let out = UncheckedSendable(value: buffer)
        DispatchQueue.concurrentPerform(iterations: items.count) { k in out.value[k] = transform(items[k]) }
    }
    return results.map { $0! }
}
