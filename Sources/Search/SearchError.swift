// Typed errors for everything the Search target can reject: bad domains, bad conditions, bad
// Hyperband settings, grids too large to enumerate, unknown built-in objectives. The cases carry
// data; the wording lives in the Interpreter (Wording/SearchError+Wording.swift).

public enum SearchError: Error, Sendable, Equatable {
    /// A parameter with an empty name.
    case emptyName
    /// Two parameters with this name.
    case duplicateParameter(String)
    /// A range whose `low` bound is above its `high` one.
    case invertedRange(parameter: String, low: Double, high: Double)
    /// A range with a bound (or a choice with a value) that is not a finite number.
    case nonFiniteBound(parameter: String)
    /// A log-scaled range whose `low` bound is not positive.
    case nonPositiveLogBound(parameter: String, low: Double)
    /// A choice with no values.
    case emptyChoice(parameter: String)
    /// A choice that lists `value` twice.
    case duplicateChoice(parameter: String, value: ParameterValue)
    /// A condition on `parent`, which is not a parameter.
    case unknownParent(parameter: String, parent: String)
    /// A condition on `parent`, which is declared after `parameter`.
    case parentDeclaredLater(parameter: String, parent: String)
    /// An ordering condition (≥, <, …) on `parent`, whose values are words.
    case orderingOnWords(parameter: String, parent: String)
    /// A search space with no parameters.
    case emptySpace
    /// A grid of `size` points, more than `limit`.
    case gridTooLarge(size: Int, limit: Int)
    /// A grid asked for this many points per range (fewer than 1).
    case gridPoints(Int)
    /// Hyperband's eta, below 2.
    case hyperbandEta(Int)
    /// Hyperband's max budget, outside 1…`HyperbandPlan.budgetLimit`.
    case hyperbandMaxBudget(Int)
    /// A bracket outside 0…`maxBracket`.
    case hyperbandBracket(Int, maxBracket: Int)
    /// No built-in objective has this name; `known` lists those that exist.
    case unknownObjective(String, known: [String])
}
