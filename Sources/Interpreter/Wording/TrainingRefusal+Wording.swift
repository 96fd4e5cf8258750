// The wording of training refusals.

import Networks

extension TrainingRefusal {
    var message: String {
        switch self {
        case .noWeights(let net): return "\(net) has no weights yet"
        case .noWeightsToLook(let net): return "\(net) has no weights yet: its input size comes from the first dataset it meets"
        case .metNoData(let net): return "\(net) has not met any data yet"
        case .notTrained(let net): return "\(net) has not trained yet"
        case .nonFiniteWeights(let net, let layer, let summary):
            return "\(net)'s weights are not finite in layer \(layer) (\(summary)): there is no loss around them to measure"
        case .dataChanged(let net, let inputShape, let outputs, let data, let sampleShape, let targets):
            return "\(net) was built for \(describeShape(inputShape)) → \(outputs) outputs, "
                + "but \(data) now has \(describeShape(sampleShape)) → " + targets.wording
        case .bceOnSequence(_, let data, let targets):
            return "bce scores one yes/no output per example, but \(data) has \(targets.wording)"
        case .emptyPart(let data, let part): return "\(data) has no \(part) part (0 examples)"
        case .forkOntoItself(let net): return "a fork needs a new name; '\(net)' is the net being forked"
        case .forkUntrained(let net, let step): return "\(net) has not trained yet: there is no snapshot at step \(step)"
        case .epochsAndSteps: return "give epochs= or steps=, not both"
        case .seedsAndFolds: return "give seeds= or cv=, not both: cross-validation's copies are folds"
        case .seedsOnFolds(let net, let folds, _): return "\(net) trains with cv=\(folds): its copies are folds, not seeds"
        case .seedsFixed(let net, let had, _):
            return "\(net) has trained with \(had) seed\(had == 1 ? "" : "s"); seeds= cannot change that now"
        case .foldsFixed(let net, let folds, let data, let cv):
            let had = folds.map { "with cv=\($0)" } ?? "on \(data ?? "its data")'s own train and val parts"
            return "\(net) has trained \(had); cv=\(cv) cannot change that now"
        case .foldsOnSeeds(let net, let seeds, _):
            return "\(net) trains with seeds=\(seeds): give seeds= or cv=, not both"
        }
    }

    var hint: String? {
        switch self {
        case .noWeightsToLook(let net), .metNoData(let net): return "train it first: train \(net) on DATA"
        case .nonFiniteWeights(let net, _, _): return "reset \(net), or rewind it to a step before the weights broke"
        case .dataChanged(let net, _, _, let data, _, _): return "define \(net) again for \(data)'s data"
        case .bceOnSequence(let net, _, _): return "use 'loss \(net) xent' (the default for class targets)"
        case .emptyPart(let data, _): return "split \(data) train=0.7 val=0.15 test=0.15"
        case .forkOntoItself(let net): return "for example: fork \(net) as \(net)2"
        case .forkUntrained(let net, _): return "checkpoint \(net) every=100, then train it"
        case .seedsAndFolds(let net, let cv): return "train \(net) … cv=\(cv)"
        case .seedsOnFolds(let net, _, let seeds), .seedsFixed(let net, _, let seeds):
            return "reset \(net), then: train \(net) … seeds=\(seeds)"
        case .foldsFixed(let net, _, _, let cv), .foldsOnSeeds(let net, _, let cv):
            return "reset \(net), then: train \(net) … cv=\(cv)"
        case .noWeights, .notTrained, .epochsAndSteps: return nil
        }
    }
}
