// A training run: a network, its data, its optimizer state and its history. It advances by
// exactly N steps or N epochs, evaluates at an interval, stops early on validation loss, can
// be cancelled between steps from another thread, and never lets a non-finite value reach the
// weights. After construction, a step allocates nothing: batches are gathered into buffers
// made once, and the history's arrays are reserved for the planned steps.
import Datasets
import Kernels
import Networks

/// Ownership: one thread drives a run (`train`, `evaluate`); others use `control`.
public final class TrainingRun: @unchecked Sendable {
    public let network: Network
    public var optimizer: Optimizer
    public var loss: Loss
    public var schedule: Schedule
    public private(set) var settings: TrainingSettings
    public var history = History()
    /// Early stopping put back the weights of this step (the network holds them, not those of
    /// `step`); nil once another step is taken or a snapshot restored.
    public internal(set) var restoredStep: Int?
    public let control = RunControl()
    /// Weight snapshots (see `checkpoint`), and the run's state before its first step.
    public var checkpoints = CheckpointLog()
    public internal(set) var initial: Snapshot
    public private(set) var train: Dataset
    public private(set) var validation: Dataset?
    /// Seed of the run's randomness (batch order and dropout).
    public let seed: UInt64

    var batcher: Batcher
    var rng: RNG
    /// Training-time augmentation applied to every batch (nil: none).
    public var augmenter: Augmenter?
    /// The training batch's inputs, targets and workspace; made when a step needs them.
    var storedBuffers: BatchBuffers?
    var evaluationBuffers: BatchBuffers?
    var buffers: BatchBuffers {
        if let b = storedBuffers { return b }
        let b = BatchBuffers(network: network, data: train, capacity: min(settings.batchSize, train.count))
        storedBuffers = b
        return b
    }

    /// Frees the training and evaluation workspaces (made again when next needed), so a run
    /// that waits between commands holds only its weights, optimizer state and history: a lesson
    /// with twelve CNNs trained side by side would otherwise keep ~15 MB of activations for each.
    public func releaseBuffers() {
        storedBuffers = nil
        evaluationBuffers = nil
    }
    /// 1 for weights, 0 for biases and normalization parameters (penalties apply to weights).
    let decayMask: FloatBuffer
    /// Parameter index ranges that training leaves unchanged (frozen layers): their gradients are
    /// zeroed before clipping, their values restored after each update, their optimizer state 0.
    public var frozen: [Range<Int>] = [] {
        didSet { frozen = frozen.map { $0.clamped(to: 0..<network.parameterCount) }.filter { !$0.isEmpty } }
    }
    /// The frozen parameters before an update (at their own offsets), for restoring them.
    lazy var frozenValues = FloatBuffer(count: network.parameterCount)

    public convenience init(
        network: Network, train: Dataset, validation: Dataset?, optimizer: OptimizerSettings,
        loss: Loss, schedule: Schedule = .constant, settings: TrainingSettings = TrainingSettings(),
        seed: UInt64 = 0
    ) throws(LabError) {
        try Self.check(network, train, validation, loss)
        guard settings.batchSize >= 1 else { throw .batchSize(settings.batchSize) }
        try Self.checkActivations(network, batch: min(settings.batchSize, train.count))
        let batcher = try Self.makeBatcher(train, settings, seed: seed)
        self.init(
            network: network, train: train, validation: validation,
            optimizer: Optimizer(settings: optimizer, parameterCount: network.parameterCount),
            loss: loss, schedule: schedule, settings: settings, seed: seed, batcher: batcher)
    }

    /// The designated initializer: everything already checked.
    init(
        network: Network, train: Dataset, validation: Dataset?, optimizer: Optimizer, loss: Loss,
        schedule: Schedule, settings: TrainingSettings, seed: UInt64, batcher: Batcher
    ) {
        self.network = network
        self.train = train
        self.validation = validation
        self.optimizer = optimizer
        self.loss = loss
        self.schedule = schedule
        self.settings = settings
        self.seed = seed
        self.batcher = batcher
        rng = RNG(seed: seed, stream: "dropout")
        decayMask = Self.weightMask(network)
        initial = Snapshot(
            step: 0, parameters: network.parameters.array, state: network.state.array,
            optimizer: optimizer, batcher: batcher, rng: rng)
    }

    /// A training batch's activations may use this much: 4 GiB, or a quarter of BASIN_MEMORY.
    public static var activationLimit: Int { MemoryBudget.capped(ownActivationLimit, fraction: 0.25) }
    public static let ownActivationLimit = 4 << 30

    /// Refuses a batch whose activations (and their gradients) would pass `activationLimit`.
    static func checkActivations(_ network: Network, batch: Int) throws(LabError) {
        let floats = network.stack.workspace.count(batch: batch)
        let (bytes, overflow) = floats.multipliedReportingOverflow(by: MemoryLayout<Float>.size)
        guard overflow || bytes > activationLimit else { return }
        let size = network.stack.workspace, perExample = Swift.max(1, size.perExample * MemoryLayout<Float>.size)
        let largest = Swift.max(0, (activationLimit - size.fixed * MemoryLayout<Float>.size) / perExample)
        throw .activationsTooLarge(
            batch: batch, bytes: overflow ? -1 : bytes, limit: activationLimit, largestBatch: largest)
    }

    /// The number of batches in one pass over the training data.
    public var stepsPerEpoch: Int { (train.count + settings.batchSize - 1) / settings.batchSize }
    /// Optimizer steps taken so far.
    public var step: Int { history.stepLosses.count }
    /// Fractional passes over the training data so far.
    public var epoch: Double { Double(step) / Double(max(stepsPerEpoch, 1)) }

    /// Changes the loop settings (batch size, order); the batch order restarts.
    public func update(settings new: TrainingSettings) throws(LabError) {
        guard new.batchSize >= 1 else { throw .batchSize(new.batchSize) }
        try Self.checkActivations(network, batch: min(new.batchSize, train.count))
        batcher = try Self.makeBatcher(train, new, seed: seed &+ UInt64(step))
        if new.batchSize != settings.batchSize { storedBuffers = nil }
        settings = new
    }

    /// Trains on different data from now on (same input shape and target kind).
    public func use(train newTrain: Dataset, validation newValidation: Dataset?) throws(LabError) {
        try Self.check(network, newTrain, newValidation, loss)
        train = newTrain
        validation = newValidation
        batcher = try Self.makeBatcher(newTrain, settings, seed: seed &+ UInt64(step))
        storedBuffers = nil
    }

    static func makeBatcher(_ data: Dataset, _ s: TrainingSettings, seed: UInt64) throws(LabError) -> Batcher {
        let order: Batcher.Order = s.order == .sequential ? .sequential : .shuffled(seed: seed)
        do {
            return try Batcher(rows: data.count, batchSize: min(s.batchSize, data.count), order: order)
        } catch {
            throw .data(error)
        }
    }

    static func weightMask(_ network: Network) -> FloatBuffer {
        let mask = FloatBuffer(count: network.parameterCount)
        for t in network.namedParameters where t.role == .weight {
            mask.base.advanced(by: t.offset).update(repeating: 1, count: t.count)
        }
        return mask
    }
}

/// Everything that can stop a run from starting (or a probe, or a rewind). `data` names a
/// dataset. Worded in the Interpreter (Wording/LabError+Wording.swift).
public enum LabError: Error, Equatable, Sendable {
    /// A batch size below 1.
    case batchSize(Int)
    /// `data` has no examples.
    case noExamples(data: String)
    /// `data` has `features` inputs per example, the network takes `inputs`; the shapes of both,
    /// when given, are said too.
    case inputMismatch(data: String, features: Int, sampleShape: [Int]?, inputs: Int, inputShape: [Int]?)
    /// `data` has `classes` classes at each of `positions` positions; the network has `outputs`
    /// outputs, not classes × positions.
    case classesMismatch(data: String, classes: Int, positions: Int, outputs: Int)
    /// Binary cross-entropy on `data` with `classes` classes (or several positions) and a network
    /// of `outputs` outputs: it needs 2 classes and 1 output.
    case binaryMismatch(data: String, classes: Int, outputs: Int)
    /// `data` has `values` target values per example; the network has `outputs` outputs.
    case valuesMismatch(data: String, values: Int, outputs: Int)
    /// No snapshot at `step`; `kept` lists the steps that have one (0 first), nil when snapshots
    /// are off.
    case noSnapshot(step: Int, kept: [Int]?)
    /// The data refused the batch order.
    case data(DataError)
    /// A batch of `batch` examples needs `bytes` of activations; the most allowed is `limit`, which
    /// a batch of `largestBatch` fits (0: not even one example).
    case activationsTooLarge(batch: Int, bytes: Int, limit: Int, largestBatch: Int)
}

extension TrainingRun {
    static func check(_ net: Network, _ train: Dataset, _ val: Dataset?, _ loss: Loss) throws(LabError) {
        for data in [train] + (val.map { [$0] } ?? []) {
            guard data.featureCount == net.inputCount else {
                throw .inputMismatch(
                    data: data.name, features: data.featureCount, sampleShape: data.sampleShape, inputs: net.inputCount,
                    inputShape: net.inputShape)
            }
            guard data.count > 0 else { throw .noExamples(data: data.name) }
            try checkTargets(net, data, loss)
        }
    }

    static func checkTargets(_ net: Network, _ data: Dataset, _ loss: Loss) throws(LabError) {
        let k = net.outputCount
        switch (data.targets, loss) {
        case (.classes(_, let classes), .crossEntropy), (.classes(_, let classes), .meanSquared):
            let p = data.positions
            guard k == classes * p else {
                throw .classesMismatch(data: data.name, classes: classes, positions: p, outputs: k)
            }
        case (.classes(_, let classes), .binaryCrossEntropy):
            guard classes <= 2, k == 1, data.positions == 1 else {
                throw .binaryMismatch(data: data.name, classes: classes, outputs: k)
            }
        case (.values(_, let outputs), _):
            guard k == outputs else {
                throw .valuesMismatch(data: data.name, values: outputs, outputs: k)
            }
        }
    }
}

extension TrainingRun {
    /// An independent run in exactly this state: weights, optimizer moments, history, batch
    /// order and dropout stream — so it continues bit-identically to this one if nothing changes.
    public func copy() -> TrainingRun {
        TrainingRun(copying: self)
    }

    private convenience init(copying o: TrainingRun) {
        self.init(
            network: o.network.copy(), train: o.train, validation: o.validation, optimizer: o.optimizer,
            loss: o.loss, schedule: o.schedule, settings: o.settings, seed: o.seed, batcher: o.batcher)
        history = o.history
        rng = o.rng
        augmenter = o.augmenter
        initial = o.initial
        checkpoints = o.checkpoints
        restoredStep = o.restoredStep
        frozen = o.frozen
    }
}
