// What a run remembers: the training loss of every step, evaluations at an interval, per-layer
// statistics, and where it branched from another run.

public struct History: Sendable, Equatable {
    /// Training loss of every optimizer step, in order (mini-batch loss).
    public var stepLosses: [Float] = []
    public var evals: [EvalRecord] = []
    public var layerStats: [LayerStats] = []
    /// The parent run's name and the step at which this run was forked from it.
    public var branch: (parent: String, step: Int)? {
        get { branchParent.map { ($0, branchStep) } }
        set { branchParent = newValue?.parent; branchStep = newValue?.step ?? 0 }
    }
    var branchParent: String?
    var branchStep = 0

    public init() {}

    /// The history up to and including `step` (for rewinding and forking at a step).
    public func truncated(to step: Int) -> History {
        var h = self
        h.stepLosses = Array(stepLosses.prefix(step))
        h.evals = evals.filter { $0.step <= step }
        h.layerStats = layerStats.filter { $0.step <= step }
        return h
    }

    mutating func reserve(steps: Int) {
        stepLosses.reserveCapacity(stepLosses.count + steps)
    }
}
