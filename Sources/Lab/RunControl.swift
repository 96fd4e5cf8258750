// Cross-thread control of a running training: a cancel flag checked between steps, and the
// latest progress snapshot under a lock. The training thread writes; any thread reads.
import Synchronization

public final class RunControl: Sendable {
    private let cancelled = Atomic<Bool>(false)
    private let snapshot = Mutex<Progress?>(nil)

    public init() {}

    /// Ask the run to stop after its current step (e.g. on Ctrl-C).
    public func cancel() { cancelled.store(true, ordering: .relaxed) }

    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// Clears a previous cancel before a new command starts.
    public func reset() {
        cancelled.store(false, ordering: .relaxed)
        snapshot.withLock { $0 = nil }
    }

    public var progress: Progress? { snapshot.withLock { $0 } }

    func publish(_ p: Progress) { snapshot.withLock { $0 = p } }
}
