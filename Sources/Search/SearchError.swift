// Typed errors for everything the Search target can reject: bad domains, bad conditions, bad
// Hyperband settings, grids too large to enumerate, unknown built-in objectives. The cases carry
// data; the wording lives in `description` and `hint` so a front end can format them its own way.

public enum SearchError: Error, Sendable, Equatable {
    case emptyName
    case duplicateParameter(String)
    case invertedRange(parameter: String, low: Double, high: Double)
    case nonFiniteBound(parameter: String)
    case nonPositiveLogBound(parameter: String, low: Double)
    case emptyChoice(parameter: String)
    case duplicateChoice(parameter: String, value: ParameterValue)
    case unknownParent(parameter: String, parent: String)
    case parentDeclaredLater(parameter: String, parent: String)
    case orderingOnWords(parameter: String, parent: String)
    case emptySpace
    case gridTooLarge(size: Int, limit: Int)
    case gridPoints(Int)
    case hyperbandEta(Int)
    case hyperbandMaxBudget(Int)
    case hyperbandBracket(Int, maxBracket: Int)
    case unknownObjective(String, known: [String])
}

extension SearchError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .emptyName: "a parameter needs a name"
        case .duplicateParameter(let n): "parameter '\(n)' is declared twice"
        case .invertedRange(let n, let a, let b): "'\(n)' has low \(formatNumber(a)) above high \(formatNumber(b))"
        case .nonFiniteBound(let n): "'\(n)' has a bound that is not a finite number"
        case .nonPositiveLogBound(let n, let a): "'\(n)' is log-scaled but its low bound \(formatNumber(a)) is not positive"
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

    /// What to do next, when there is something to say.
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
}
