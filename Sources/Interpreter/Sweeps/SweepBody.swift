// A sweep body read before anything runs: its `let NAME ~ DIST` lines become a SearchSpace,
// its `report` line the objective, and the lines a trial may not run are refused up front.
//
// Conditional spaces come from per-layer parameters (docs/language.md "Sweeps"):
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
        var parameters: [Parameter] = [], perLayer: [String: String] = [:]
        var objective = SweepObjective()
        for statement in block.statements {
            try Self.refuseInTrial(statement)
            switch statement.kind {
            case .variable(let l):
                guard case .distribution(let d) = l.binding else { continue }
                let domain = try Self.domain(d, name: l.name.name, scope: scope)
                if let depth = d.perLayer {
                    let count = try Self.layerCount(depth, among: parameters)
                    parameters += Parameter.perLayer(l.name.name, count: count, depth: depth.name, domain)
                    perLayer[l.name.name] = depth.name
                } else {
                    parameters.append(Parameter(l.name.name, domain))
                }
            case .command(let c) where c.verb.name == "report":
                objective = Self.objective(c)
            default: continue
            }
        }
        do { space = try SearchSpace(parameters) } catch let error as SearchError {
            let empty = error == .emptySpace
            throw RuntimeError(empty ? "the sweep body samples nothing" : error.description, at: block.span,
                               hint: empty ? "sample something, e.g. 'let lr ~ log(1e-4, 1e-1)'" : error.hint)
        } catch { throw RuntimeError("\(error)", at: block.span) }
        statements = block.statements
        self.perLayer = perLayer
        self.objective = objective
    }

    /// A trial trains on train and chooses on val: the test part, other sweeps and
    /// leaving the session are refused before the first trial.
    static func refuseInTrial(_ statement: Statement) throws(RuntimeError) {
        guard case .command(let c) = statement.kind else { return }
        let operands = c.operands.compactMap { if case .positional(let v) = $0 { v.word } else { nil } }
        if c.verb.name == "eval" && operands.contains("test") {
            throw RuntimeError("a sweep body may not look at the test part", at: statement.span,
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
            throw RuntimeError("\(v.text) is not defined", at: v.span, hint: "define it before the sweep: let \(v.text.dropFirst()) = VALUE")
        }
        switch literal {
        case .number(let x): return .number(x)
        case .word(let w), .string(let w): return .word(w)
        }
    }

    /// How many per-layer values `per DEPTH` needs: the largest value DEPTH can take.
    static func layerCount(_ depth: Identifier, among parameters: [Parameter]) throws(RuntimeError) -> Int {
        guard let parent = parameters.last(where: { $0.name == depth.name }) else {
            throw RuntimeError("'per \(depth.name)' needs '\(depth.name)' sampled on an earlier line", at: depth.span,
                               hint: "e.g. 'let \(depth.name) ~ int(1, 4)' before this line")
        }
        let largest: Double?
        switch parent.domain {
        case .integer(_, let high, _): largest = Double(high)
        case .choice(let values): largest = values.compactMap(\.number).max()
        default: largest = nil
        }
        guard let largest, largest == largest.rounded(), largest >= 1, largest <= Double(maximumLayers) else {
            throw RuntimeError("'per \(depth.name)' needs '\(depth.name)' to be a whole number of layers from 1 to \(maximumLayers)",
                               at: depth.span, hint: "declare it as int(1, N) or choice(1, 2, …)")
        }
        return Int(largest)
    }
}
