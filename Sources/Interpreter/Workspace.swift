// The workspace: named datasets, nets and variables, and which dataset and net are "current"
// (the ones most recently created or used, which omitted names refer to).
import Datasets
import Diagnostics
import Lab
import Language
import Networks

/// A dataset as the session holds it: its parts and how it was made.
struct DataEntry {
    var name: String
    /// Every example, before splitting.
    var full: Dataset
    var parts: SplitDataset
    var augmentation: Augmentation?
    /// "spiral n=600 classes=3 noise=0.2", for `show`.
    var source: String
    /// What each class is ("circle", "disk", … for shapes); nil: the class numbers say it.
    var classNames: [String]? = nil

    var sampleShape: [Int] { full.sampleShape }
    var isClassification: Bool { full.classCount != nil }
    /// Outputs a net for this data ends with: a logit per class (at each position of a sequence
    /// target), or a value per target.
    var outputsWanted: Int { full.classCount.map { $0 * full.positions } ?? full.targetWidth }
    /// The validation part, or nil when it is empty.
    var validation: Dataset? { parts.validation.count > 0 ? parts.validation : nil }
}

/// One borrowed layer: where it sits in the net (from 0) and the weights it was given.
struct Transplant {
    var layer: Int
    var source: String
    var sourceLayer: Int
    var parameters: [Float]
    var state: [Float]
}

/// The training setup stored on a net (shown by `show a`), applied when it trains.
struct TrainingSetup: Equatable {
    var optimizer = OptimizerSettings.adam(lr: 1e-3)
    var loss: Loss?
    var schedule = Schedule.constant
    var initializer: Initializer?
    var batchSize = 32
    /// Layers (from 1, as `show` numbers them) that training leaves unchanged (`freeze`).
    var frozen: Set<Int> = []
}

/// A net: its definition, its built network (once its input shape is known) and its run.
final class NetEntry {
    let name: String
    /// The layers as written, resolved to specs (variables substituted, repeats expanded).
    var specs: [LayerSpec]
    var definitionText: String
    var network: Network?
    var setup = TrainingSetup()
    /// The run: created on first training with data; holds the network's weights from then on.
    var run: TrainingRun?
    var dataName: String?
    /// The seed its weights were drawn with.
    var seed: UInt64
    /// The data changed (split, noise, augmentation): the run takes the new parts at its next train.
    var needsData = false
    /// `checkpoint NET every=N`, applied to the run when it exists.
    var checkpointEvery: Int?
    /// `checkpoint NET keep=N`: most snapshots kept.
    var checkpointKeep: Int?
    /// The last `landscape` of this net (for `export NET grid|directions`).
    var landscape: LandscapeRecord?
    /// The last sharpness computed, and the weights it belongs to (for `compare`).
    var sharpness: SharpnessRecord?
    /// The last ε-sharpness (`sharpness NET eps=`), likewise.
    var epsilonSharpness: SharpnessRecord?
    /// The last `hessian NET` (or `plot hessian NET`): its extreme eigenvalues, for `NET.hessian.min`.
    var spectrum: SpectrumRecord?
    /// `train NET … seeds=N`: the N−1 copies trained beside this net, with seeds seed+1 … seed+N−1
    /// (same definition, setup and data); later `train`s continue them all. `reset` clears them.
    var replicas: [NetEntry] = []
    /// `net b = a[1..4], dense 5`: layers whose weights are copies of another net's, taken when the
    /// net was defined; every fresh draw of weights (build, reset) puts them back.
    var transplants: [Transplant] = []
    /// `train NET … cv=K`: the fold this net trains and validates on (the net itself fold 1, its
    /// `replicas` folds 2…K, all with the same seed); nil: the data's own train and val parts.
    var fold: Fold?

    /// What the copies in `replicas` are: "folds" under cross-validation, else "seeds".
    var copiesNoun: String { fold == nil ? "seeds" : "folds" }

    init(name: String, specs: [LayerSpec], definitionText: String, seed: UInt64) {
        self.name = name
        self.specs = specs
        self.definitionText = definitionText
        self.seed = seed
    }

    /// The network with its current weights: the run's if training started.
    var currentNetwork: Network? { run?.network ?? network }

    /// A fresh copy of the definition with another seed: same setup and data, no weights yet.
    func replica(seed: UInt64) -> NetEntry {
        let copy = NetEntry(name: name, specs: specs, definitionText: definitionText, seed: seed)
        copy.setup = setup
        copy.dataName = dataName
        copy.checkpointEvery = checkpointEvery
        copy.checkpointKeep = checkpointKeep
        copy.transplants = transplants
        copy.fold = fold
        return copy
    }

    /// An independent copy named `name`: same definition and setup, and a copy of the run (or
    /// `run`, when given — a fork at an earlier step), so it continues as this one would.
    func duplicate(named name: String, run forkedRun: TrainingRun? = nil) -> NetEntry {
        let copy = NetEntry(name: name, specs: specs, definitionText: definitionText, seed: seed)
        copy.setup = setup
        copy.transplants = transplants
        copy.dataName = dataName
        copy.checkpointEvery = checkpointEvery
        copy.checkpointKeep = checkpointKeep
        copy.fold = fold
        if let run = forkedRun ?? run?.copy() {
            copy.run = run
            copy.network = run.network
        } else {
            copy.network = network?.copy()
        }
        return copy
    }
}

final class Workspace: VariableScope {
    var datasets: [String: DataEntry] = [:]
    var nets: [String: NetEntry] = [:]
    var variables: [String: Literal] = [:]
    var sweeps: [String: SweepEntry] = [:]
    /// `predict` questions answered and not yet revealed, oldest first.
    var predictions: [Prediction] = []
    var currentData: String?
    var currentNet: String?
    var seed: UInt64 = 0

    func value(of variable: String) -> Literal? { variables[variable] }
    var variableNames: [String] { variables.keys.sorted() }

    /// Every name in the workspace, for completion and "did you mean".
    var allNames: [String] { (Array(datasets.keys) + Array(nets.keys) + Array(sweeps.keys)).sorted() }

    func data(_ name: String?, at span: SourceSpan) throws(RuntimeError) -> DataEntry {
        guard let name = name ?? currentData else {
            throw RuntimeError(WorkspaceRefusal.noDataset, at: span)
        }
        guard let entry = datasets[name] else {
            throw unknown(name, kind: "dataset", among: Array(datasets.keys), at: span)
        }
        return entry
    }

    func net(_ name: String?, at span: SourceSpan) throws(RuntimeError) -> NetEntry {
        guard let name = name ?? currentNet else {
            throw RuntimeError(WorkspaceRefusal.noNet, at: span)
        }
        guard let entry = nets[name] else {
            throw unknown(name, kind: "net", among: Array(nets.keys), at: span)
        }
        return entry
    }

    func unknown(_ name: String, kind: String, among names: [String], at span: SourceSpan) -> RuntimeError {
        if let other = datasets[name] != nil ? "dataset" : (nets[name] != nil ? "net" : nil) {
            return RuntimeError(WorkspaceRefusal.wrongKind(name: name, actual: other, wanted: kind), at: span)
        }
        let refusal = WorkspaceRefusal.unknown(name: name, kind: kind, suggestion: suggest(name, among: names), names: names)
        return RuntimeError(refusal, at: span)
    }
}

/// One fold of K-fold cross-validation: `index` from 0, the folds dealt by `seed`.
struct Fold: Equatable {
    var index: Int
    var count: Int
    var seed: UInt64
}

/// A reader's prediction, made before the run and judged by `reveal` after it.
struct Prediction {
    var question: String
    var choices: [String]
    /// The reply as typed (nil: no reader, as in batch).
    var reply: String?
    /// Where `predict` was written.
    var span: SourceSpan
}
