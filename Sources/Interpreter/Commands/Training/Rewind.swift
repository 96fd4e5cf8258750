// rewind NET [to] [step=N]: back to a snapshot (the latest by default).

struct RewindCommand: RunnableCommand {
    var net: String?
    var step: Int?

    static var declaration: Declaration<RewindCommand> {
        Declaration(
            "rewind", category: "Training", summary: "go back to a snapshot",
            changes: { [.net($0.net)] },
            examples: ["rewind a to step=300"],
            .net(\.net), .marker("to"),
            .option(\.step, "step", .nonNegativeInteger, default: "the latest", help: "the snapshot's step"))
    }

    func run(_ s: Session, _ c: Context<RewindCommand>) throws(RuntimeError) -> ExecutionStatus {
        let net = try s.workspace.net(self.net, at: c.span(\.net))
        guard let run = net.run else { throw RuntimeError(TrainingRefusal.notTrained(net: net.name), at: c.span) }
        let target = step ?? run.checkpoints.steps.last ?? 0
        try rethrow(at: c.span(\.step)) { () throws in try run.rewind(to: target) }
        s.dropReplicas(net, because: "rewind")
        s.workspace.currentNet = net.name
        s.say("\(net.name): back at step \(run.step)")
        return .ok
    }
}
