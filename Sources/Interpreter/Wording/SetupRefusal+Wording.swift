// The wording of setup refusals.

import Lab
import Language

extension SetupRefusal {
    var message: String {
        switch self {
        case .freezeNeedsLayers: return "freeze needs the layers to keep fixed"
        case .notALayer(let word, _): return "'\(word)' is not a layer number or a range"
        case .emptyRange(let word, _, _): return "the range \(word) is empty: it starts after it ends"
        case .layersPastEnd(let net, let count, let word):
            return "\(net) has \(count) layer\(count == 1 ? "" : "s"); \(word) goes past them"
        case .fileWithoutFrom: return "a file goes with 'from'"
        case .fromWithoutFile: return "init from needs a file"
        case .noWeightsToReplace(let net):
            return "\(net) has no weights to replace yet: its input size comes from the first dataset it meets"
        case .unloadableWeights(let file, let error, _, _): return "\(file): \(error.message)"
        case .learningRateTooLarge(let lr, _): return "lr=\(NumberLiteral.format(lr)) is too large"
        case .nesterovNeedsMomentum: return "nesterov needs sgd with momentum"
        }
    }

    var hint: String? {
        switch self {
        case .freezeNeedsLayers(let net, let layers): return "freeze \(net) 1..\(max(layers - 1, 1))"
        case .notALayer(_, let net): return "layers are numbered from 1, as 'show \(net)' lists them: 2, or 1..3"
        case .emptyRange(_, let from, let to): return "\(to)..\(from)"
        case .layersPastEnd(let net, let count, _): return "layers 1 to \(count) ('show \(net)' lists them)"
        case .fileWithoutFrom(let net, let file): return "init \(net) from \"\(file)\""
        case .fromWithoutFile(let net): return "init \(net) from \"\(net).safetensors\""
        case .noWeightsToReplace(let net): return "define the data first (data d = …), then: net \(net) = …"
        case .unloadableWeights(_, let error, let net, let definition):
            if case .malformed = error {
                return "Basin reads safetensors files, as 'export \(net) \"\(net).safetensors\"' writes them"
            }
            return "the file must come from a net with the same layers: \(definition)"
        case .learningRateTooLarge(_, let limit):
            return "learning rates above \(NumberLiteral.format(limit)) only diverge; try 0.1 or less"
        case .nesterovNeedsMomentum(let net): return "for example: opt \(net) sgd lr=0.1 momentum=0.9 nesterov"
        }
    }
}
