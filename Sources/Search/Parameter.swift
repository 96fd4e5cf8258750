// Search-space parameters: what a `let NAME ~ DIST` in a sweep body declares.
//
// Four domains (LANGUAGE.md "Hyperparameter search"): `uniform(a, b)`, `log(a, b)` (log-uniform),
// `int(a, b)` (inclusive, optionally log-spaced) and `choice(v1, …)` of numbers or words.
// A parameter may carry conditions on parameters declared before it; it is *active* only when all
// of them hold (see SearchSpace.swift for how a sweep body maps onto them).
//
// Every numeric domain has a *search scale*: the coordinate the samplers work in. Uniform
// parameters use the value itself, log parameters its natural log, and integers the interval
// [a − ½, b + ½] (in log if log-spaced) so that each integer owns a bin of equal width —
// Optuna's convention for discrete parameters.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One value of a parameter: a number or a word (`choice(relu, tanh)`).
public enum ParameterValue: Sendable, Hashable, CustomStringConvertible {
    case number(Double)
    case word(String)

    public var number: Double? { if case .number(let x) = self { x } else { nil } }
    public var word: String? { if case .word(let w) = self { w } else { nil } }

    public var description: String {
        switch self {
        case .number(let x): formatNumber(x)
        case .word(let w): w
        }
    }
}

/// The set a parameter is drawn from.
public enum Domain: Sendable, Hashable {
    /// Uniform on [low, high].
    case uniform(low: Double, high: Double)
    /// Log-uniform on [low, high], 0 < low.
    case logUniform(low: Double, high: Double)
    /// Integers low…high inclusive; `log` spaces draws evenly in log (needs 1 ≤ low).
    case integer(low: Int, high: Int, log: Bool)
    /// One of the listed values, each equally likely a priori.
    case choice([ParameterValue])

    /// Is this domain drawn in log space?
    public var isLog: Bool {
        switch self {
        case .logUniform: true
        case .integer(_, _, let log): log
        default: false
        }
    }

    /// Bounds on the search scale (nil for a choice).
    public var scaledBounds: (low: Double, high: Double)? {
        switch self {
        case .uniform(let a, let b): (a, b)
        case .logUniform(let a, let b): (ln(a), ln(b))
        case .integer(let a, let b, let log):
            log ? (ln(Double(a) - 0.5), ln(Double(b) + 0.5)) : (Double(a) - 0.5, Double(b) + 0.5)
        case .choice: nil
        }
    }

    /// A numeric value on the search scale (log for log domains).
    public func scaled(_ x: Double) -> Double {
        isLog ? ln(max(x, .leastNormalMagnitude)) : x
    }

    /// The value at search-scale coordinate `s`, clamped into the domain (integers rounded).
    /// For a choice, `s` is the index.
    public func value(atScaled s: Double) -> ParameterValue {
        switch self {
        case .uniform(let a, let b): return .number(min(max(s, a), b))
        case .logUniform(let a, let b): return .number(min(max(exp(s), a), b))
        case .integer(let a, let b, let log):
            let x = (log ? exp(s) : s).rounded()
            return .number(min(max(x.isFinite ? x : Double(a), Double(a)), Double(b)))
        case .choice(let values):
            let i = s.isFinite ? Int(min(max(s.rounded(), 0), Double(values.count - 1))) : 0
            return values[i]
        }
    }

    /// Index of `value` in a choice (nil if absent or not a choice).
    public func index(of value: ParameterValue) -> Int? {
        if case .choice(let values) = self { return values.firstIndex(of: value) }
        return nil
    }
}

/// How a condition compares its parent's value.
public enum Comparison: String, Sendable, Hashable {
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
}

/// "This parameter exists only when PARENT satisfies TEST." Conditions of one parameter are a
/// conjunction; a condition on an inactive parent is false (so nesting composes).
public struct Condition: Sendable, Hashable, CustomStringConvertible {
    public enum Test: Sendable, Hashable {
        case compare(Comparison, ParameterValue)
        case isOneOf([ParameterValue])
        /// The `else` of an `in (…)` test.
        case isNoneOf([ParameterValue])
    }
    public var parent: String
    public var test: Test

    public init(_ parent: String, _ test: Test) { self.parent = parent; self.test = test }
    /// `parent >= k` — the per-layer pattern: width k exists when depth ≥ k.
    public static func atLeast(_ parent: String, _ k: Double) -> Condition {
        .init(parent, .compare(.greaterOrEqual, .number(k)))
    }
    /// `parent == value`.
    public static func equals(_ parent: String, _ value: ParameterValue) -> Condition { .init(parent, .compare(.equal, value)) }

    /// Does the parent's value (nil when the parent is inactive) satisfy the test?
    public func holds(for value: ParameterValue?) -> Bool {
        guard let value else { return false }
        switch test {
        case .isOneOf(let values): return values.contains(value)
        case .isNoneOf(let values): return !values.contains(value)
        case .compare(.equal, let v): return value == v
        case .compare(.notEqual, let v): return value != v
        case .compare(let op, let v):
            guard let x = value.number, let y = v.number else { return false }
            switch op {
            case .less: return x < y
            case .lessOrEqual: return x <= y
            case .greater: return x > y
            default: return x >= y
            }
        }
    }

    public var description: String {
        switch test {
        case .compare(let op, let v): "\(parent) \(op.rawValue) \(v)"
        case .isOneOf(let vs): "\(parent) in (\(vs.map(\.description).joined(separator: ", ")))"
        case .isNoneOf(let vs): "\(parent) not in (\(vs.map(\.description).joined(separator: ", ")))"
        }
    }
}

/// A named hyperparameter: its domain and the conditions under which it exists.
public struct Parameter: Sendable, Hashable {
    public var name: String
    public var domain: Domain
    public var conditions: [Condition]

    public init(_ name: String, _ domain: Domain, when conditions: [Condition] = []) {
        self.name = name; self.domain = domain; self.conditions = conditions
    }

    public static func uniform(_ name: String, _ a: Double, _ b: Double, when c: [Condition] = []) -> Parameter {
        .init(name, .uniform(low: a, high: b), when: c)
    }
    public static func log(_ name: String, _ a: Double, _ b: Double, when c: [Condition] = []) -> Parameter {
        .init(name, .logUniform(low: a, high: b), when: c)
    }
    public static func int(_ name: String, _ a: Int, _ b: Int, log: Bool = false, when c: [Condition] = []) -> Parameter {
        .init(name, .integer(low: a, high: b, log: log), when: c)
    }
    public static func choice(_ name: String, _ values: [ParameterValue], when c: [Condition] = []) -> Parameter {
        .init(name, .choice(values), when: c)
    }

    /// Per-layer parameters `prefix1 … prefixN`, the k-th active only when `depth >= k`:
    /// what `for i in 1..$depth { let w$i ~ … }` in a sweep body expands to.
    public static func perLayer(_ prefix: String, count: Int, depth: String, _ domain: Domain) -> [Parameter] {
        (1...max(count, 1)).map { k in Parameter("\(prefix)\(k)", domain, when: [.atLeast(depth, Double(k))]) }
    }
}

/// Shortest round-tripping text for a number: integers without ".0".
func formatNumber(_ x: Double) -> String {
    if x.isFinite, x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
    return "\(x)"
}
