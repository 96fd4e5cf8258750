// The wording of the Lab target's errors: why a run cannot start (or a snapshot is not there),
// why a safetensors file cannot be loaded. A divergence is worded in EngineWording.swift.

import Kernels
import Lab
import Networks

extension LabError: Refusal {
    public var message: String {
        switch self {
        case .batchSize(let n): return "batch must be a positive integer, got \(n)"
        case .noExamples(let data): return "\(data) has no examples"
        case .inputMismatch(let data, let features, let sampleShape, let inputs, let inputShape):
            return "\(data) has \(features) inputs per example\(sampleShape.map { " " + describeShape($0) } ?? "") "
                + "but the network takes \(inputs)\(inputShape.map { " " + describeShape($0) } ?? "")"
        case .classesMismatch(let data, let classes, let positions, let outputs):
            let what =
                positions > 1
                ? "\(classes) classes at each of \(positions) positions (\(classes * positions) outputs)" : "\(classes) classes"
            return "\(data) has \(what) but the network has \(outputs) outputs"
        case .binaryMismatch(let data, let classes, let outputs):
            return "bce needs 2 classes and 1 output; \(data) has \(classes) classes, the network \(outputs) outputs"
        case .valuesMismatch(let data, let values, let outputs):
            return "\(data) has \(values) target values per example but the network has \(outputs) outputs"
        case .noSnapshot(let step, nil):
            return "no snapshot at step \(step); turn on snapshots first, e.g. 'checkpoint NET every=100'"
        case .noSnapshot(let step, let kept?):
            let nearest = kept.min { abs($0 - step) < abs($1 - step) } ?? 0
            return "no snapshot at step \(step); snapshots exist at steps \(Self.steps(kept)); the nearest is \(nearest)"
        case .data(let e): return e.message
        case .activationsTooLarge(let batch, let bytes, let limit, _):
            return "a batch of \(batch) needs \(formatBytes(bytes)) of activations; the limit is \(formatBytes(limit))"
                + (MemoryBudget.binds(limit, below: TrainingRun.ownActivationLimit)
                    ? " (a quarter of \(MemoryBudget.setting ?? "BASIN_MEMORY"))" : "")
        }
    }

    public var hint: String? {
        switch self {
        case .activationsTooLarge(_, _, _, let largest):
            return largest > 0 ? "use batch=\(largest) or less, or a narrower net" : "use a narrower net"
        default: return nil
        }
    }

    /// "0, 10, 20", or the first four and the last of a long list.
    static func steps(_ steps: [Int]) -> String {
        steps.count <= 8
            ? steps.map(String.init).joined(separator: ", ")
            : "\(steps.prefix(4).map(String.init).joined(separator: ", ")), … \(steps.last ?? 0)"
    }
}

extension SafetensorsError: Refusal {
    public var message: String {
        switch self {
        case .malformed(let why): return "not a safetensors file: \(why.wording)"
        case .unsupportedDType(let t, let d): return "tensor '\(t)' has dtype \(d); Basin reads F32, F64, F16 and BF16"
        case .missing(let names): return "the file has no tensor \(Self.list(names)) for this net"
        case .unexpected(let names): return "the file has tensor \(Self.list(names)), which this net does not have"
        case .shapeMismatch(let t, let e, let g):
            return
                "tensor '\(t)' has shape [\(g.map(String.init).joined(separator: ", "))], the net needs [\(e.map(String.init).joined(separator: ", "))]"
        }
    }

    /// Up to four names, quoted, and how many more.
    static func list(_ names: [String]) -> String {
        let shown = names.prefix(4).map { "'\($0)'" }.joined(separator: ", ")
        return names.count > 4 ? "\(shown) (and \(names.count - 4) more)" : shown
    }
}

extension SafetensorsError.Malformation {
    var wording: String {
        switch self {
        case .tooShort(let bytes): return "it is \(bytes) bytes long, shorter than its 8-byte header length"
        case .headerBeyondFile(let claimed, let available):
            return "the header claims \(claimed) bytes but the file has \(available) after the length"
        case .headerNotAnObject: return "the header is not a JSON object"
        case .metadataNotAnObject: return "__metadata__ is not an object"
        case .incompleteEntry(let name): return "tensor '\(name)' needs dtype, shape and data_offsets"
        case .badShape(let name): return "tensor '\(name)' has a bad shape"
        case .offsetsOutside(let name): return "tensor '\(name)' has data offsets outside the file"
        case .sizeMismatch(let name, let bytes, let shape, let dtype, let needed):
            let needs = needed.map(String.init) ?? "more bytes than can be counted"
            return "tensor '\(name)' holds \(bytes) bytes, but shape \(shape) of \(dtype) needs \(needs)"
        case .trailingText: return "extra text after the header's JSON"
        case .endsEarly: return "the header's JSON ends early"
        case .nestedTooDeeply: return "the header's JSON is nested too deeply"
        case .expectedColon: return "expected ':' in the header"
        case .expectedSeparator(let close): return "expected ',' or '\(close)' in the header"
        case .unexpectedText: return "unexpected text in the header"
        case .expectedString: return "expected a string in the header"
        case .badEscape: return "a bad \\u escape in the header"
        case .unclosedString: return "a string in the header is not closed"
        }
    }
}
