// The statements of a script, run against the workspace: commands (each bound to its
// declaration and run by its type; Commands.swift lists them), `let`, `if`, `net`, and a sweep
// trial's body lines. Building a net for a dataset lives here too: `net` and training share it.
import Datasets
import Diagnostics
import Lab
import Language
import Networks

extension Session {
    func dispatch(_ statement: Statement, source: SourceFile, next: String?) throws(RuntimeError) -> ExecutionStatus {
        switch statement.kind {
        case .narrative(let text):
            emit(.narrative(text))
        case .variable(let binding):
            try defineVariable(binding)
        case .network(let definition):
            try defineNet(definition, source: source)
        case .conditional(let conditional):
            return try runConditional(conditional, source: source)
        case .command(let command):
            let invocation: Invocation
            do {
                invocation = try registry.bind(command)
            } catch {
                throw error.errors.first.map(RuntimeError.init) ?? RuntimeError(SessionRefusal.cannotRun, at: command.span)
            }
            guard let type = Commands.byName[invocation.name] else {
                throw RuntimeError(SessionRefusal.noCommandType(name: invocation.name), at: command.verb.span)
            }
            return try perform(type, invocation, source: source, next: next)
        }
        return .ok
    }

    /// Binds a typed command's operands (`$variables` resolved in the workspace) and runs it.
    func perform<C: RunnableCommand>(
        _ type: C.Type, _ invocation: Invocation, source: SourceFile, next: String?
    )
        throws(RuntimeError) -> ExecutionStatus
    {
        let declaration = C.declaration
        let (command, context) = try declaration.make(
            invocation.binding, syntax: invocation.command, scope: workspace,
            source: source, next: next)
        if !locks.isEmpty, let changes = declaration.changes {
            for changed in changes(command) { try checkLock(changed, source: source, at: context.span) }
        }
        return try command.run(self, context)
    }

    // MARK: if

    /// Runs the branch the test chooses (none when it fails and there is no `else`).
    func runConditional(_ statement: IfStatement, source: SourceFile) throws(RuntimeError) -> ExecutionStatus {
        let branch = try IfEvaluation.holds(statement.test, in: workspace) ? statement.then : statement.otherwise
        for inner in branch?.statements ?? [] {
            let status = try dispatch(inner, source: source, next: nil)
            // A jump asked for at a pause inside the branch leaves the rest of it to the jump.
            if status != .ok || activeRun.interruptedSinceStart || runningScript?.jump != nil { return status }
        }
        return .ok
    }

    // MARK: let and net

    func defineVariable(_ binding: LetStatement) throws(RuntimeError) {
        switch binding.binding {
        case .value(let value):
            workspace.variables[binding.name.name] = try anyLiteral(value)
        case .distribution(let d):
            throw RuntimeError(DefinitionRefusal.samplingOutsideSweep(name: binding.name.name), at: d.span)
        }
    }

    /// A value of any type: a literal as written, or a `$variable`'s value.
    func anyLiteral(_ value: Value) throws(RuntimeError) -> Literal {
        if let own = value.literal { return own }
        if case .variable(let name) = value.kind, let found = workspace.value(of: name) { return found }
        do {
            return try value.resolved(in: workspace, as: .text, subject: .positional(of: "let"))
        } catch { throw RuntimeError(error) }
    }

    func defineNet(_ definition: NetworkDefinition, source: SourceFile) throws(RuntimeError) {
        try checkLock(.net(definition.name.name), source: source, at: definition.span)
        let specs = try layerSpecs(definition.layers, at: definition.span)
        let name = definition.name.name
        let entry = NetEntry(
            name: name, specs: specs, definitionText: source.text(of: definition.span),
            seed: workspace.seed)
        entry.transplants = try transplants(definition.layers)
        var misfit: String?
        if let dataName = workspace.currentData, let data = workspace.datasets[dataName] {
            switch try fit(specs, to: data, name: name, at: definition.span) {
            case .built(let network):
                entry.network = network
                entry.dataName = dataName
                network.initialize(scheme: nil, seed: entry.seed)
                try applyTransplants(entry, to: network, at: definition.span)
            case .misfit(let error):
                misfit = error.message
            }
        }
        if entry.network == nil { try checkSize(specs, at: definition.span) }
        workspace.nets[name] = entry
        workspace.currentNet = name
        say(
            netSummaryLine(entry)
                + (misfit.map {
                    "\n\(name) does not fit \(workspace.currentData ?? "the data") ("
                        + $0 + "): it is built for the data it first trains on"
                } ?? ""))
    }

    /// A net built for a dataset, or why the two do not fit (the net can wait for other data).
    enum Fit {
        case built(Network)
        case misfit(RuntimeError)
    }

    /// Builds the network for a dataset's examples, with its output checked against the targets.
    /// Only a net too large to allocate throws; any other failure depends on the input shape
    /// (a kernel longer than the sequence, a dense layer after 2D points) and is a misfit.
    func fit(_ specs: [LayerSpec], to data: DataEntry, name: String, at span: SourceSpan) throws(RuntimeError) -> Fit {
        let network: Network
        do {
            network = try Network(inputShape: data.sampleShape, layers: specs, vocabulary: data.full.vocabulary)
        } catch {
            let refusal = RuntimeError(error, at: span)
            if case .tooLarge = error { throw refusal }
            return .misfit(refusal)
        }
        let outputs = network.outputCount
        guard outputs == data.outputsWanted else {
            return .misfit(
                RuntimeError(
                    DefinitionRefusal.outputsMisfit(
                        net: name, outputs: outputs, outputShape: network.outputShape, data: data.name,
                        targets: TargetSummary(data)), at: span))
        }
        return .built(network)
    }

    func buildNetwork(
        _ specs: [LayerSpec], for data: DataEntry, name: String, at span: SourceSpan
    ) throws(RuntimeError) -> Network {
        switch try fit(specs, to: data, name: name, at: span) {
        case .built(let network): return network
        case .misfit(let error): throw error
        }
    }

    /// Refuses a net too large for any input before anything is allocated (a lower bound:
    /// the size for one input feature).
    func checkSize(_ specs: [LayerSpec], at span: SourceSpan) throws(RuntimeError) {
        do {
            _ = try NetworkBuilder.stack(inputShape: [1], specs: specs)
        } catch {
            if case .tooLarge = error { throw RuntimeError(error, at: span) }
        }
    }

    func netSummaryLine(_ net: NetEntry) -> String {
        guard let network = net.currentNetwork else {
            return "\(net.name): \(net.specs.count) layers (the input size is set by the first dataset it trains on)"
        }
        return "\(net.name): \(network.layers.count) layers, \(network.parameterCount.formatted) parameters, "
            + "\(describeShape(network.inputShape)) → \(describeShape(network.outputShape))"
    }

    /// Resolves a net spec: `$variables`, `xN` repeats, trailing activations. The layer count
    /// after every repeat is checked first, without expanding anything.
    func layerSpecs(_ items: [LayerItem], at span: SourceSpan) throws(RuntimeError) -> [LayerSpec] {
        let total = try expandedCount(items)
        guard total <= Self.maxLayers else {
            throw RuntimeError(DefinitionRefusal.tooManyLayers(count: total, limit: Self.maxLayers), at: span)
        }
        return try expandedSpecs(items)
    }

    /// Layers at most in one net, every repeat counted.
    static let maxLayers = 4096

    /// How many layers `items` stand for once repeated (nested repeats multiply), saturating.
    func expandedCount(_ items: [LayerItem]) throws(RuntimeError) -> Int {
        var total = 0
        for item in items {
            let count = try repeatCount(item)
            let one: Int
            switch item.kind {
            case .layer(let layer): one = layer.activation == nil ? 1 : 2  // `dense 32 relu` is two layers
            case .residual(let body): one = try expandedCount(body) + 1
            case .borrowed(let net, let layers): one = try borrowedRange(net, layers).count
            }
            total = min(Self.maxLayers * 1000, total + min(Self.maxLayers * 1000, count * one))
        }
        return total
    }

    func expandedSpecs(_ items: [LayerItem]) throws(RuntimeError) -> [LayerSpec] {
        var specs: [LayerSpec] = []
        for item in items {
            let count = try repeatCount(item)
            let one: [LayerSpec]
            switch item.kind {
            case .layer(let layer):
                if count > 1, let lone = Self.loneRepeat(layer.kind), items.count > 1 {
                    let written = lone + (layer.activation.map { " " + $0.text } ?? "")
                    throw RuntimeError(
                        DefinitionRefusal.loneRepeat(layer: written, count: count), at: item.repeatCount?.span ?? item.span)
                }
                one = try layerSpec(layer)
            case .residual(let body): one = [.residual(try expandedSpecs(body))]
            case .borrowed(let net, let layers):
                guard count == 1 else {
                    throw RuntimeError(
                        DefinitionRefusal.borrowedRepeated(net: net.name, layers: layers.text, count: count),
                        at: item.repeatCount?.span ?? item.span)
                }
                let range = try borrowedRange(net, layers)
                one = Array(try workspace.net(net.name, at: net.span).specs[range])
            }
            for _ in 0..<count { specs += one }
        }
        return specs
    }

    /// The layers `a[2..4]` names (from 0), checked against the net.
    func borrowedRange(_ net: Identifier, _ layers: Value) throws(RuntimeError) -> Range<Int> {
        let source = try workspace.net(net.name, at: net.span)
        // One number or range, checked against the net's layers by the parse.
        let chosen = try LayerSelection.parse([layers.text], of: source, spans: [layers.span], at: layers.span)
        return ((chosen.min() ?? 1) - 1)..<(chosen.max() ?? 0)
    }

    /// The weights of every borrowed layer, copied now (later training of the source does not
    /// change them). Only top-level items may borrow.
    func transplants(_ items: [LayerItem]) throws(RuntimeError) -> [Transplant] {
        var result: [Transplant] = []
        var position = 0
        for item in items {
            switch item.kind {
            case .borrowed(let name, let layers):
                let source = try workspace.net(name.name, at: name.span)
                guard let network = source.currentNetwork else {
                    throw RuntimeError(
                        DefinitionRefusal.borrowedUntrained(net: name.name, layers: layers.text), at: name.span)
                }
                for k in try borrowedRange(name, layers) {
                    let stack = network.stack
                    let p = stack.parameterOffsets[k], n = stack.layers[k].parameterCount
                    let st = stack.stateOffsets[k], sn = stack.layers[k].stateCount
                    result.append(
                        Transplant(
                            layer: position, source: name.name, sourceLayer: k,
                            parameters: Array(network.parameters.array[p..<(p + n)]),
                            state: Array(network.state.array[st..<(st + sn)])))
                    position += 1
                }
            case .residual(let body):
                if body.contains(where: { if case .borrowed = $0.kind { true } else { false } }) {
                    throw RuntimeError(DefinitionRefusal.borrowedInResidual, at: item.span)
                }
                position += try expandedCount([item])
            case .layer:
                position += try expandedCount([item])
            }
        }
        return result
    }

    /// Puts the borrowed weights into a freshly drawn network; a layer whose size differs (the
    /// new data's inputs differ from what the source trained on) is refused.
    func applyTransplants(_ net: NetEntry, to network: Network, at span: SourceSpan) throws(RuntimeError) {
        let stack = network.stack
        for t in net.transplants {
            guard stack.layers.indices.contains(t.layer), stack.layers[t.layer].parameterCount == t.parameters.count,
                stack.layers[t.layer].stateCount == t.state.count
            else {
                let have = stack.layers.indices.contains(t.layer) ? stack.layers[t.layer].parameterCount : 0
                throw RuntimeError(
                    DefinitionRefusal.transplantMisfit(
                        net: net.name, layer: t.layer + 1, parameters: have, source: t.source, sourceLayer: t.sourceLayer + 1,
                        trained: t.parameters.count), at: span)
            }
            let p = stack.parameterOffsets[t.layer], st = stack.stateOffsets[t.layer]
            t.parameters.withUnsafeBufferPointer { b in
                if let base = b.baseAddress { (network.parameters.base + p).update(from: base, count: b.count) }
            }
            t.state.withUnsafeBufferPointer { b in
                if let base = b.baseAddress { (network.state.base + st).update(from: base, count: b.count) }
            }
        }
    }

    /// A layer that is never meant to repeat on its own (it would stack normalizations, dropouts
    /// or activations): its name, for the refusal. `dense 32, batchnorm relu x30` meant a block.
    static func loneRepeat(_ kind: LayerKind) -> String? {
        switch kind {
        case .batchNorm: return "batchnorm"
        case .layerNorm: return "layernorm"
        case .dropout: return "dropout"
        case .activation(let a): return a.rawValue
        default: return nil
        }
    }

    func repeatCount(_ item: LayerItem) throws(RuntimeError) -> Int {
        guard let value = item.repeatCount else { return 1 }
        let n = try integer(value, "repeat count")
        guard n >= 1, n <= 1000 else {
            throw RuntimeError(DefinitionRefusal.repeatCount(n), at: value.span)
        }
        return n
    }

    func integer(_ value: Value, _ what: String) throws(RuntimeError) -> Int {
        do {
            let literal = try value.resolved(in: workspace, as: .integer, subject: .positional(of: what))
            if case .number(let n) = literal, let i = NumberLiteral(n).integerValue { return i }
        } catch { throw RuntimeError(error) }
        throw RuntimeError(DefinitionRefusal.notAnInteger(what: what, text: value.text), at: value.span)
    }

    func real(_ value: Value, _ what: String) throws(RuntimeError) -> Double {
        do {
            if case .number(let n) = try value.resolved(in: workspace, as: .number, subject: .positional(of: what)) { return n }
        } catch { throw RuntimeError(error) }
        throw RuntimeError(DefinitionRefusal.notANumber(what: what, text: value.text), at: value.span)
    }

    func word(_ value: Value, _ what: String) throws(RuntimeError) -> String {
        do {
            switch try value.resolved(in: workspace, as: .text, subject: .positional(of: what)) {
            case .word(let w), .string(let w): return w
            case .number(let n): return NumberLiteral.format(n)
            }
        } catch { throw RuntimeError(error) }
    }

    func layerSpec(_ layer: Language.Layer) throws(RuntimeError) -> [LayerSpec] {
        var out: [LayerSpec]
        switch layer.kind {
        case .dense(let units):
            out = [.dense(units: try integer(units, "dense width"))]
        case .conv(let channels, let k, let s, let pad, let dimensions):
            let name = dimensions == 2 ? "conv2d" : "conv"
            out = [
                .conv(
                    channels: try integer(channels, "\(name) channels"),
                    kernel: try k.map { v throws(RuntimeError) in try integer(v, "k") } ?? 3,
                    stride: try s.map { v throws(RuntimeError) in try integer(v, "s") } ?? 1,
                    padding: try pad.map { v throws(RuntimeError) in try integer(v, "pad") } ?? 0,
                    dimensions: dimensions)
            ]
        case .pool(let mode, let size, let dimensions):
            let name = dimensions == 2 ? "pool2d" : "pool"
            let m = try word(mode, name)
            guard let kind = PoolKind(rawValue: m) else {
                throw RuntimeError(DefinitionRefusal.poolMode(layer: name, mode: m), at: mode.span)
            }
            out = [.pool(kind, size: try integer(size, "\(name) size"), dimensions: dimensions)]
        case .flatten: out = [.flatten]
        case .dropout(let rate):
            let p = try real(rate, "dropout")
            guard p >= 0, p < 1 else {
                throw RuntimeError(DefinitionRefusal.dropoutRate(text: rate.text), at: rate.span)
            }
            out = [.dropout(Float(p))]
        case .batchNorm: out = [.batchnorm]
        case .layerNorm: out = [.layernorm]
        case .embed(let width, let vocabulary):
            out = [
                .embed(
                    width: try integer(width, "embed width"),
                    vocabulary: try vocabulary.map { v throws(RuntimeError) in try integer(v, "vocab") })
            ]
        case .attention(let heads, let causal):
            out = [.attention(heads: try heads.map { v throws(RuntimeError) in try integer(v, "heads") } ?? 1, causal: causal)]
        case .transformer(let heads, let mlp, let causal):
            out = [
                .transformer(
                    heads: try heads.map { v throws(RuntimeError) in try integer(v, "heads") } ?? 1,
                    mlp: try mlp.map { v throws(RuntimeError) in try integer(v, "mlp") }, causal: causal)
            ]
        case .activation(let a): out = [.activation(try activation(a.rawValue, at: layer.span))]
        }
        if let trailing = layer.activation {
            out.append(.activation(try activation(try word(trailing, "activation"), at: trailing.span)))
        }
        return out
    }

    func activation(_ name: String, at span: SourceSpan) throws(RuntimeError) -> ActivationFunction {
        guard let f = ActivationFunction(rawValue: name) else {
            let suggestion = suggest(name, among: ActivationFunction.allCases.map(\.rawValue))
            throw RuntimeError(DefinitionRefusal.unknownActivation(name: name, suggestion: suggestion), at: span)
        }
        return f
    }

    // MARK: a sweep trial's lines

    /// One body statement: sampled lets and `report` were read before the trial; nets unroll
    /// their per-layer parameters; everything else runs as typed.
    func runTrialStatement(_ statement: Statement, _ plan: TrialPlan) throws(RuntimeError) {
        switch statement.kind {
        case .variable(let l):
            if case .distribution = l.binding { return }
            try defineVariable(l)
        case .command(let c) where c.verb.name == "report":
            return
        case .conditional(let c):
            // A test on an inactive sampled parameter takes neither branch, as in the space.
            let inactive = c.test.clauses.contains { clause in
                guard case .variable(let name) = clause.subject.kind else { return false }
                return plan.body.space.parameter(named: name) != nil && plan.configuration[name] == nil
            }
            if inactive { return }
            let branch = try IfEvaluation.holds(c.test, in: workspace) ? c.then : c.otherwise
            for inner in branch?.statements ?? [] {
                try runTrialStatement(inner, plan)
                switch trial?.lastStop {
                case .diverged?, .cancelled?: return  // runBody reads lastStop after this statement
                default: continue
                }
            }
        case .network(let definition):
            let prefixes = Set(plan.body.perLayer.keys)
            let unrolled = try PerLayer.expanded(definition, prefixes: prefixes) { v throws(RuntimeError) in
                try self.integer(v, "repeat count")
            }
            try defineNet(unrolled, source: plan.source)
        default:
            _ = try dispatch(statement, source: plan.source, next: nil)
        }
    }
}

extension Int {
    /// 15210 → "15,210".
    var formatted: String {
        let digits = String(Swift.abs(self))
        var out = ""
        for (i, ch) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (self < 0 ? "-" : "") + String(out.reversed())
    }
}
