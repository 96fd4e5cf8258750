// reg NET [l2=X] [l1=X]: explicit penalties on the weights.

struct RegCommand: RunnableCommand {
    var net: String?
    var l2: Double?
    var l1: Double?

    static var declaration: Declaration<RegCommand> {
        Declaration(
            "reg", category: "Training setup", summary: "explicit regularization",
            changes: { [.net($0.net)] },
            examples: ["reg a l2=1e-4 l1=0"],
            .net(\.net),
            .option(\.l2, "l2", .nonNegativeNumber, default: "unchanged, 0 at first", help: "L2 penalty on the weights"),
            .option(\.l1, "l1", .nonNegativeNumber, default: "unchanged, 0 at first", help: "L1 penalty on the weights"))
    }

    func run(_ s: Session, _ c: Context<RegCommand>) throws(RuntimeError) -> ExecutionStatus {
        let net = try s.workspace.net(self.net, at: c.span(\.net))
        if let l2 { net.setup.optimizer.l2 = Float(l2) }
        if let l1 { net.setup.optimizer.l1 = Float(l1) }
        net.run?.optimizer.settings.l2 = net.setup.optimizer.l2
        net.run?.optimizer.settings.l1 = net.setup.optimizer.l1
        s.workspace.currentNet = net.name
        s.say("\(net.name): l2=\(short(net.setup.optimizer.l2)) l1=\(short(net.setup.optimizer.l1))")
        return .ok
    }
}
