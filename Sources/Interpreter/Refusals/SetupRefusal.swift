// Refusals of a net's training setup: init, opt, freeze/unfreeze, and the layer numbers they
// (and borrowed layers) take. Worded in Wording/SetupRefusal+Wording.swift.

import Lab

/// A setup command whose operands do not go together, or name layers the net does not have.
enum SetupRefusal: Refusal {
    /// `freeze net` with no layers; the net has `layers` layers.
    case freezeNeedsLayers(net: String, layers: Int)
    /// `word` is neither a layer number nor a range.
    case notALayer(word: String, net: String)
    /// The range `word` runs from `from` down to `to`.
    case emptyRange(word: String, from: Int, to: Int)
    /// `word` names layers past `net`'s `count`.
    case layersPastEnd(net: String, count: Int, word: String)
    /// `init net SCHEME "file"` without `from`.
    case fileWithoutFrom(net: String, file: String)
    /// `init net from` without a file.
    case fromWithoutFile(net: String)
    /// `init net from …` while `net` has no weights (no data met yet).
    case noWeightsToReplace(net: String)
    /// `file` could not be loaded into `net` (written `definition`).
    case unloadableWeights(file: String, error: SafetensorsError, net: String, definition: String)
    /// `lr=lr` above `limit`.
    case learningRateTooLarge(lr: Double, limit: Double)
    /// `nesterov` without sgd and momentum.
    case nesterovNeedsMomentum(net: String)
}
