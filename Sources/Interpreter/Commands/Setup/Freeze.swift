// freeze NET LAYERS… / unfreeze NET [LAYERS…]: layers (numbered as `show NET` lists them; `2`,
// `1..3`) whose parameters training leaves exactly as they are — no gradient step, no weight
// decay, no optimizer state (Lab/Training.swift) — for fine-tuning a pretrained body. The set is
// part of the net's setup: seeds, forks and later trains keep it; `show NET` marks the layers.
import Diagnostics
import Language
import Networks

struct FreezeCommand: RunnableCommand {
    var net: String?
    var layers: [String] = []

    static var declaration: Declaration<FreezeCommand> {
        Declaration(
            "freeze", category: "Training setup", summary: "keep layers' parameters fixed while training (fine-tuning)",
            changes: { [.net($0.net)] },
            examples: ["freeze a 1..3", "freeze a 1 2"],
            details: "Layers are numbered as 'show NET' lists them; 'A..B' is every layer from A to B. Frozen parameters "
                + "never change — no gradient step, no weight decay, no optimizer state — until 'unfreeze'. Batch-norm "
                + "running statistics of a frozen layer still follow the data.",
            .net(\.net),
            .slots(\.layers, "layers", .integerRange, placeholder: "LAYERS", help: "layer numbers or ranges: 2, 1..3"))
    }

    func run(_ s: Session, _ c: Context<FreezeCommand>) throws(RuntimeError) -> ExecutionStatus {
        let net = try s.workspace.net(self.net, at: c.span(\.net))
        guard !layers.isEmpty else {
            throw RuntimeError(SetupRefusal.freezeNeedsLayers(net: net.name, layers: net.specs.count), at: c.span)
        }
        let chosen = try LayerSelection.parse(layers, of: net, spans: c.layerSpans, at: c.span)
        net.setup.frozen.formUnion(chosen)
        s.applyFrozen(net)
        s.workspace.currentNet = net.name
        s.say(LayerSelection.describe(net))
        return .ok
    }
}

struct UnfreezeCommand: RunnableCommand {
    var net: String?
    var layers: [String] = []

    static var declaration: Declaration<UnfreezeCommand> {
        Declaration(
            "unfreeze", category: "Training setup", summary: "let frozen layers train again (all, or the ones named)",
            changes: { [.net($0.net)] },
            examples: ["unfreeze a", "unfreeze a 3"],
            .net(\.net),
            .slots(
                \.layers, "layers", .integerRange, placeholder: "LAYERS", help: "layer numbers or ranges (default: every layer)"))
    }

    func run(_ s: Session, _ c: Context<UnfreezeCommand>) throws(RuntimeError) -> ExecutionStatus {
        let net = try s.workspace.net(self.net, at: c.span(\.net))
        if layers.isEmpty {
            net.setup.frozen = []
        } else {
            net.setup.frozen.subtract(try LayerSelection.parse(layers, of: net, spans: c.layerSpans, at: c.span))
        }
        s.applyFrozen(net)
        s.workspace.currentNet = net.name
        s.say(LayerSelection.describe(net))
        return .ok
    }
}

/// Layer numbers as a user writes them: `3`, `1..4`, several of either.
enum LayerSelection {
    static func parse(
        _ words: [String], of net: NetEntry, spans: [SourceSpan], at span: SourceSpan
    ) throws(RuntimeError)
        -> Set<Int>
    {
        let count = net.specs.count
        var chosen = Set<Int>()
        for (i, word) in words.enumerated() {
            let at = spans.indices.contains(i) ? spans[i] : span
            guard let (a, b) = IntegerRange.bounds(word) else {
                throw RuntimeError(SetupRefusal.notALayer(word: word, net: net.name), at: at)
            }
            guard a <= b else {
                throw RuntimeError(SetupRefusal.emptyRange(word: word, from: a, to: b), at: at)
            }
            let range = a...b
            guard range.lowerBound >= 1, range.upperBound <= count else {
                throw RuntimeError(SetupRefusal.layersPastEnd(net: net.name, count: count, word: word), at: at)
            }
            chosen.formUnion(range)
        }
        return chosen
    }

    /// "a: layers 1–3 frozen (12,345 parameters); 2 train" or "a: every layer trains".
    static func describe(_ net: NetEntry) -> String {
        let frozen = net.setup.frozen.sorted()
        guard !frozen.isEmpty else { return "\(net.name): every layer trains" }
        let parameters = net.currentNetwork.map { n in
            frozen.reduce(0) { $0 + (n.layers.indices.contains($1 - 1) ? n.layers[$1 - 1].parameterCount : 0) }
        }
        return "\(net.name): layer\(frozen.count == 1 ? "" : "s") \(ranges(frozen)) frozen"
            + (parameters.map { " (\($0.formatted) parameters)" } ?? "")
    }

    /// 1, 2, 3, 5 → "1–3, 5".
    static func ranges(_ sorted: [Int]) -> String {
        var parts: [String] = []
        var start = sorted.first ?? 0, last = start
        for n in sorted.dropFirst() {
            if n == last + 1 {
                last = n
                continue
            }
            parts.append(start == last ? "\(start)" : "\(start)–\(last)")
            start = n
            last = n
        }
        if !sorted.isEmpty { parts.append(start == last ? "\(start)" : "\(start)–\(last)") }
        return parts.joined(separator: ", ")
    }
}

extension Session {
    /// The net's frozen layers as parameter ranges on its run (and its seeds' runs).
    func applyFrozen(_ net: NetEntry) {
        for entry in [net] + net.replicas {
            entry.setup.frozen = net.setup.frozen
            guard let run = entry.run else { continue }
            let stack = run.network.stack
            run.frozen = net.setup.frozen.sorted().compactMap { layer in
                guard stack.layers.indices.contains(layer - 1) else { return nil }
                let start = stack.parameterOffsets[layer - 1]
                return start..<(start + stack.layers[layer - 1].parameterCount)
            }
        }
    }
}

extension Context where C: RunnableCommand {
    /// Where each word after the net was written (the layer operands, in order).
    var layerSpans: [SourceSpan] {
        syntax.operands.compactMap { op -> SourceSpan? in
            if case .positional(let v) = op { return v.span }
            return nil
        }.dropFirst(boundNetWritten ? 1 : 0).map { $0 }
    }

    /// True when the first positional operand is the net's name.
    private var boundNetWritten: Bool {
        guard case .positional(let v)? = syntax.operands.first else { return false }
        return v.word.map { IntegerRange.bounds($0) == nil } ?? false
    }
}
