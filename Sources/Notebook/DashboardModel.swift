// What the training dashboard shows: a run's progress and its snapshot (loss curve,
// evaluations, per-layer norms and weight histograms). A plain value with a public
// initializer, so tests build one directly; `init(_ update:)` reads a live update.
import Interpreter

public struct DashboardModel: Sendable, Equatable {
    /// "train a", "step a".
    public var title: String
    public var netName: String
    /// The run's total steps, and the steps done and planned in this command.
    public var step: Int
    public var done: Int
    public var planned: Int
    /// How `done` and `planned` are counted (epochs, steps, or other work).
    public var unit: ProgressUnit
    /// The last mini-batch loss.
    public var loss: Double
    public var learningRate: Double
    public var stepsPerSecond: Double
    public var snapshot: RunSnapshot
    /// The run ended (the cell keeps this final state).
    public var finished = false
    /// The sweep this run is a trial of: its best-so-far curves replace the layer views.
    public var sweep: SweepSnapshot?

    public init(
        title: String, netName: String, step: Int, done: Int, planned: Int, unit: ProgressUnit = .steps,
        loss: Double, learningRate: Double, stepsPerSecond: Double,
        snapshot: RunSnapshot
    ) {
        self.title = title
        self.netName = netName
        self.step = step
        self.done = done
        self.planned = planned
        self.unit = unit
        self.loss = loss
        self.learningRate = learningRate
        self.stepsPerSecond = stepsPerSecond
        self.snapshot = snapshot
    }

    /// A live update as the dashboard reads it (an empty snapshot when it carries none).
    public init(_ u: LiveUpdate) {
        let p = u.progress
        self.init(
            title: u.title, netName: u.netName, step: p.step, done: p.done, planned: p.planned, unit: u.unit,
            loss: p.loss, learningRate: Double(p.learningRate),
            stepsPerSecond: p.stepsPerSecond, snapshot: u.snapshot ?? RunSnapshot(losses: [], evaluations: [], layers: []))
        sweep = u.sweep
    }

    public var fraction: Double { planned > 0 ? min(1, Double(done) / Double(planned)) : 1 }
    /// Seconds left at the current rate (nil once finished or before a rate is known).
    public var eta: Double? {
        guard !finished, done < planned, stepsPerSecond > 0 else { return nil }
        return Double(planned - done) / stepsPerSecond
    }

    /// "step 1200/6000" or "epoch 3/15" (worded by the unit, as every front end words it).
    public var progressText: String { unit.counter(done: done, planned: planned) }

    public var lastEvaluation: RunSnapshot.Evaluation? { snapshot.evaluations.last }
}
