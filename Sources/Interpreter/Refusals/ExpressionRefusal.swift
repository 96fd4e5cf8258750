// Refusals of the expressions `expect` checks and `ask` computes its answer from: names and
// fields that are not there, values not measured yet, a claim where a value belongs. Worded in
// Wording/ExpressionRefusal+Wording.swift.

import Language

/// An `expect` claim or `ask` answer that cannot be evaluated.
enum ExpressionRefusal: Refusal {
    // expect, ask
    /// `expect` without a claim.
    case noClaim
    /// `ask … choices=` without `answer=`.
    case choicesNeedAnswer
    /// With choices=, `answer=` is neither a choice nor most(FIELD) or least(FIELD).
    case notAChoice

    // the expression's shape
    /// A value where an expectation's comparison belongs.
    case notAClaim
    /// A comparison or and/or where a value belongs.
    case claimAsValue
    /// `$name` is not defined; `suggestion` is the closest variable.
    case undefinedVariable(name: String, suggestion: String?)
    /// `$name` holds `value`, not a number.
    case notANumber(name: String, value: Literal)
    /// most(…) or least(…) (`function`) outside an ask's answer=.
    case choiceFunction(function: String)
    /// A function the evaluator does not know.
    case unknownFunction(name: String)

    // paths
    /// No net, dataset or sweep is called `name`; `suggestion` is the closest name, `names` all there are.
    case nothingNamed(name: String, suggestion: String?, names: [String])
    /// `owner`, a `kind` ("net", "sweep", …), is not followed by a field; `fields` are those that may follow.
    case nameAField(owner: String, kind: String, fields: [String])
    /// A `kind` has no field `name`; `suggestion` is the closest of the `fields` that may follow `owner`.
    case unknownField(name: String, kind: String, owner: String, suggestion: String?, fields: [String])
    /// `owner` is a number, followed by `.field`.
    case pastNumber(owner: String, field: String)

    // a net's values
    /// `net` has no weights yet.
    case noWeights(net: String)
    /// `net` has no layer with weights.
    case noLayerWithWeights(net: String)
    /// `net`'s sharpness has not been measured (`everySeed`: on every one of its seeds).
    case sharpnessNotMeasured(net: String, everySeed: Bool)
    /// `net`'s Hessian has not been measured at its weights (on every one of its `copies`, "seeds" or "folds", when set).
    case hessianNotMeasured(net: String, copies: String?)
    /// No `landscape NET 1d` has been drawn at `net`'s current weights.
    case lineNotDrawn(net: String)
    /// `net`'s data has no val part, so no gap.
    case noGap(net: String)
    /// `net`'s data has no `part` part.
    case noPart(net: String, part: String)
    /// `net` is a regression; `part` (train, val) has no accuracy.
    case noAccuracy(net: String, part: String)
    /// `net` has not trained.
    case notTrained(net: String)

    // a sweep's values
    /// `sweep` has no parameter `name`; `suggestion` is the closest of its `parameters`.
    case unknownParameter(sweep: String, name: String, suggestion: String?, parameters: [String])
    /// `importance.` is not followed by a parameter of the sweep's `parameters`.
    case nameAParameter(parameters: [String])
    /// `sweep` has no finished trial.
    case noFinishedTrial(sweep: String)
    /// The best trial's parameter `name` is not a number.
    case parameterNotANumber(name: String)
    /// `sweep`'s best trial kept no net; `builtin` is its built-in objective, `parameters` its parameters.
    case bestKeptNoNet(sweep: String, builtin: String?, parameters: [String])

    // a dataset's values
    /// `data` is a regression: it has no classes.
    case noClasses(data: String)
}
