// loss NET xent|mse|bce: the loss (default: from the data).
import Language
import Networks

extension Loss: OperandChoice {}

struct LossCommand: RunnableCommand {
    var net: String?
    var kind = Loss.crossEntropy

    static var declaration: Declaration<LossCommand> {
        Declaration(
            "loss", category: "Training setup", summary: "choose the loss (default: from the data)",
            changes: { [.net($0.net)] },
            examples: ["loss a xent", "loss a mse"],
            .net(\.net),
            .slot(\.kind, "kind", required: true, help: "a loss: " + ValueType.list(Loss.allCases.map(\.rawValue))))
    }

    func run(_ s: Session, _ c: Context<LossCommand>) throws(RuntimeError) -> ExecutionStatus {
        let net = try s.workspace.net(self.net, at: c.span(\.net))
        net.setup.loss = kind
        net.run?.loss = kind
        s.workspace.currentNet = net.name
        s.say("\(net.name): loss \(kind.rawValue)")
        return .ok
    }
}
