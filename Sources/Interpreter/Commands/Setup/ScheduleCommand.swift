// schedule NET constant|step|cosine [every=N] [gamma=X] [warmup=N]: the learning-rate schedule.
import Networks

struct ScheduleCommand: RunnableCommand {
    enum Kind: String, OperandChoice { case constant, step, cosine }

    var net: String?
    var kind = Kind.constant
    var every = 10
    var gamma = 0.5
    var warmup = 0

    static var declaration: Declaration<ScheduleCommand> {
        Declaration(
            "schedule", category: "Training setup", summary: "learning-rate schedule",
            changes: { [.net($0.net)] },
            examples: ["schedule a cosine", "schedule a step every=10 gamma=0.5 warmup=100", "schedule a constant warmup=100"],
            .net(\.net),
            .slot(\.kind, "kind", required: true, help: "a schedule: constant, step or cosine"),
            .option(\.every, "every", .positiveInteger, help: "epochs between decays (step)"),
            .option(\.gamma, "gamma", .positiveNumber, help: "factor per decay (step)"),
            .option(\.warmup, "warmup", .nonNegativeInteger, help: "linear warm-up steps"))
    }

    func run(_ s: Session, _ c: Context<ScheduleCommand>) throws(RuntimeError) -> ExecutionStatus {
        let net = try s.workspace.net(self.net, at: c.span(\.net))
        let shape: Schedule.Shape =
            switch kind {
            // `every` counts epochs; converted to steps when the run knows its epoch length.
            case .step: .step(every: every, gamma: Float(gamma))
            case .cosine: .cosine(floor: 0)
            case .constant: .constant
            }
        net.setup.schedule = Schedule(shape, warmup: warmup)
        if let run = net.run { run.schedule = s.stepSchedule(net.setup.schedule, run) }
        s.workspace.currentNet = net.name
        s.say("\(net.name): schedule \(s.scheduleText(net.setup.schedule))")
        return .ok
    }
}
