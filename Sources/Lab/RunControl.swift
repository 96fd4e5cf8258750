// Cross-thread control of a running training: a cancel flag checked between steps. Progress
// reaches the front ends through the run's callback only (one value, unchanged on its way).
import Synchronization

public final class RunControl: Sendable {
    private let cancelled = Atomic<Bool>(false)

    public init() {}

    /// Ask the run to stop after its current step (e.g. on Ctrl-C).
    public func cancel() { cancelled.store(true, ordering: .relaxed) }

    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// Clears a previous cancel before a new command starts.
    public func reset() {
        cancelled.store(false, ordering: .relaxed)
    }
}
