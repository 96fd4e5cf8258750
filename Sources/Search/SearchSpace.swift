// A validated search space: an ordered list of parameters whose conditions only look backwards.
//
// How the interpreter builds one from a sweep body (one parameter per `let NAME ~ DIST`, in the
// order the body declares them):
//   let lr ~ log(1e-4, 1e-1)                 → .log("lr", 1e-4, 1e-1)
//   let depth ~ int(1, 4)                    → .int("depth", 1, 4)
//   if $depth >= 3 { let drop ~ uniform(0, .5) } → .uniform("drop", 0, 0.5, when: [.atLeast("depth", 3)])
//   if $act == relu { if … { let … } }       → conditions of enclosing `if`s, outermost first
//   … } else { let x ~ … }                    → the negated test (`in (…)` → `isNoneOf`)
//   let w ~ choice(…) per depth              → Parameter.perLayer("w", count: 4, depth: "depth", …)
//                                               (count = the largest value depth can take)
// A condition names an earlier parameter, so activity is decided in one pass in declaration
// order, and a condition on an inactive parent is false: nested `if`s compose. A Configuration
// holds exactly the active parameters — the body never sees a value for a layer that does not exist.
import Kernels

public struct SearchSpace: Sendable, Hashable {
    public let parameters: [Parameter]

    /// Validates every domain and condition; throws the first problem found, in declaration order.
    public init(_ parameters: [Parameter]) throws {
        guard !parameters.isEmpty else { throw SearchError.emptySpace }
        var seen: [String: Domain] = [:]
        for p in parameters {
            try Self.validate(p.name, p.domain)
            for c in p.conditions { try Self.validate(c, of: p.name, declared: seen) }
            guard seen[p.name] == nil else { throw SearchError.duplicateParameter(p.name) }
            seen[p.name] = p.domain
        }
        self.parameters = parameters
    }

    static func validate(_ name: String, _ domain: Domain) throws {
        guard !name.isEmpty else { throw SearchError.emptyName }
        switch domain {
        case .uniform(let a, let b), .logUniform(let a, let b):
            guard a.isFinite, b.isFinite else { throw SearchError.nonFiniteBound(parameter: name) }
            guard a <= b else { throw SearchError.invertedRange(parameter: name, low: a, high: b) }
            if domain.isLog, a <= 0 { throw SearchError.nonPositiveLogBound(parameter: name, low: a) }
        case .integer(let a, let b, let log):
            guard a <= b else { throw SearchError.invertedRange(parameter: name, low: Double(a), high: Double(b)) }
            if log, a < 1 { throw SearchError.nonPositiveLogBound(parameter: name, low: Double(a)) }
            // NOTE: bounded so that b − a + 1 cannot overflow and every integer is a Double.
            guard a > -(1 << 52), b < 1 << 52 else { throw SearchError.nonFiniteBound(parameter: name) }
        case .choice(let values):
            guard !values.isEmpty else { throw SearchError.emptyChoice(parameter: name) }
            if values.contains(where: { !($0.number?.isFinite ?? true) }) { throw SearchError.nonFiniteBound(parameter: name) }
            var unique = Set<ParameterValue>()
            for v in values where !unique.insert(v).inserted { throw SearchError.duplicateChoice(parameter: name, value: v) }
        }
    }

    static func validate(_ c: Condition, of name: String, declared: [String: Domain]) throws {
        guard let parent = declared[c.parent] else {
            throw c.parent == name
                ? SearchError.parentDeclaredLater(parameter: name, parent: c.parent)
                : SearchError.unknownParent(parameter: name, parent: c.parent)
        }
        if case .compare(let op, let v) = c.test, op != .equal, op != .notEqual {
            let wordParent: Bool
            if case .choice(let vs) = parent { wordParent = vs.contains { $0.word != nil } } else { wordParent = false }
            if wordParent || v.word != nil { throw SearchError.orderingOnWords(parameter: name, parent: c.parent) }
        }
    }

    /// A space written in Basin's own source and known to be valid (the built-in objectives).
    init(constant parameters: [Parameter]) { self.parameters = parameters }

    public var count: Int { parameters.count }
    public var names: [String] { parameters.map(\.name) }

    public func parameter(named name: String) -> Parameter? { parameters.first { $0.name == name } }

    /// Does every condition of `p` hold given the values decided so far?
    public func isActive(_ p: Parameter, given values: [String: ParameterValue]) -> Bool {
        p.conditions.allSatisfy { $0.holds(for: values[$0.parent]) }
    }

    /// Walks the parameters in declaration order and asks `draw` for each active one: the one
    /// place where activity is decided, shared by every sampler.
    public func build(_ draw: (Int, Parameter, [String: ParameterValue]) -> ParameterValue) -> Configuration {
        var values: [String: ParameterValue] = [:]
        for (i, p) in parameters.enumerated() where isActive(p, given: values) {
            values[p.name] = draw(i, p, values)
        }
        return Configuration(values)
    }

    /// A configuration drawn from the prior (uniform on the search scale).
    public func sample(using rng: inout RNG) -> Configuration {
        build { _, p, _ in p.domain.randomValue(using: &rng) }
    }

    /// `n` configurations forming a random Latin hypercube (McKay, Beckman & Conover 1979): each
    /// parameter's range, on its search scale, is cut into n equal strata, and every stratum is
    /// used by exactly one configuration, at a uniform point inside it (a choice of k values takes
    /// value ⌊u·k⌋, so each value appears n/k times, ±1 for each of the two strata its edges cut).
    /// Each configuration is still a uniform draw from the prior; together they cover every range
    /// evenly. Conditional
    /// parameters take their column's value where active.
    public func latinHypercube(_ n: Int, using rng: inout RNG) -> [Configuration] {
        guard n > 0 else { return [] }
        let columns: [[Double]] = parameters.map { _ in
            var strata = Array(0..<n)
            for i in stride(from: n - 1, to: 0, by: -1) { strata.swapAt(i, rng.int(below: i + 1)) }
            return strata.map { (Double($0) + rng.uniformDouble()) / Double(n) }
        }
        return (0..<n).map { row in
            build { i, p, _ in p.domain.value(atUnit: columns[i][row]) }
        }
    }

    /// Exactly the active parameters, each inside its domain.
    public func contains(_ configuration: Configuration) -> Bool {
        let rebuilt = build { _, p, _ in configuration[p.name] ?? .word("") }
        return rebuilt == configuration
            && parameters.allSatisfy { p in
                configuration[p.name].map { p.domain.contains($0) } ?? true
            }
    }

    /// `name=value` pairs in declaration order.
    public func formatted(_ configuration: Configuration) -> String {
        parameters.compactMap { p in configuration[p.name].map { "\(p.name)=\($0)" } }.joined(separator: " ")
    }

    /// Parameters grouped by identical condition lists, in declaration order: the members of a
    /// group are always active together, so TPE can model them jointly.
    public var groups: [[Int]] {
        var order: [[Condition]] = [], members: [[Int]] = []
        for (i, p) in parameters.enumerated() {
            if let g = order.firstIndex(of: p.conditions) {
                members[g].append(i)
            } else {
                order.append(p.conditions); members.append([i])
            }
        }
        return members
    }
}

extension Domain {
    /// A draw from the prior: uniform on the search scale; integers uniform over low…high
    /// (log-spaced integers: log-uniform over the widened bins, then rounded).
    public func randomValue(using rng: inout RNG) -> ParameterValue {
        switch self {
        case .integer(let a, let b, false):
            return .number(Double(a + rng.int(below: b - a + 1)))
        case .choice(let values):
            return values[rng.int(below: values.count)]
        default:
            let (lo, hi) = scaledBounds!
            return value(atScaled: lo + (hi - lo) * rng.uniformDouble())
        }
    }

    /// The value at fraction `u` ∈ [0, 1) of the search-scale range; for a choice, value ⌊u·k⌋.
    public func value(atUnit u: Double) -> ParameterValue {
        switch self {
        case .choice(let values):
            return values[min(max(Int(u * Double(values.count)), 0), values.count - 1)]
        default:
            let (lo, hi) = scaledBounds!
            return value(atScaled: lo + (hi - lo) * u)
        }
    }

    /// Is `v` a value of this domain?
    public func contains(_ v: ParameterValue) -> Bool {
        switch (self, v) {
        case (.uniform(let a, let b), .number(let x)), (.logUniform(let a, let b), .number(let x)): a <= x && x <= b
        case (.integer(let a, let b, _), .number(let x)): x == x.rounded() && Double(a) <= x && x <= Double(b)
        case (.choice(let vs), _): vs.contains(v)
        default: false
        }
    }
}
