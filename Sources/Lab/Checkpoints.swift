// Snapshots of a run — weights, normalization state, optimizer moments, batch order and dropout
// stream — so `rewind` and `fork at step=` continue exactly as the original would have.
// Snapshots are flat vectors, cheap at these sizes, and bounded by a memory budget: when the
// next one would not fit, every other snapshot is dropped and the interval doubles (reported).
// An optional count limit (`checkpoint NET keep=N`) thins the same way.
import Datasets
import Kernels
import Networks

public struct Snapshot: Sendable {
    public let step: Int
    public let parameters: [Float]
    let state: [Float]
    let optimizer: Optimizer
    let batcher: Batcher
    let rng: RNG

    /// Bytes this snapshot holds (weights, state and optimizer moments).
    public var bytes: Int { (parameters.count * 3 + state.count) * 4 }
}

public struct CheckpointLog: Sendable {
    /// Snapshot interval in steps; nil: checkpointing off.
    public var every: Int?
    /// 256 MiB, or a quarter of BASIN_MEMORY when that is less.
    public var budgetBytes = MemoryBudget.capped(256 << 20, fraction: 0.25)
    /// Most snapshots kept (nil: as many as the budget holds).
    public var limit: Int?
    public private(set) var snapshots: [Snapshot] = []
    /// Set when the interval had to grow to respect the budget (for the interpreter to report).
    public var thinnedTo: Int?

    public init() {}

    public var bytes: Int { snapshots.reduce(0) { $0 + $1.bytes } }
    public var steps: [Int] { snapshots.map(\.step) }

    mutating func add(_ s: Snapshot) {
        while bytes + s.bytes > budgetBytes || snapshots.count >= (limit ?? .max), !snapshots.isEmpty, let every {
            let wider = every * 2
            snapshots.removeAll { $0.step % wider != 0 }
            self.every = wider
            thinnedTo = wider
        }
        if let every, s.step % every != 0 { return }
        snapshots.removeAll { $0.step == s.step }
        snapshots.append(s)
    }

    mutating func drop(after step: Int) { snapshots.removeAll { $0.step > step } }
}

extension TrainingRun {
    /// Captures the run's full state now.
    public func snapshot() -> Snapshot {
        Snapshot(
            step: step, parameters: network.parameters.array, state: network.state.array,
            optimizer: optimizer, batcher: batcher, rng: rng)
    }

    /// Restores a snapshot: weights, state, optimizer, batch order and history up to its step.
    func restore(_ s: Snapshot) {
        restoredStep = nil
        for (source, target) in [(s.parameters, network.parameters), (s.state, network.state)] {
            source.withUnsafeBufferPointer { p in
                if let b = p.baseAddress { target.base.update(from: b, count: min(p.count, target.count)) }
            }
        }
        optimizer = s.optimizer
        batcher = s.batcher
        rng = s.rng
        history = history.truncated(to: s.step)
        checkpoints.drop(after: s.step)
    }

    /// Returns to the snapshot taken at `step` (the initial weights are always step 0).
    public func rewind(to step: Int) throws(LabError) {
        restore(try snapshot(at: step))
    }

    /// The snapshot at exactly `step`, or an error naming the steps that exist.
    public func snapshot(at step: Int) throws(LabError) -> Snapshot {
        if step == 0 { return initial }
        if step == self.step { return snapshot() }
        if let s = checkpoints.snapshots.first(where: { $0.step == step }) { return s }
        throw .noSnapshot(step: step, kept: checkpoints.every == nil ? nil : [0] + checkpoints.steps)
    }

    /// An independent run branched from this one, now or at an earlier snapshot.
    public func fork(at step: Int? = nil) throws(LabError) -> TrainingRun {
        let child = copy()
        if let step, step != self.step { child.restore(try snapshot(at: step)) }
        return child
    }
}
