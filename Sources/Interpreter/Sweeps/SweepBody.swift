// A sweep body read before anything runs: its `let NAME ~ DIST` lines become a SearchSpace,
// its `report` line the objective, and the lines a trial may not run are refused up front.
//
// Conditional spaces come from `if` and from per-layer parameters (docs/language.md "Sweeps"):
//   let opt ~ choice(sgd, adam)
//   if $opt == sgd { let momentum ~ uniform(0, 0.99) }   → momentum active only when opt == sgd
//   (an `else` branch gets the negated test; `if`s nest; a test on a variable set before the
//   sweep is decided once, and the branch not taken samples nothing)
//   let depth ~ int(1, 4)
//   let w ~ int(16, 128) per depth        → w1 … w4, wk active only when depth ≥ k
//   net t = dense $w relu x$depth, dense 10   → layer k of the repeat reads $wk
// so a trial never samples (or sees) a width for a layer it does not have. The net rewrite is
// `PerLayer.expanded`.
import Diagnostics
import Language
import Search

struct SweepBody {
    let statements: [Statement]
    let space: SearchSpace
    /// Per-layer parameter prefix → the depth parameter it follows.
    let perLayer: [String: String]
    let objective: SweepObjective

    /// Largest depth a per-layer parameter may follow.
    static let maximumLayers = 64

    init(_ block: Block, scope: any VariableScope) throws(RuntimeError) {
        var reader = SpaceReader(scope: scope)
        try reader.read(block.statements, when: [])
        guard Self.trains(block.statements) else {
            throw RuntimeError(
                "the sweep body trains no net, so a trial has nothing to measure", at: block.span,
                hint: "end it with 'train NET on DATA epochs=$budget'")
        }
        do { space = try SearchSpace(reader.parameters) } catch let error as SearchError {
            let empty = error == .emptySpace
            throw RuntimeError(
                empty ? "the sweep body samples nothing" : error.message, at: block.span,
                hint: empty ? "sample something, e.g. 'let lr ~ log(1e-4, 1e-1)'" : error.hint)
        } catch { throw RuntimeError("\(error)", at: block.span) }
        statements = block.statements
        perLayer = reader.perLayer
        objective = reader.objective
    }

    /// Walks the body, `if` branches included, collecting parameters with the conditions of the
    /// `if`s around them.
    struct SpaceReader {
        let scope: any VariableScope
        var parameters: [Parameter] = []
        var perLayer: [String: String] = [:]
        var objective = SweepObjective()

        /// `when`: the conditions of the enclosing branches; nil for a branch no trial can take
        /// (its lines are still checked, but sample nothing).
        mutating func read(_ statements: [Statement], when conditions: [Condition]?) throws(RuntimeError) {
            for statement in statements {
                try SweepBody.refuseInTrial(statement)
                switch statement.kind {
                case .variable(let l):
                    guard case .distribution(let d) = l.binding, let conditions else { continue }
                    if perLayer[l.name.name] != nil || parameters.contains(where: { $0.name == l.name.name }) {
                        throw RuntimeError(
                            "'\(l.name.name)' is sampled twice in this sweep body", at: l.name.span,
                            hint: "sample it once (before the if), or give each branch its own name")
                    }
                    let domain = try SweepBody.domain(d, name: l.name.name, scope: scope)
                    if let depth = d.perLayer {
                        let count = try SweepBody.layerCount(depth, among: parameters)
                        parameters += Parameter.perLayer(l.name.name, count: count, depth: depth.name, domain)
                            .map { p in
                                var p = p; p.conditions = conditions + p.conditions; return p
                            }
                        perLayer[l.name.name] = depth.name
                    } else {
                        parameters.append(Parameter(l.name.name, domain, when: conditions))
                    }
                case .command(let c) where c.verb.name == "report":
                    if conditions != nil { objective = SweepBody.objective(c) }
                case .conditional(let c):
                    let (then, otherwise) = try branchConditions(
                        c.test, inside: conditions,
                        thenSamples: SweepBody.samples(c.then.statements),
                        elseSamples: SweepBody.samples(c.otherwise?.statements ?? []))
                    try read(c.then.statements, when: then)
                    try read(c.otherwise?.statements ?? [], when: otherwise)
                default: continue
                }
            }
        }

        /// What one clause means for the space: decided now (a variable set before the sweep),
        /// or a condition on a parameter sampled earlier, with its negation.
        enum ClauseMeaning {
            case constant(Bool)
            case condition(Condition, negated: Condition)
        }

        func meaning(_ clause: IfClause) throws(RuntimeError) -> ClauseMeaning {
            guard case .variable(let name) = clause.subject.kind else {
                throw RuntimeError("an 'if' in a sweep body tests a variable: '$NAME == VALUE'", at: clause.subject.span)
            }
            guard let parameter = parameters.first(where: { $0.name == name }) else {
                guard scope.value(of: name) != nil else {
                    throw RuntimeError(
                        "an 'if' in a sweep body tests a parameter sampled on an earlier line, or a variable set before the sweep; $\(name) is neither",
                        at: clause.subject.span, hint: "sample it first: 'let \(name) ~ choice(…)'")
                }
                return .constant(try IfEvaluation.holds(clause, in: scope))
            }
            switch clause.relation {
            case .compare(let op, let value):
                let v = try SweepBody.parameterValue(value, scope: scope)
                if op.orders, v.number == nil || parameter.domain.hasWords {
                    throw RuntimeError(
                        "'\(op.rawValue)' orders numbers, but $\(name) takes words", at: clause.span,
                        hint: "use == or != for words, or 'in (a, b, …)'")
                }
                return .condition(
                    Condition(name, .compare(Comparison(op), v)), negated: Condition(name, .compare(Comparison(op.negated), v)))
            case .isOneOf(let values):
                var vs: [ParameterValue] = []
                for value in values { vs.append(try SweepBody.parameterValue(value, scope: scope)) }
                return .condition(Condition(name, .isOneOf(vs)), negated: Condition(name, .isNoneOf(vs)))
            }
        }

        /// The conditions under which each branch runs (nil: no trial takes it). A space's
        /// conditions are conjunctions, so `A and B` gives the then-branch both, and `A or B`
        /// gives the else-branch both negations; the other side is a disjunction, which a
        /// space can hold only when it is one condition — or `==`/`in` tests of one parameter,
        /// merged into one `in`. Otherwise a branch that samples is refused (nest the ifs).
        func branchConditions(
            _ test: IfTest, inside outer: [Condition]?, thenSamples: Bool, elseSamples: Bool
        )
            throws(RuntimeError) -> ([Condition]?, [Condition]?)
        {
            guard let outer else { return (nil, nil) }
            // An `if` that samples nothing (`if $budget >= 9 { schedule … }`) does not shape the space.
            guard thenSamples || elseSamples else { return (outer, outer) }
            var meanings: [ClauseMeaning] = []
            for clause in test.clauses { meanings.append(try meaning(clause)) }
            let constants = meanings.compactMap { if case .constant(let b) = $0 { b } else { nil } }
            let conditions = meanings.compactMap { if case .condition(let c, let n) = $0 { (c, n) } else { nil } }
            let isAnd = test.joiner == .and
            // A constant that decides the whole test: false in an `and`, true in an `or`.
            if constants.contains(!isAnd) { return isAnd ? (nil, outer) : (outer, nil) }
            guard !conditions.isEmpty else { return isAnd ? (outer, nil) : (nil, outer) }
            let all = outer + conditions.map(isAnd ? \.0 : \.1)  // the conjunctive side
            let either: [Condition]?  // the disjunctive side
            if conditions.count == 1 {
                either = outer + [isAnd ? conditions[0].1 : conditions[0].0]
            } else if let merged = Self.mergedOneOf(conditions.map(isAnd ? \.1 : \.0)) {
                either = outer + [merged]
            } else {
                either = nil
                if isAnd ? elseSamples : thenSamples {
                    throw RuntimeError(
                        isAnd
                            ? "the 'else' of an 'and' test is an 'or' of conditions, which a search space cannot hold"
                            : "an 'or' across different parameters is not a search-space condition", at: test.span,
                        hint: "nest the ifs, so that each samples under one test")
                }
            }
            return isAnd ? (all, either ?? outer) : (either ?? outer, all)
        }

        /// `p == a or p == b or p in (c, d)` as one `p in (a, b, c, d)`; nil for anything else.
        static func mergedOneOf(_ conditions: [Condition]) -> Condition? {
            guard let parent = conditions.first?.parent, conditions.allSatisfy({ $0.parent == parent }) else { return nil }
            var values: [ParameterValue] = []
            for c in conditions {
                switch c.test {
                case .compare(.equal, let v): values.append(v)
                case .isOneOf(let vs): values += vs
                default: return nil
                }
            }
            return Condition(parent, .isOneOf(values))
        }
    }

    /// Whether some line (inside nested `if`s too) samples a value: `let NAME ~ …`.
    static func samples(_ statements: [Statement]) -> Bool {
        statements.contains { s in
            switch s.kind {
            case .variable(let l): if case .distribution = l.binding { true } else { false }
            case .conditional(let c): samples(c.then.statements) || samples(c.otherwise?.statements ?? [])
            default: false
            }
        }
    }

    /// Whether some line of the body (inside an `if` too) trains: `train` or `step`.
    static func trains(_ statements: [Statement]) -> Bool {
        statements.contains { s in
            switch s.kind {
            case .command(let c): ["train", "step"].contains(c.verb.name)
            case .conditional(let c): trains(c.then.statements) || trains(c.otherwise?.statements ?? [])
            default: false
            }
        }
    }

    /// A trial trains on train and chooses on val: the test part, other sweeps and
    /// leaving the session are refused before the first trial.
    static func refuseInTrial(_ statement: Statement) throws(RuntimeError) {
        if case .conditional(let c) = statement.kind {
            for inner in c.then.statements + (c.otherwise?.statements ?? []) { try refuseInTrial(inner) }
            return
        }
        guard case .command(let c) = statement.kind else { return }
        let operands = c.operands.compactMap { if case .positional(let v) = $0 { v.word } else { nil } }
        if c.verb.name == "eval" && operands.contains("test") {
            throw RuntimeError(
                "a sweep body may not look at the test part", at: statement.span,
                hint: "choose on val; after the sweep, 'eval SWEEP.best on test' is the one recorded look")
        }
        if ["sweep", "quit", "save", "run", "export"].contains(c.verb.name) {
            throw RuntimeError("'\(c.verb.name)' cannot run inside a sweep body", at: c.verb.span)
        }
    }

    static func objective(_ c: Command) -> SweepObjective {
        let words = c.operands.compactMap { if case .positional(let v) = $0 { v.word } else { nil } }
        let metric = words.first ?? "val_loss"
        let maximize = words.dropFirst().first.map { $0 == "maximize" } ?? metric.hasSuffix("acc")
        return SweepObjective(metric: metric, maximize: maximize)
    }

    /// `log(a, b)`, `uniform(a, b)`, `int(a, b)`, `choice(v, …)` as a Search domain.
    static func domain(_ d: Distribution, name: String, scope: any VariableScope) throws(RuntimeError) -> Domain {
        let values = try d.arguments.map { v throws(RuntimeError) in try parameterValue(v, scope: scope) }
        if d.kind == .choice { return .choice(values) }
        guard values.count == 2, let a = values[0].number, let b = values[1].number else {
            throw RuntimeError("\(d.kind.rawValue)(a, b) takes two numbers", at: d.span)
        }
        switch d.kind {
        case .log: return .logUniform(low: a, high: b)
        case .int:
            guard a == a.rounded(), b == b.rounded(), abs(a) < 1e15, abs(b) < 1e15 else {
                throw RuntimeError("int(a, b) takes two whole numbers", at: d.span, hint: "use uniform(a, b) for a real range")
            }
            return .integer(low: Int(a), high: Int(b), log: false)
        default: return .uniform(low: a, high: b)
        }
    }

    static func parameterValue(_ v: Value, scope: any VariableScope) throws(RuntimeError) -> ParameterValue {
        var literal = v.literal
        if case .variable(let name) = v.kind { literal = scope.value(of: name) }
        guard let literal else {
            throw RuntimeError(
                "\(v.text) is not defined", at: v.span, hint: "define it before the sweep: let \(v.text.dropFirst()) = VALUE")
        }
        switch literal {
        case .number(let x): return .number(x)
        case .word(let w), .string(let w): return .word(w)
        }
    }

    /// How many per-layer values `per DEPTH` needs: the largest value DEPTH can take.
    static func layerCount(_ depth: Identifier, among parameters: [Parameter]) throws(RuntimeError) -> Int {
        guard let parent = parameters.last(where: { $0.name == depth.name }) else {
            throw RuntimeError(
                "'per \(depth.name)' needs '\(depth.name)' sampled on an earlier line", at: depth.span,
                hint: "e.g. 'let \(depth.name) ~ int(1, 4)' before this line")
        }
        let largest: Double?
        switch parent.domain {
        case .integer(_, let high, _): largest = Double(high)
        case .choice(let values): largest = values.compactMap(\.number).max()
        default: largest = nil
        }
        guard let largest, largest == largest.rounded(), largest >= 1, largest <= Double(maximumLayers) else {
            throw RuntimeError(
                "'per \(depth.name)' needs '\(depth.name)' to be a whole number of layers from 1 to \(maximumLayers)",
                at: depth.span, hint: "declare it as int(1, N) or choice(1, 2, …)")
        }
        return Int(largest)
    }
}

extension Domain {
    /// A choice with at least one word among its values.
    var hasWords: Bool {
        if case .choice(let values) = self { return values.contains { $0.word != nil } }
        return false
    }
}

extension Comparison {
    /// The language's operator as a search-space condition's.
    init(_ op: ComparisonOperator) {
        switch op {
        case .equal: self = .equal
        case .notEqual: self = .notEqual
        case .less: self = .less
        case .lessOrEqual: self = .lessOrEqual
        case .greater: self = .greater
        case .greaterOrEqual: self = .greaterOrEqual
        }
    }
}
