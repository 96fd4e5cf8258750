// Refusals of hyperparameter search: the `sweep` command and its options, reading a sweep body
// into a search space, reaching into a finished sweep (`eval s.best`, `export`, `plot s x=`), and
// `report` outside a body; and why a trial failed, said in the sweep's table and a trial's JSON.
// Worded in Wording/SweepRefusal+Wording.swift.

import Lab

/// A sweep that cannot run, be read, or be looked into as written; or a trial of one that failed.
enum SweepRefusal: Refusal {
    // The sweep command and its options.

    /// `sweep NAME` has neither a `{ body }` nor a built-in `objective=`.
    case noBody(sweep: String)
    /// `objective=NAME`, a built-in test function, was given a body as well.
    case builtinWithBody(objective: String)
    /// Both `seeds=` and `cv=` were given; `folds` is cv's value.
    case seedsAndFolds(sweep: String, folds: Int)
    /// `cv=N` with fewer than two folds.
    case oneFold(folds: Int)
    /// `cv=N` with a scheduled `method` (hyperband, bohb, halving), which keeps one net per configuration.
    case foldsScheduled(method: String, folds: Int)
    /// `seeds=N` with a scheduled `method`.
    case seedsScheduled(method: String, seeds: Int)
    /// `plan` with a `method` that schedules nothing.
    case planUnscheduled(method: String)
    /// A scheduled `method` against a built-in objective, which trains nothing to schedule.
    case scheduledBuiltin(method: String)

    // Reading a sweep body.

    /// No line of the body trains or steps a net.
    case trainsNothing
    /// No line of the body samples a value (`let NAME ~ DIST`).
    case samplesNothing
    /// `name` is sampled by two lines of the body.
    case sampledTwice(name: String)
    /// `eval … on test` inside a body.
    case peeksAtTest
    /// `verb` (sweep, quit, save, run, export) inside a body.
    case notInBody(verb: String)
    /// An `if` whose subject is not a variable.
    case ifWithoutVariable
    /// An `if` on `$name`, which is neither sampled earlier nor set before the sweep.
    case ifOnUnknown(name: String)
    /// `op` (`<`, `<=`, `>`, `>=`) on `$name`, a parameter that takes words.
    case ordersWords(op: String, name: String)
    /// The else-branch of an `and` test samples: its condition is a disjunction.
    case elseOfAnd
    /// The then-branch of an `or` across different parameters samples.
    case orAcrossParameters
    /// `distribution(a, b)` (log, uniform, int) was not given two numbers.
    case rangeNotNumbers(distribution: String)
    /// `int(a, b)` with a bound that is not a whole number.
    case intRangeNotWhole
    /// A value, `written` as in the body (`$lr`), names no variable.
    case undefined(written: String)
    /// `per depth` before `depth` is sampled.
    case perLayerUnsampled(depth: String)
    /// `per depth` where `depth` can take a value that is not a layer count from 1 to `maximum`.
    case perLayerNotLayers(depth: String, maximum: Int)

    // A finished sweep.

    /// `sweep.member` with a member other than `best`.
    case unknownMember(sweep: String, member: String)
    /// `sweep.best` with no finished trial that trained a net; `builtin` is its built-in objective.
    case noTrainedNet(sweep: String, builtin: String?)
    /// `export sweep FILE` to a file that is not .csv.
    case trialsNotCSV(sweep: String)
    /// `plot sweep x=name` where `name` is not among `names`; `suggestion` is the closest.
    case unknownParameter(sweep: String, name: String, suggestion: String?, names: [String])
    /// `plot sweep x=parameter` with no finished trial that has a value of it.
    case nothingToPlot(sweep: String, parameter: String)

    // report.

    /// `report` outside a sweep body.
    case reportOutsideBody

    // A failed trial (its failure reason, not a thrown error).

    /// The trial's training diverged at `step`.
    case trialDiverged(step: Int, cause: Divergence)
    /// The trial's body ran to its end without training a net.
    case trialTrainedNothing
}
