// Refusals of the statements that define things: `let`, `if`, and `net` with its layers,
// repeats and borrowed layers. Worded in Wording/DefinitionRefusal+Wording.swift.

import Language

/// A `let`, `if` or `net` statement that cannot be carried out as written.
enum DefinitionRefusal: Refusal {
    /// `let name ~ …` outside a sweep body.
    case samplingOutsideSweep(name: String)
    /// `op` (`<`, `>=`, …) orders numbers, but `word` (as written) is `value`.
    case ordersNumbers(op: String, word: String, value: Literal)
    /// `what` (a layer's operand) takes an integer; `text` was written.
    case notAnInteger(what: String, text: String)
    /// `what` takes a number; `text` was written.
    case notANumber(what: String, text: String)
    /// A repeat count `count` outside 1…1000.
    case repeatCount(Int)
    /// The net has `count` layers once repeated (saturating at `limit` × 1000), over `limit`.
    case tooManyLayers(count: Int, limit: Int)
    /// `xcount` after `layer` (batchnorm, dropout, an activation, …) among other items.
    case loneRepeat(layer: String, count: Int)
    /// `net[layers]` borrowed with a repeat count `count`.
    case borrowedRepeated(net: String, layers: String, count: Int)
    /// `net[layers]` borrowed while `net` has no weights.
    case borrowedUntrained(net: String, layers: String)
    /// Borrowed layers inside `res { }`.
    case borrowedInResidual
    /// `net`'s layer `layer` has `parameters` on this data; `source`'s layer `sourceLayer` trained
    /// with `trained` (layers numbered from 1).
    case transplantMisfit(net: String, layer: Int, parameters: Int, source: String, sourceLayer: Int, trained: Int)
    /// A `layer` (pool, pool2d) whose mode is `mode`, not max or avg.
    case poolMode(layer: String, mode: String)
    /// A dropout rate `text` outside [0, 1).
    case dropoutRate(text: String)
    /// No activation is called `name`; `suggestion` is the closest.
    case unknownActivation(name: String, suggestion: String?)
    /// `net` ends with `outputs` outputs (of `outputShape`) but `data`'s targets are `targets`.
    case outputsMisfit(net: String, outputs: Int, outputShape: [Int], data: String, targets: TargetSummary)
}

/// What a dataset's targets are, for refusals that hold a net's outputs against them.
struct TargetSummary: Sendable, Hashable {
    /// Classes at each position (nil: regression targets).
    var classes: Int?
    /// Target values per example (regression).
    var width: Int
    /// Positions per example (1 for one target per example).
    var positions: Int
    /// Outputs a net for the data ends with (`DataEntry.outputsWanted`).
    var outputsWanted: Int

    init(_ data: DataEntry) {
        classes = data.full.classCount
        width = data.full.targetWidth
        positions = data.full.positions
        outputsWanted = data.outputsWanted
    }
}
