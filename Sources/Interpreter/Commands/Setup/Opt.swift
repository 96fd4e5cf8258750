// opt NET sgd|adam|adamw|rmsprop [lr=X] …: the optimizer and its settings.
import Language
import Networks

extension OptimizerKind: OperandChoice {}

struct OptCommand: RunnableCommand {
    var net: String?
    var optimizer = OptimizerKind.adam
    var lr: Double?
    var momentum: Double?
    var nesterov = false
    var b1: Double?
    var b2: Double?
    var eps: Double?
    var wd: Double?

    /// The largest learning rate `opt` accepts (Float32 holds it exactly; larger ones only diverge).
    static let learningRateLimit = 1e6

    static var declaration: Declaration<OptCommand> {
        let defaults = OptimizerSettings(kind: .adam, learningRate: 0)
        return Declaration(
            "opt", category: "Training setup", summary: "choose the optimizer and its settings",
            changes: { [.net($0.net)] },
            examples: [
                "opt a sgd lr=0.1 momentum=0.9 nesterov", "opt a adam lr=1e-3 b1=0.9 b2=0.999",
                "opt a adamw wd=1e-2", "opt a rmsprop",
            ],
            .net(\.net),
            .slot(
                \.optimizer, "optimizer", required: true,
                help: "an optimizer: " + ValueType.list(OptimizerKind.allCases.map(\.rawValue))),
            .option(
                \.lr, "lr", .positiveNumber,
                default: "\(short(OptimizerSettings.defaultLearningRate(.sgd))) for sgd, "
                    + "\(short(OptimizerSettings.defaultLearningRate(.adam))) otherwise",
                help: "learning rate"),
            .option(\.momentum, "momentum", .probability, default: short(defaults.momentum), help: "momentum (sgd, rmsprop)"),
            .flag(\.nesterov, "nesterov", help: "Nesterov momentum (sgd)"),
            .option(\.b1, "b1", .probability, default: short(defaults.beta1), help: "first-moment decay (adam, adamw)"),
            .option(\.b2, "b2", .probability, default: short(defaults.beta2), help: "second-moment decay (adam, adamw)"),
            .option(\.eps, "eps", .positiveNumber, default: short(defaults.epsilon), help: "denominator guard"),
            .option(
                \.wd, "wd", .nonNegativeNumber,
                default: "\(short(OptimizerSettings(kind: .adamw, learningRate: 0).weightDecay)) for adamw, 0 otherwise",
                help: "decoupled weight decay (adamw)"))
    }

    func run(_ s: Session, _ c: Context<OptCommand>) throws(RuntimeError) -> ExecutionStatus {
        let net = try s.workspace.net(self.net, at: c.span(\.net))
        let lr = self.lr ?? Double(OptimizerSettings.defaultLearningRate(optimizer))
        guard lr <= Self.learningRateLimit else {
            throw RuntimeError(SetupRefusal.learningRateTooLarge(lr: lr, limit: Self.learningRateLimit), at: c.span(\.lr))
        }
        var settings = OptimizerSettings(kind: optimizer, learningRate: Float(lr))
        if let momentum { settings.momentum = Float(momentum) }
        settings.nesterov = nesterov
        if nesterov && (optimizer != .sgd || settings.momentum == 0) {
            throw RuntimeError(SetupRefusal.nesterovNeedsMomentum(net: net.name), at: c.span)
        }
        if let b1 { settings.beta1 = Float(b1) }
        if let b2 { settings.beta2 = Float(b2) }
        if let eps { settings.epsilon = Float(eps) }
        if let wd { settings.weightDecay = Float(wd) }
        settings.l2 = net.setup.optimizer.l2
        settings.l1 = net.setup.optimizer.l1
        net.setup.optimizer = settings
        if let run = net.run {
            if run.optimizer.settings.kind == optimizer {
                run.optimizer.settings = settings
            } else {
                run.optimizer = Optimizer(settings: settings, parameterCount: run.network.parameterCount)
            }
        }
        s.workspace.currentNet = net.name
        s.say("\(net.name): \(describe(settings))")
        return .ok
    }
}
