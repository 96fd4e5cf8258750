// Refusals of training and of what a net's run must have before it is used: train, eval, fork,
// rewind, seeds=, cv=, and the weights and data a looking command needs. Worded in
// Wording/TrainingRefusal+Wording.swift.

/// A net whose run state does not allow the command, or training options that do not go together.
enum TrainingRefusal: Refusal {
    /// `net` has no network yet (it has not met its data).
    case noWeights(net: String)
    /// `net` has no weights to look at: its input size waits for a dataset.
    case noWeightsToLook(net: String)
    /// `net` has no dataset it trained on or was built for.
    case metNoData(net: String)
    /// `net` has no run.
    case notTrained(net: String)
    /// `net`'s weights hold NaN or ±∞ in layer `layer` (`summary`).
    case nonFiniteWeights(net: String, layer: Int, summary: String)
    /// `net` was built for `inputShape` → `outputs`; `data` now has `sampleShape` → `targets`.
    case dataChanged(net: String, inputShape: [Int], outputs: Int, data: String, sampleShape: [Int], targets: TargetSummary)
    /// bce on `data`, whose targets (`targets`) are a sequence.
    case bceOnSequence(net: String, data: String, targets: TargetSummary)
    /// `data` has no `part` part (0 examples).
    case emptyPart(data: String, part: String)
    /// `fork net as net`.
    case forkOntoItself(net: String)
    /// `fork net … at step=step` for a net that has not trained.
    case forkUntrained(net: String, step: Int)
    /// Both epochs= and steps=.
    case epochsAndSteps
    /// Both seeds= and cv=cv in one train.
    case seedsAndFolds(net: String, cv: Int)
    /// seeds=`seeds` for `net`, which trains with cv=`folds`.
    case seedsOnFolds(net: String, folds: Int, seeds: Int)
    /// seeds=`seeds` for `net`, which has trained with `had` seeds.
    case seedsFixed(net: String, had: Int, seeds: Int)
    /// cv=`cv` for `net`, which has trained with cv=`folds` (nil: on `data`'s own parts).
    case foldsFixed(net: String, folds: Int?, data: String?, cv: Int)
    /// cv=`cv` for `net`, which trains with `seeds` seeds.
    case foldsOnSeeds(net: String, seeds: Int, cv: Int)
}
