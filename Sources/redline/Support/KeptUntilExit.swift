import Synchronization

/// What a command computed, kept until the process ends instead of freed when `run()` returns.
///
/// Freeing 100k deals with their strings, and the review made of them, took about 40 ms of a
/// 0.4 s `report` at 100k deals (issue 15); the kernel takes the whole memory back at exit in one
/// step. Compilers skip the same work the same way (clang's `-disable-free`). Only for values a
/// command has finished with, whose freeing does nothing but return memory.
enum KeptUntilExit {
    private static let kept = Mutex<[any Sendable]>([])

    static func keep(_ values: any Sendable...) { kept.withLock { $0.append(contentsOf: values) } }
}
