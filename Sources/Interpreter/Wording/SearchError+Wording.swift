// The wording of the Search target's errors: the parameter named, the numbers as a search space
// prints them.

import Search

extension SearchError: Refusal {
    public var message: String {
        switch self {
        case .emptyName: "a parameter needs a name"
        case .duplicateParameter(let n): "parameter '\(n)' is declared twice"
        case .invertedRange(let n, let a, let b): "'\(n)' has low \(number(a)) above high \(number(b))"
        case .nonFiniteBound(let n): "'\(n)' has a bound that is not a finite number"
        case .nonPositiveLogBound(let n, let a): "'\(n)' is log-scaled but its low bound \(number(a)) is not positive"
        case .emptyChoice(let n): "choice '\(n)' has no values"
        case .duplicateChoice(let n, let v): "choice '\(n)' lists \(v) twice"
        case .unknownParent(let n, let p): "'\(n)' depends on '\(p)', which is not a parameter"
        case .parentDeclaredLater(let n, let p): "'\(n)' depends on '\(p)', which is declared after it"
        case .orderingOnWords(let n, let p): "'\(n)' compares '\(p)' by order, but '\(p)' is a word"
        case .emptySpace: "the search space has no parameters"
        case .gridTooLarge(let size, let limit): "the grid has \(size) points, more than \(limit)"
        case .gridPoints(let k): "a grid needs at least 1 point per range, got \(k)"
        case .hyperbandEta(let eta): "hyperband needs eta ≥ 2, got \(eta)"
        case .hyperbandMaxBudget(let r): "hyperband needs 1 ≤ max ≤ \(HyperbandPlan.budgetLimit), got \(r)"
        case .hyperbandBracket(let s, let smax): "bracket \(s) is outside 0…\(smax)"
        case .unknownObjective(let n, _): "unknown objective '\(n)'"
        }
    }

    public var hint: String? {
        switch self {
        case .invertedRange: "write the smaller bound first"
        case .nonPositiveLogBound: "use uniform(a, b) for ranges that include 0, or start the log range at a small positive value"
        case .parentDeclaredLater: "declare the parameter it depends on first"
        case .orderingOnWords: "compare words with == or !="
        case .gridTooLarge: "use fewer points per range, or method=random"
        case .hyperbandEta: "eta=3 is the usual choice"
        case .unknownObjective(_, let known): "built-in objectives: \(known.joined(separator: ", "))"
        default: nil
        }
    }

    /// A bound as the search space prints a value: "3", not "3.0".
    private func number(_ x: Double) -> String { ParameterValue.number(x).description }
}
