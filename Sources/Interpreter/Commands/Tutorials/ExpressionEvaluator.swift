// Evaluates an `expect` expression against the workspace: the values of nets (over all their
// seeds), sweeps and datasets by path, arithmetic that carries a standard error, comparisons and
// `and`/`or`. Unknown names and fields are refused at their span with the one suggestion.
import Charts
import Diagnostics
import Foundation
import Language
import Search

/// A number an expression computes: a plain value, or a mean over seeds with its spread.
struct Measure {
    var value: Double
    /// The standard error of `value` (0: exact, or measured on one seed).
    var standardError: Double = 0
    /// The values over seeds (or folds), when measured on several (the leaves of an expression).
    var seeds: Spread?
    /// What the several are: "seeds", or "folds" under cross-validation.
    var noun = "seeds"
    /// An accuracy (a fraction): shown as a percentage.
    var percent = false
    /// A number written in the expression (it keeps a percentage a percentage: `2 * se(a.val.acc)`).
    var literal = false

    /// Significant digits of a computed value: 4, more when fewer would print two different
    /// sides of a comparison alike ("1.178 > 1.178").
    var significant = 4

    /// "81.2% ± 1.1% (5 seeds)", "0.0412", "12"; a number written in the expression as written.
    var text: String {
        if let seeds, seeds.n > 1 { return seeds.text(percent: percent) + " (\(seeds.n) \(noun))" }
        if percent { return significant > 4 ? Table.number(100 * value, significant: significant) + "%" : pct(value) }
        if value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) }
        if literal { return NumberLiteral.format(value) }
        return Table.number(value, significant: significant)
    }

    /// The two sides with as many digits as it takes to tell them apart (up to 9).
    static func distinguishable(_ a: Measure, _ b: Measure) -> (Measure, Measure) {
        var (a, b) = (a, b)
        while a.value != b.value && a.text == b.text && a.significant < 9 {
            a.significant += 1
            b.significant += 1
        }
        return (a, b)
    }
}

struct ExpressionEvaluator {
    let session: Session
    /// Each comparison's two sides, as evaluated: what a verdict shows.
    private(set) var compared: [String] = []

    init(session: Session) { self.session = session }

    var workspace: Workspace { session.workspace }

    /// Whether the expression holds; it must be a comparison, or comparisons joined by and/or.
    mutating func holds(_ e: Language.Expression) throws(RuntimeError) -> Bool {
        switch e.kind {
        case .comparison(let op, let left, let right):
            var a = try value(left), b = try value(right)
            // A bare number beside an accuracy reads as one: 0.9 shows as 90.0%.
            if a.percent && b.literal { b.percent = true }
            if b.percent && a.literal { a.percent = true }
            (a, b) = Measure.distinguishable(a, b)
            compared.append("\(a.text) \(op.rawValue) \(b.text)")
            switch op {
            case .equal: return a.value == b.value
            case .notEqual: return a.value != b.value
            case .less: return a.value < b.value
            case .lessOrEqual: return a.value <= b.value
            case .greater: return a.value > b.value
            case .greaterOrEqual: return a.value >= b.value
            }
        case .logical(let joiner, let left, let right):
            let first = try holds(left)
            if joiner == .and && !first || joiner == .or && first { return first }
            return try holds(right)
        default:
            throw RuntimeError(ExpressionRefusal.notAClaim, at: e.span)
        }
    }

    mutating func value(_ e: Language.Expression) throws(RuntimeError) -> Measure {
        switch e.kind {
        case .number(let v):
            return Measure(value: v, literal: true)
        case .variable(let name):
            guard let literal = workspace.value(of: name) else {
                throw RuntimeError(
                    ExpressionRefusal.undefinedVariable(name: name, suggestion: suggest(name, among: workspace.variableNames)),
                    at: e.span)
            }
            guard case .number(let v) = literal else {
                throw RuntimeError(ExpressionRefusal.notANumber(name: name, value: literal), at: e.span)
            }
            return Measure(value: v, literal: true)
        case .negate(let inner):
            var m = try value(inner)
            m.value = -m.value
            m.seeds = nil
            return m
        case .arithmetic(let op, let left, let right):
            return Self.combine(op, try value(left), try value(right))
        case .call(let name, let arguments):
            var values: [Measure] = []
            for argument in arguments { values.append(try value(argument)) }
            return try call(name, values, at: e.span)
        case .path(let path):
            return try self.path(path, at: e.span)
        case .comparison, .logical:
            throw RuntimeError(ExpressionRefusal.claimAsValue, at: e.span)
        }
    }

    /// Arithmetic on values with independent errors (first order for × and ÷).
    static func combine(_ op: ArithmeticOperator, _ a: Measure, _ b: Measure) -> Measure {
        let v: Double, se: Double
        switch op {
        case .plus: (v, se) = (a.value + b.value, hypot(a.standardError, b.standardError))
        case .minus: (v, se) = (a.value - b.value, hypot(a.standardError, b.standardError))
        case .times: (v, se) = (a.value * b.value, hypot(b.value * a.standardError, a.value * b.standardError))
        case .divide:
            v = a.value / b.value
            se = hypot(a.standardError / b.value, a.value * b.standardError / (b.value * b.value))
        }
        let percent: Bool
        switch op {
        case .plus, .minus: percent = (a.percent || a.literal) && (b.percent || b.literal) && (a.percent || b.percent)
        case .times: percent = (a.percent && b.literal) || (b.percent && a.literal)
        case .divide: percent = a.percent && b.literal
        }
        return Measure(value: v, standardError: se.isFinite ? se : 0, percent: percent, literal: a.literal && b.literal)
    }

    func call(_ name: Identifier, _ values: [Measure], at span: SourceSpan) throws(RuntimeError) -> Measure {
        switch name.name {
        case "se": return Measure(value: values[0].standardError, percent: values[0].percent)
        case "sd": return Measure(value: values[0].seeds?.sd ?? 0, percent: values[0].percent)
        case "abs":
            var m = values[0]
            m.value = abs(m.value)
            m.seeds = nil
            return m
        case "most", "least":
            throw RuntimeError(ExpressionRefusal.choiceFunction(function: name.name), at: span)
        case "min": return values.min { $0.value < $1.value } ?? values[0]
        case "max": return values.max { $0.value < $1.value } ?? values[0]
        default:
            throw RuntimeError(ExpressionRefusal.unknownFunction(name: name.name), at: name.span)
        }
    }

    // MARK: choices

    /// The choice an ask's `answer=` picks: `most(FIELD)` / `least(FIELD)` over the choices (FIELD
    /// read after each one's name), or a choice named outright. `why` lists the values compared.
    /// `span` is where the choices are written (a choice that names nothing is refused there).
    mutating func choice(
        _ e: Language.Expression, among choices: [String], at span: SourceSpan
    ) throws(RuntimeError)
        -> (name: String, why: String)
    {
        if case .path(let path) = e.kind, path.count == 1, choices.contains(path[0].name) {
            return (path[0].name, "the key")
        }
        guard case .call(let function, let arguments) = e.kind, ["most", "least"].contains(function.name),
            case .path(let field) = arguments[0].kind
        else {
            throw RuntimeError(ExpressionRefusal.notAChoice, at: e.span)
        }
        // most(gap): each choice's gap; most(r.importance): r.importance of each choice.
        let head = field[0].name
        let ownsField = workspace.nets[head] != nil || workspace.sweeps[head] != nil || workspace.datasets[head] != nil
        var scored: [(name: String, value: Measure)] = []
        for name in choices {
            let choice = Identifier(name, span: span)
            scored.append((name, try path(ownsField ? field + [choice] : [choice] + field, at: e.span)))
        }
        let pick =
            function.name == "most"
            ? scored.max { $0.value.value < $1.value.value } : scored.min { $0.value.value < $1.value.value }
        let label = field.map(\.name).joined(separator: ".")
        let why = label + ": " + scored.map { "\($0.name) \($0.value.text)" }.joined(separator: ", ")
        return (pick?.name ?? choices[0], why)
    }

    // MARK: paths

    func path(_ path: [Identifier], at span: SourceSpan) throws(RuntimeError) -> Measure {
        let head = path[0]
        let rest = Array(path.dropFirst())
        if let net = workspace.nets[head.name] { return try netValue(net, rest, after: head) }
        if let sweep = workspace.sweeps[head.name] { return try sweepValue(sweep, rest, after: head) }
        if let data = workspace.datasets[head.name] { return try dataValue(data, rest, after: head) }
        let names = workspace.allNames
        throw RuntimeError(
            ExpressionRefusal.nothingNamed(name: head.name, suggestion: suggest(head.name, among: names), names: names),
            at: head.span)
    }

    /// The next field of a path, checked against what may follow `owner`.
    func field(
        _ rest: [Identifier], after owner: Identifier, _ kind: String,
        _ fields: [(name: String, help: String)], extra: [String] = []
    ) throws(RuntimeError) -> Identifier {
        let choices = fields.map(\.name) + extra
        guard let next = rest.first else {
            throw RuntimeError(ExpressionRefusal.nameAField(owner: owner.name, kind: kind, fields: choices), at: owner.span)
        }
        guard choices.contains(next.name) else {
            throw RuntimeError(
                ExpressionRefusal.unknownField(
                    name: next.name, kind: kind, owner: owner.name, suggestion: suggest(next.name, among: choices),
                    fields: choices),
                at: next.span)
        }
        return next
    }

    func end(_ rest: [Identifier], after owner: Identifier) throws(RuntimeError) {
        guard let extra = rest.first else { return }
        throw RuntimeError(ExpressionRefusal.pastNumber(owner: owner.name, field: extra.name), at: extra.span)
    }

    func netValue(_ net: NetEntry, _ rest: [Identifier], after owner: Identifier) throws(RuntimeError) -> Measure {
        let field = try self.field(rest, after: owner, "net", ExpressionVocabulary.netFields)
        let tail = Array(rest.dropFirst())
        let seeds = [net] + net.replicas
        switch field.name {
        case "params":
            try end(tail, after: field)
            guard let network = net.currentNetwork else {
                throw RuntimeError(ExpressionRefusal.noWeights(net: net.name), at: field.span)
            }
            return Measure(value: Double(network.parameterCount))
        case "steps":
            try end(tail, after: field)
            return Measure(value: Double(net.run?.step ?? 0))
        case "grads", "weights":
            let layer = try self.field(tail, after: field, "layer choice", ExpressionVocabulary.layerFields)
            try end(Array(tail.dropFirst()), after: layer)
            let n = try session.looked(net, at: field.span)
            let values = field.name == "grads" ? try session.gradients(n, at: field.span).values : n.network.parameters.array
            let norms = n.network.layerNorms(of: values)
            guard let norm = layer.name == "first" ? norms.first : norms.last else {
                throw RuntimeError(ExpressionRefusal.noLayerWithWeights(net: net.name), at: field.span)
            }
            return Measure(value: norm)
        case "sharpness":
            try end(tail, after: field)
            var values: [Double] = []
            for entry in seeds {
                guard let kept = entry.sharpness else {
                    throw RuntimeError(
                        ExpressionRefusal.sharpnessNotMeasured(net: net.name, everySeed: seeds.count > 1), at: field.span)
                }
                values.append(kept.value)
            }
            return Self.measure(values, percent: false, noun: net.copiesNoun)
        case "hessian":
            let which = try self.field(tail, after: field, "end of the spectrum", ExpressionVocabulary.spectrumFields)
            try end(Array(tail.dropFirst()), after: which)
            var values: [Double] = []
            for entry in seeds {
                guard let kept = entry.spectrum, let network = entry.currentNetwork,
                    kept.fingerprint == session.fingerprint(network)
                else {
                    throw RuntimeError(
                        ExpressionRefusal.hessianNotMeasured(net: net.name, copies: seeds.count > 1 ? net.copiesNoun : nil),
                        at: field.span)
                }
                values.append(which.name == "min" ? kept.smallest : kept.largest)
            }
            return Self.measure(values, percent: false, noun: net.copiesNoun)
        case "barrier":
            try end(tail, after: field)
            guard let line = net.landscape, line.betas.count == 1, line.step == (net.run?.step ?? 0),
                let barrier = LandscapeCommand.barrier(alphas: line.alphas, losses: line.losses)
            else { throw RuntimeError(ExpressionRefusal.lineNotDrawn(net: net.name), at: field.span) }
            return Measure(value: barrier)
        case "gap":
            try end(tail, after: field)
            let values = try seeds.map { entry throws(RuntimeError) -> Double in
                let m = try evaluations(entry, owner: net, at: field.span)
                guard let val = m.val else {
                    throw RuntimeError(ExpressionRefusal.noGap(net: net.name), at: field.span)
                }
                return val.loss - (m.train?.loss ?? .nan)
            }
            return Self.measure(values, percent: false, noun: net.copiesNoun)
        default:  // train, val
            let metric = try self.field(tail, after: field, "part of the data", ExpressionVocabulary.partFields)
            try end(Array(tail.dropFirst()), after: metric)
            let values = try seeds.map { entry throws(RuntimeError) -> Double in
                let m = try evaluations(entry, owner: net, at: field.span)
                guard let part = field.name == "train" ? m.train : m.val else {
                    throw RuntimeError(ExpressionRefusal.noPart(net: net.name, part: field.name), at: field.span)
                }
                if metric.name == "loss" { return part.loss }
                guard let accuracy = part.accuracy else {
                    throw RuntimeError(ExpressionRefusal.noAccuracy(net: net.name, part: field.name), at: metric.span)
                }
                return accuracy
            }
            return Self.measure(values, percent: metric.name == "acc", noun: net.copiesNoun)
        }
    }

    /// A net's final train and val measures, as `compare` shows them.
    func evaluations(_ entry: NetEntry, owner: NetEntry, at span: SourceSpan) throws(RuntimeError) -> CompareCommand.FinalMetrics
    {
        guard entry.currentNetwork != nil, entry.dataName != nil else {
            throw RuntimeError(ExpressionRefusal.notTrained(net: owner.name), at: span)
        }
        return CompareCommand.finalEvaluations(session, entry, at: span)
    }

    static func measure(_ values: [Double], percent: Bool, noun: String = "seeds") -> Measure {
        let spread = Spread(values)
        let se = spread.n > 1 ? spread.sd / Double(spread.n).squareRoot() : 0
        return Measure(value: spread.mean, standardError: se, seeds: spread, noun: noun, percent: percent)
    }

    func sweepValue(_ sweep: SweepEntry, _ rest: [Identifier], after owner: Identifier) throws(RuntimeError) -> Measure {
        let field = try self.field(rest, after: owner, "sweep", ExpressionVocabulary.sweepFields)
        let tail = Array(rest.dropFirst())
        if field.name == "trials" {
            try end(tail, after: field)
            return Measure(value: Double(sweep.trials.filter { $0.status == .done }.count))
        }
        let parameters = sweep.space.parameters.map(\.name)
        if field.name == "importance" {
            guard let parameter = tail.first, parameters.contains(parameter.name) else {
                guard let named = tail.first else {
                    throw RuntimeError(ExpressionRefusal.nameAParameter(parameters: parameters), at: field.span)
                }
                throw RuntimeError(
                    ExpressionRefusal.unknownParameter(
                        sweep: sweep.name, name: named.name, suggestion: suggest(named.name, among: parameters),
                        parameters: parameters),
                    at: named.span)
            }
            try end(Array(tail.dropFirst()), after: parameter)
            let shares = Importance.of(sweep.space, trials: sweep.history)
            return Measure(value: shares.first { $0.name == parameter.name }?.share ?? 0, percent: true)
        }
        guard let best = sweep.best else {
            throw RuntimeError(ExpressionRefusal.noFinishedTrial(sweep: sweep.name), at: field.span)
        }
        // A parameter of the best configuration, or a value of the net it trained.
        let next = try self.field(tail, after: field, "best trial", ExpressionVocabulary.netFields, extra: parameters)
        if parameters.contains(next.name) {
            try end(Array(tail.dropFirst()), after: next)
            guard let number = best.configuration[next.name]?.number else {
                throw RuntimeError(ExpressionRefusal.parameterNotANumber(name: next.name), at: next.span)
            }
            return Measure(value: number)
        }
        guard let net = sweep.bestNet else {
            throw RuntimeError(
                ExpressionRefusal.bestKeptNoNet(sweep: sweep.name, builtin: sweep.builtin, parameters: parameters),
                at: field.span)
        }
        return try netValue(net, tail, after: field)
    }

    func dataValue(_ data: DataEntry, _ rest: [Identifier], after owner: Identifier) throws(RuntimeError) -> Measure {
        let field = try self.field(rest, after: owner, "dataset", ExpressionVocabulary.dataFields)
        try end(Array(rest.dropFirst()), after: field)
        switch field.name {
        case "count": return Measure(value: Double(data.full.count))
        case "classes":
            guard let classes = data.full.classCount else {
                throw RuntimeError(ExpressionRefusal.noClasses(data: data.name), at: field.span)
            }
            return Measure(value: Double(classes))
        case "train": return Measure(value: Double(data.parts.train.count))
        default: return Measure(value: Double(data.parts.validation.count))
        }
    }
}
