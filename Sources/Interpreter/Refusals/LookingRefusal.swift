// Refusals of the commands that look at nets and data: show, plot (curves, boundary, fit,
// attention, filters), hist, norms, landscape, sharpness, hessian and compare. Worded in
// Wording/LookingRefusal+Wording.swift.

/// A look at a net or dataset that cannot be drawn or measured as asked.
enum LookingRefusal: Refusal {
    // show
    /// No net, dataset or sweep is called `name`; `suggestion` is the closest name, `names` all there are.
    case nothingNamed(name: String, suggestion: String?, names: [String])
    /// `show` with no name, and nothing is current.
    case nothingToShow

    // compare
    /// `compare` with no net named, and the workspace has none.
    case nothingToCompare

    // plot
    /// `x=` was given with other than one sweep; `sweep` is a sweep to suggest, `parameter` its first parameter.
    case sweepAxisNeedsOneSweep(sweep: String?, parameter: String?)
    /// `plot what` (boundary, fit, …) was given several `nets`.
    case oneNetAtATime(what: String, nets: [String])
    /// `net` has no training curve to draw.
    case notTrained(net: String)
    /// `plot boundary` on `data`, whose examples have `shape` (not 2D), for `net`.
    case boundaryNeeds2D(net: String, data: String, shape: [Int])
    /// `plot boundary` of `net`, a regression on `data`.
    case boundaryNeedsClassifier(net: String, data: String)
    /// `plot fit` on `data`, whose examples have `shape` (not 1D); `classification`: its targets are classes.
    case fitNeeds1D(net: String, data: String, shape: [Int], classification: Bool)
    /// `plot fit` on `data`, which has `classes` classes or else `targets` targets.
    case fitNeedsOneOutput(net: String, data: String, classes: Int?, targets: Int)
    /// `plot filters` of `net`, which has no convolution.
    case noConvolution(net: String)
    /// Layer `layer` of `net` is a `kind` (nil: there is no such layer); `convolutions` are the layers that are.
    case notAConvolution(net: String, layer: Int, kind: String?, convolutions: [Int])
    /// `plot attention` of `net`, which has no attention layer.
    case noAttention(net: String)
    /// Layer `layer` of `net` is a `kind` (nil: there is no such layer); `attentionLayers` are the layers that are.
    case notAttention(net: String, layer: Int, kind: String?, attentionLayers: [Int])
    /// `example=` is past the `count` examples of `data`'s `part` ("training", "validation").
    case pastLastExample(data: String, part: String, count: Int, example: Int)
    /// Layer `layer` of `net` gave no attention map.
    case noAttentionWeights(net: String, layer: Int)

    // hist, norms
    /// `net` cannot be run on `data`.
    case cannotRun(net: String, data: String)
    /// `layer=` is past the `count` layers of `net`.
    case noLayer(net: String, count: Int, layer: Int)
    /// Layer `layer` (`summary`) has no values of the kind `what` (weights, grads, acts); `layers` are those that have.
    case noValues(layer: Int, summary: String, what: String, layers: [Int])
    /// over=time on `net`, which has recorded no evaluation.
    case noRecordedEvaluations(net: String)
    /// over=time of activations, which runs do not record.
    case activationsNotRecorded

    // landscape
    /// from=init, and `net` has not trained.
    case untrained(net: String)
    /// from=`net`, which has no weights yet.
    case noWeights(net: String)
    /// from=`from` has other layers than `net`.
    case differentLayers(from: String, net: String)
    /// `span=` is above `limit`.
    case spanTooLarge(span: Double, limit: Double)
    /// dirs=pca, and `net` keeps no snapshots.
    case noSnapshots(net: String)
    /// dirs=pca, and `net` has `count` snapshots, fewer than two that differ from its weights.
    case tooFewSnapshots(net: String, count: Int)

    // sharpness, hessian
    /// `eps=` is above 1: a box as wide as the weights.
    case epsilonTooWide(epsilon: Double)
    /// `hessian net top=0 bottom=0`.
    case noEigenvalues(net: String)
}
