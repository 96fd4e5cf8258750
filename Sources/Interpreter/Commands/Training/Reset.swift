// reset NET [seed=N]: fresh weights, history cleared.

struct ResetCommand: RunnableCommand {
    var net: String?
    var seed: Int?

    static var declaration: Declaration<ResetCommand> {
        Declaration(
            "reset", category: "Training", summary: "fresh weights, history cleared",
            changes: { [.net($0.net)] },
            examples: ["reset a seed=3"],
            .net(\.net), .seed(\.seed))
    }

    func run(_ s: Session, _ c: Context<ResetCommand>) throws(RuntimeError) -> ExecutionStatus {
        let net = try s.workspace.net(self.net, at: c.span(\.net))
        net.seed = s.seed(seed)
        try s.reinitialize(net, at: c.span)
        s.workspace.currentNet = net.name
        s.say("\(net.name): fresh weights (seed \(net.seed)), history cleared")
        return .ok
    }
}
