// The wording of refusals of `let`, `if` and `net` statements.

import Networks

extension DefinitionRefusal {
    var message: String {
        switch self {
        case .samplingOutsideSweep(let name): return "'let \(name) ~ …' samples a value, which only a sweep body does"
        case .ordersNumbers(let op, let word, let value):
            return "'\(op)' orders numbers, but \(word) is \(IfEvaluation.shown(value))"
        case .notAnInteger(let what, let text): return "\(what) expects an integer, got \(text)"
        case .notANumber(let what, let text): return "\(what) expects a number, got \(text)"
        case .repeatCount(let n): return "a layer can repeat 1 to 1000 times, not \(n)"
        case .tooManyLayers(let count, let limit):
            return "this net has \(count >= limit * 1000 ? "over \(limit * 1000)" : "\(count)") layers "
                + "after its repeats; at most \(limit) are allowed"
        case .loneRepeat(let layer, let count):
            return "x\(count) repeats only '\(layer)', the item it follows: \(count) of them in a row"
        case .borrowedRepeated(let net, let layers, _):
            return "\(net)[\(layers)] are trained layers: they can be borrowed once, not repeated"
        case .borrowedUntrained(let net, let layers):
            return "\(net) has no weights yet: \(net)[\(layers)] copies its trained layers"
        case .borrowedInResidual: return "borrowed layers go at the top level of a net, not inside res { }"
        case .transplantMisfit(let net, let layer, let parameters, let source, let sourceLayer, let trained):
            return "\(net)'s layer \(layer) has \(parameters.formatted) parameters on this data, but \(source)'s layer "
                + "\(sourceLayer) trained with \(trained.formatted): the inputs differ from what \(source) saw"
        case .poolMode(let layer, let mode): return "\(layer) is 'max' or 'avg', not '\(mode)'"
        case .dropoutRate(let text): return "dropout takes a probability in [0, 1), got \(text)"
        case .unknownActivation(let name, _): return "unknown activation '\(name)'"
        case .outputsMisfit(let net, let outputs, let shape, let data, let targets):
            return "\(net) ends with \(outputs) outputs" + (shape.count > 1 ? " (\(describeShape(shape)))" : "")
                + " but \(data) has " + targets.wording
        }
    }

    var hint: String? {
        switch self {
        case .samplingOutsideSweep(let name):
            return "use 'let \(name) = VALUE' here, or put this line inside 'sweep s { … }'"
        case .ordersNumbers: return "use == or != for words, or 'in (a, b, …)'"
        case .tooManyLayers: return "use smaller repeat counts (nested repeats multiply)"
        case .loneRepeat(_, let count):
            return "to repeat a block, repeat one layer with its activation ('dense 32 relu x\(count)') "
                + "or a residual block ('res { dense 32, batchnorm relu } x\(count)')"
        case .borrowedRepeated(_, _, let count): return "repeat new layers instead: dense 32 relu x\(count)"
        case .borrowedUntrained(let net, _): return "train \(net) on DATA first"
        case .transplantMisfit(_, _, _, let source, _, _): return "borrow layers on data of the same example shape as \(source)'s"
        case .unknownActivation(_, let suggestion): return suggestion.map { "did you mean '\($0)'?" }
        case .outputsMisfit(_, _, _, _, let targets): return targets.lastLayerHint
        case .notAnInteger, .notANumber, .repeatCount, .borrowedInResidual, .poolMode, .dropoutRate: return nil
        }
    }
}

extension TargetSummary {
    /// "3 classes", "3 classes at each of 6 positions", "2 target value(s)".
    var wording: String {
        guard let classes else { return "\(width) target value(s)" }
        return positions > 1 ? "\(classes) classes at each of \(positions) positions" : "\(classes) classes"
    }

    /// The last layer that fits: "dense 3", or for a sequence target "dense 3" (position-wise after
    /// embed) or a flat "dense 18".
    var lastLayerHint: String {
        guard let classes, positions > 1 else { return "make the last layer 'dense \(outputsWanted)'" }
        return "end with 'dense \(classes)' (after embed it maps each position), or 'flatten, dense \(outputsWanted)'"
    }
}
