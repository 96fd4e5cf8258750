// The values a training run records and publishes: settings, evaluation records, per-layer
// statistics, progress snapshots and how a run ended. All Sendable, so a UI thread can hold them.
import Networks

/// How much to train: exactly N optimizer steps, or N passes over the training data.
public enum Budget: Sendable, Equatable {
    case steps(Int)
    case epochs(Int)
}

public enum BatchOrder: Sendable, Equatable {
    /// A fresh seeded permutation each epoch.
    case shuffled
    /// Rows in order, batch i at row (i·B) mod N — the MNIST-1D reference loop.
    case sequential
}

/// Settings of the training loop itself (the optimizer, loss and schedule live on the run).
public struct TrainingSettings: Sendable, Equatable {
    public var batchSize = 32
    public var order = BatchOrder.shuffled
    /// Evaluate every this many steps; nil: once per epoch.
    public var evalEvery: Int?
    /// Rescale gradients whose global norm exceeds this.
    public var clipNorm: Float?
    public init() {}
}

/// Losses and accuracies at one evaluation. Accuracies are nil for regression.
public struct EvalRecord: Sendable, Equatable {
    public var step: Int
    public var epoch: Double
    public var trainLoss: Double
    public var trainAccuracy: Double?
    public var validationLoss: Double?
    public var validationAccuracy: Double?
}

/// Per-layer weight and gradient norms and compact histograms at one evaluation (parametric
/// layers only; histograms of the weight tensors, as `hist` shows them — see LayerHistograms).
public struct LayerStats: Sendable, Equatable {
    public var step: Int
    public var weightNorms: [Double]
    public var gradientNorms: [Double]
    public var weightHistograms: [CompactHistogram] = []
    public var gradientHistograms: [CompactHistogram] = []
}

/// Loss and accuracy of a network on one dataset.
public struct Evaluation: Sendable, Equatable {
    public var loss: Double
    /// Fraction correct in [0, 1]; nil for regression.
    public var accuracy: Double?
    public var count: Int
}

/// Why a call to `train` returned.
public enum StopReason: Sendable, Equatable {
    case finished
    case cancelled
    /// Validation loss stopped improving; the best weights (from `bestStep`) were restored.
    case earlyStopped(bestStep: Int)
    /// A non-finite loss or gradient; the update was skipped and the last good weights kept.
    case diverged(step: Int, cause: Divergence)
}

/// What went non-finite in a training step. Every case but `nonFiniteUpdate` left the weights
/// as they were. Layers count from 1, as `show` numbers them.
public enum Divergence: Error, Sendable, Equatable {
    /// The forward pass: this layer's output held an infinity or NaN.
    case nonFiniteOutput(layer: Int, summary: String)
    /// The loss itself (every layer's output was finite).
    case nonFiniteLoss(Double)
    /// The backward pass: this layer's gradient.
    case nonFiniteGradient(layer: Int, summary: String)
    /// The optimizer's update made this layer's weights non-finite.
    case nonFiniteUpdate(layer: Int, summary: String)
}

/// A snapshot of a run in flight, published for a UI to read at its own pace.
public struct Progress: Sendable, Equatable {
    /// The run's total optimizer steps so far.
    public var step: Int
    /// Steps done and planned in the current call.
    public var done: Int
    public var planned: Int
    public var epoch: Int
    public var loss: Double
    public var learningRate: Float
    public var lastEval: EvalRecord?
    public var stepsPerSecond: Double
    public var elapsed: Double
    /// Seconds left at the current rate.
    public var eta: Double { stepsPerSecond > 0 ? Double(planned - done) / stepsPerSecond : 0 }
    public var fraction: Double { planned > 0 ? Double(done) / Double(planned) : 1 }

    /// Progress of work counted in other units (grid points, power iterations): `value` is the
    /// quantity the work tracks (the lowest loss so far, the eigenvalue estimate).
    public static func counting(done: Int, planned: Int, elapsed: Double, value: Double) -> Progress {
        Progress(
            step: 0, done: done, planned: planned, epoch: 0, loss: value, learningRate: 0, lastEval: nil,
            stepsPerSecond: elapsed > 0 ? Double(done) / elapsed : 0, elapsed: elapsed)
    }
}

/// What a call to `train` did.
public struct RunReport: Sendable, Equatable {
    public var reason: StopReason
    public var steps: Int
    public var seconds: Double
    public var finalLoss: Double
    public var lastEval: EvalRecord?
    public var stepsPerSecond: Double { seconds > 0 ? Double(steps) / seconds : 0 }
}
