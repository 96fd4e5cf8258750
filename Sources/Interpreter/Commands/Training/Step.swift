// step NET N: exactly N optimizer steps, then a one-line status.

struct StepCommand: RunnableCommand {
    var net: String?
    var count = 1

    static var declaration: Declaration<StepCommand> {
        Declaration(
            "step", category: "Training", summary: "exactly N optimizer steps, then a one-line status", runsLong: true,
            changes: { [.net($0.net)] },
            examples: ["step a 10"],
            .net(\.net),
            .slot(\.count, "count", .positiveInteger, placeholder: "N", max: 1_000_000_000, help: "the number of steps"))
    }

    func run(_ s: Session, _ c: Context<StepCommand>) throws(RuntimeError) -> ExecutionStatus {
        let net = try s.workspace.net(self.net, at: c.span(\.net))
        s.dropReplicas(net, because: "step")
        let run = try s.ensureRun(net, data: nil, at: c.span)
        s.workspace.currentNet = net.name
        let report = s.drive(run, budget: .steps(count), title: "step \(net.name)", net: net)
        let loss = run.history.stepLosses.last.map { fmt(Double($0)) } ?? "–"
        var line = "\(net.name): step \(run.step) · batch loss \(loss) · lr \(short(run.optimizer.settings.learningRate))"
        if case .diverged(let step, let cause) = report.reason { line += "\nstopped at step \(step): \(cause.wording)" }
        if case .cancelled = report.reason { line += "\nstopped by Ctrl-C after \(report.steps) steps" }
        s.say(line + s.thinningNote(net, run))
        return .ok
    }
}
