// The wording of the looking commands' refusals.
import Language
import Networks

extension LookingRefusal {
    var message: String {
        switch self {
        case .nothingNamed(let name, _, _): return "nothing named '\(name)'"
        case .nothingToShow: return "nothing to show yet"
        case .nothingToCompare: return "there is no net to compare yet"
        case .sweepAxisNeedsOneSweep: return "x= plots a sweep against one of its parameters: name one sweep"
        case .oneNetAtATime(let what, _): return "plot \(what) draws one net at a time"
        case .notTrained(let net): return "\(net) has not trained yet"
        case .boundaryNeeds2D(_, let data, let shape):
            return "plot boundary needs 2D inputs; \(data) has examples of \(describeShape(shape))"
        case .boundaryNeedsClassifier(let net, let data):
            return "plot boundary needs a classifier; \(net) does regression on \(data)"
        case .fitNeeds1D(_, let data, let shape, _):
            return "plot fit needs 1D inputs; \(data) has examples of \(describeShape(shape))"
        case .fitNeedsOneOutput(_, let data, let classes, let targets):
            return "plot fit needs a regression net with one output; \(data) has "
                + (classes.map { "\($0) classes" } ?? "\(targets) targets")
        case .noConvolution(let net): return "\(net) has no convolution whose filters could be drawn"
        case .notAConvolution(let net, let layer, let kind, _):
            return "layer \(layer) of \(net) is \(kind ?? "not there"), not a convolution"
        case .noAttention(let net): return "\(net) has no attention layer to draw"
        case .notAttention(let net, let layer, let kind, _):
            return "layer \(layer) of \(net) is \(kind ?? "not there"), not attention"
        case .pastLastExample(let data, let part, let count, let example):
            return "\(data) has \(count) \(part) examples; example=\(example) is past the last"
        case .noAttentionWeights(let net, let layer): return "\(net)'s layer \(layer) gave no attention weights"
        case .cannotRun(let net, let data): return "cannot run \(net) on \(data)"
        case .noLayer(let net, let count, let layer): return "\(net) has \(count) layers; there is no layer \(layer)"
        case .noValues(let layer, let summary, let what, _):
            return "layer \(layer) (\(summary)) has no \(what == "acts" ? "output" : what)"
        case .noRecordedEvaluations(let net):
            return "\(net) has no evaluations yet: over=time draws what each evaluation records"
        case .activationsNotRecorded: return "over=time covers weights and grads; activations are not recorded"
        case .untrained(let net): return "\(net) has not trained: its weights are still the initial ones"
        case .noWeights(let net): return "\(net) has no weights yet"
        case .differentLayers(let from, let net):
            return "\(from) and \(net) have different layers: a line between them has no meaning"
        case .spanTooLarge(let span, _): return "span=\(NumberLiteral.format(span)) is too large"
        case .noSnapshots(let net):
            return "dirs=pca needs the snapshots of \(net)'s training path, and \(net) keeps none"
        case .tooFewSnapshots(let net, let count):
            return "dirs=pca needs at least two snapshots that differ from \(net)'s weights now; it has \(count)"
        case .epsilonTooWide(let epsilon):
            return "eps=\(NumberLiteral.format(epsilon)) is a box as wide as the weights themselves"
        case .noEigenvalues: return "top=0 and bottom=0 ask for no eigenvalue"
        }
    }

    var hint: String? {
        switch self {
        case .nothingNamed(_, let suggestion, let names):
            return suggestion.map { "did you mean '\($0)'?" }
                ?? (names.isEmpty ? nil : "datasets and nets: " + names.joined(separator: ", "))
        case .nothingToShow: return "create a dataset: data d = spiral n=600 classes=3"
        case .nothingToCompare: return WorkspaceRefusal.noNet.hint
        case .sweepAxisNeedsOneSweep(let sweep, let parameter):
            return sweep.map { "plot \($0) x=\(parameter ?? "PARAM")" }
                ?? "run a sweep first: sweep s method=grid { let w ~ choice(8, 32, 128) … }"
        case .oneNetAtATime(let what, let nets): return nets.map { "plot \(what) \($0)" }.joined(separator: "; ")
        case .notTrained(let net): return "train \(net) on DATA epochs=20"
        case .boundaryNeeds2D(let net, _, let shape): return shape == [1] ? "plot fit \(net)" : "plot loss \(net)"
        case .boundaryNeedsClassifier(let net, _), .fitNeedsOneOutput(let net, _, _, _): return "plot loss \(net)"
        case .fitNeeds1D(let net, _, let shape, let classification):
            return shape == [2] && classification ? "plot boundary \(net)" : "plot loss \(net)"
        case .noConvolution:
            return "a net with one: net cnn = conv2d 16 k=3 pad=1 relu, pool2d max 2, flatten, dense 10"
        case .notAConvolution(_, _, _, let convolutions):
            return "convolutions: " + convolutions.map { "layer=\($0)" }.joined(separator: ", ")
        case .noAttention: return "a net with attention: net t = embed 32, transformer heads=2, dense …"
        case .notAttention(_, _, _, let layers):
            return "attention layers: " + layers.map { "layer=\($0)" }.joined(separator: ", ")
        case .pastLastExample(_, _, let count, _): return "example=1 to \(count)"
        case .noAttentionWeights, .cannotRun: return nil
        case .noLayer(let net, _, _): return "'show \(net)' numbers its layers"
        case .noValues(_, _, let what, let layers):
            return layers.isEmpty
                ? nil : "layers with \(what): \(layers.map(String.init).joined(separator: ", "))"
        case .noRecordedEvaluations(let net):
            return "train \(net) epochs=5 (every epoch ends with an evaluation; every= sets the interval)"
        case .activationsNotRecorded: return "hist NET acts shows them now"
        case .untrained(let net): return "train \(net) first, or give another net: from=NET"
        case .noWeights(let net): return "train \(net) first"
        case .differentLayers(_, let net): return "compare nets with the same definition, e.g. fork \(net) as b"
        case .spanTooLarge(_, let limit):
            return "span is the half-width in units of the filter-normalized directions; use at most \(Int(limit))"
        case .noSnapshots(let net): return "checkpoint \(net) every=N before training, then train it"
        case .tooFewSnapshots(let net, _): return "train longer, or take snapshots more often: checkpoint \(net) every=N"
        case .epsilonTooWide: return "Keskar et al. use 1e-3 and 5e-4"
        case .noEigenvalues(let net): return "hessian \(net) top=5 bottom=5"
        }
    }
}
