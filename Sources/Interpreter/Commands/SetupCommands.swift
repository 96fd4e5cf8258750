// init, opt, loss, reg, schedule: the training setup stored on a net (shown by `show NET`) and
// applied to its run when it exists.
import Datasets
import Diagnostics
import Lab
import Language
import Networks

extension Session {
    /// The largest learning rate `opt` accepts (Float32 holds it exactly; larger ones only diverge).
    static let learningRateLimit = 1e6

    func initCommand(_ c: CommandContext) throws(RuntimeError) {
        let net = try workspace.net(try c.text("net"), at: c.span(of: "net"))
        let scheme: Initializer
        let file = try c.text("file")
        if file != nil, try c.text("scheme") != "from" {
            throw RuntimeError("a file goes with 'from'", at: c.span(of: "file"), hint: "init \(net.name) from \"\(file ?? "")\"")
        }
        switch try c.text("scheme") ?? "he" {
        case "from":
            guard let file else {
                throw RuntimeError("init from needs a file", at: c.span(of: "scheme"), hint: "init \(net.name) from \"\(net.name).safetensors\"")
            }
            return try loadWeights(net, from: file, c)
        case "xavier": scheme = .xavierNormal
        case "normal": scheme = .normal(std: Float(try c.number("std") ?? 0.1))
        default: scheme = .he
        }
        net.setup.initializer = scheme
        net.seed = try seed(c)
        try reinitialize(net, at: c.span)
        workspace.currentNet = net.name
        say("\(net.name): fresh weights (\(try c.text("scheme") ?? "he")), history cleared")
    }

    /// `init NET from "FILE"`: the weights of a safetensors file, checked against the net's
    /// layers (names and shapes); the run starts over from them.
    func loadWeights(_ net: NetEntry, from file: String, _ c: CommandContext) throws(RuntimeError) {
        guard let network = net.network else {
            throw RuntimeError("\(net.name) has no weights to replace yet: its input size comes from the first dataset it meets",
                               at: c.span, hint: "define the data first (data d = …), then: net \(net.name) = …")
        }
        let bytes = try readBytes(file, at: c.span(of: "file"), limit: 1 << 31)
        let loaded = Network(stack: network.stack)
        let meta: [String: String]
        do {
            let (tensors, metadata) = try Safetensors.decode(bytes, expecting: loaded)
            try Safetensors.load(tensors, into: loaded)
            meta = metadata
        } catch {
            let hint = if case .malformed = error { "Basin reads safetensors files, as 'export \(net.name) \"\(net.name).safetensors\"' writes them" }
                else { "the file must come from a net with the same layers: \(net.definitionText)" }
            throw RuntimeError("\(file): \(error.description)", at: c.span(of: "file"), hint: hint)
        }
        net.network = loaded
        net.run = nil
        dropReplicas(net, because: "init … from")
        workspace.currentNet = net.name
        let from = meta["step"].map { " (step \($0) of the run that wrote it)" } ?? ""
        say("\(net.name): \(loaded.parameterCount.formatted) parameters from \(file)\(from); history cleared")
    }

    /// Fresh weights with the net's scheme and seed; the run (and its history) starts over.
    func reinitialize(_ net: NetEntry, at span: SourceSpan) throws(RuntimeError) {
        net.run = nil
        net.replicas = []
        guard let network = net.network else { return }
        let fresh = Network(stack: network.stack)
        fresh.initialize(scheme: net.setup.initializer, seed: net.seed)
        net.network = fresh
    }

    func optCommand(_ c: CommandContext) throws(RuntimeError) {
        let net = try workspace.net(try c.text("net"), at: c.span(of: "net"))
        let kind = OptimizerKind(rawValue: try c.text("optimizer") ?? "adam") ?? .adam
        let lr = try c.number("lr") ?? (kind == .sgd ? 0.01 : 1e-3)
        guard lr <= Self.learningRateLimit else {
            throw RuntimeError("lr=\(NumberLiteral.format(lr)) is too large", at: c.span(of: "lr"),
                               hint: "learning rates above \(NumberLiteral.format(Self.learningRateLimit)) only diverge; try 0.1 or less")
        }
        var s = OptimizerSettings(kind: kind, learningRate: Float(lr))
        if let m = try c.number("momentum") { s.momentum = Float(m) }
        s.nesterov = c.isSet("nesterov")
        if s.nesterov && (kind != .sgd || s.momentum == 0) {
            throw RuntimeError("nesterov needs sgd with momentum", at: c.span, hint: "for example: opt \(net.name) sgd lr=0.1 momentum=0.9 nesterov")
        }
        if let b1 = try c.number("b1") { s.beta1 = Float(b1) }
        if let b2 = try c.number("b2") { s.beta2 = Float(b2) }
        if let e = try c.number("eps") { s.epsilon = Float(e) }
        if let wd = try c.number("wd") { s.weightDecay = Float(wd) }
        s.l2 = net.setup.optimizer.l2
        s.l1 = net.setup.optimizer.l1
        net.setup.optimizer = s
        if let run = net.run {
            if run.optimizer.settings.kind == kind { run.optimizer.settings = s }
            else { run.optimizer = Optimizer(settings: s, parameterCount: run.network.parameterCount) }
        }
        workspace.currentNet = net.name
        say("\(net.name): \(describe(s))")
    }

    func describe(_ s: OptimizerSettings) -> String {
        var parts = ["\(s.kind.rawValue) lr=\(short(s.learningRate))"]
        if s.momentum != 0 { parts.append("momentum=\(short(s.momentum))") }
        if s.nesterov { parts.append("nesterov") }
        if s.weightDecay != 0 { parts.append("wd=\(short(s.weightDecay))") }
        if s.l2 != 0 { parts.append("l2=\(short(s.l2))") }
        if s.l1 != 0 { parts.append("l1=\(short(s.l1))") }
        return parts.joined(separator: " ")
    }

    /// A Float as its shortest round-tripping text ("0.01", not 0.009999999776…).
    func short(_ v: Float) -> String {
        NumberLiteral.format(Double("\(v)") ?? Double(v))
    }

    func lossCommand(_ c: CommandContext) throws(RuntimeError) {
        let net = try workspace.net(try c.text("net"), at: c.span(of: "net"))
        let loss = Loss(rawValue: try c.text("kind") ?? "xent") ?? .crossEntropy
        net.setup.loss = loss
        net.run?.loss = loss
        workspace.currentNet = net.name
        say("\(net.name): loss \(loss.rawValue)")
    }

    func regCommand(_ c: CommandContext) throws(RuntimeError) {
        let net = try workspace.net(try c.text("net"), at: c.span(of: "net"))
        if let l2 = try c.number("l2") { net.setup.optimizer.l2 = Float(l2) }
        if let l1 = try c.number("l1") { net.setup.optimizer.l1 = Float(l1) }
        net.run?.optimizer.settings.l2 = net.setup.optimizer.l2
        net.run?.optimizer.settings.l1 = net.setup.optimizer.l1
        workspace.currentNet = net.name
        say("\(net.name): l2=\(short(net.setup.optimizer.l2)) l1=\(short(net.setup.optimizer.l1))")
    }

    func scheduleCommand(_ c: CommandContext) throws(RuntimeError) {
        let net = try workspace.net(try c.text("net"), at: c.span(of: "net"))
        let warmup = try c.int("warmup") ?? 0
        let shape: Schedule.Shape
        switch try c.text("kind") ?? "constant" {
        case "step":
            // `every` counts epochs; converted to steps when the run knows its epoch length.
            shape = .step(every: try c.int("every") ?? 10, gamma: Float(try c.number("gamma") ?? 0.5))
        case "cosine": shape = .cosine(floor: 0)
        default: shape = .constant
        }
        net.setup.schedule = Schedule(shape, warmup: warmup)
        if let run = net.run { run.schedule = stepSchedule(net.setup.schedule, run) }
        workspace.currentNet = net.name
        say("\(net.name): schedule \(scheduleText(net.setup.schedule))")
    }

    /// "step every=10 gamma=0.5 warmup=100" (every counts epochs).
    func scheduleText(_ s: Schedule) -> String {
        var text: String
        switch s.shape {
        case .step(let every, let gamma): text = "step every=\(every) gamma=\(short(gamma))"
        case .cosine: text = "cosine"
        default: text = "constant"
        }
        if s.warmup > 0 { text += " warmup=\(s.warmup)" }
        return text
    }

    /// The stored schedule with `step every=` converted from epochs to the run's steps.
    func stepSchedule(_ s: Schedule, _ run: TrainingRun) -> Schedule {
        guard case .step(let every, let gamma) = s.shape else { return s }
        return Schedule(.step(every: every * run.stepsPerEpoch, gamma: gamma), warmup: s.warmup)
    }
}

