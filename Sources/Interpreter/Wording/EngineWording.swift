// How the engine's typed outcomes read to a user (as LanguageError+Wording.swift words the
// language's errors): a divergence here, each target's errors beside it (DataError+Wording.swift,
// …). The engine reports what happened, where, and the numbers; this layer says it.
import Lab

extension Divergence {
    /// One sentence: what went non-finite, where, and what became of the weights.
    var wording: String {
        switch self {
        case .nonFiniteOutput(let layer, let summary):
            return "the output of \(Self.layer(layer, summary)) is not finite; the weights were not updated"
        case .nonFiniteLoss(let value):
            return "the training loss is \(value); the weights were not updated"
        case .nonFiniteGradient(let layer, let summary):
            return "the gradient of \(Self.layer(layer, summary)) is not finite; the weights were not updated"
        case .nonFiniteUpdate(let layer, let summary):
            return "the update made the weights of \(Self.layer(layer, summary)) non-finite"
        }
    }

    /// "layer 2 (dense 32)", as `show` numbers layers.
    static func layer(_ index: Int, _ summary: String) -> String {
        index > 0 ? "layer \(index) (\(summary))" : "a layer"
    }
}
