// checkpoint NET [every=N] [keep=N]: weight snapshots for rewind, fork at= and dirs=pca.
import Lab
import Networks

struct CheckpointCommand: RunnableCommand {
    var net: String?
    var every = 100
    var keep: Int?

    static var declaration: Declaration<CheckpointCommand> {
        Declaration(
            "checkpoint", category: "Training", summary: "keep weight snapshots (for rewind, fork at=, dirs=pca)",
            changes: { [.net($0.net)] },
            examples: ["checkpoint a every=100"],
            .net(\.net),
            .option(\.every, "every", .positiveInteger, help: "steps between snapshots"),
            .option(
                \.keep, "keep", .positiveInteger, max: 1_000_000,
                default: "as many as fit in \(formatBytes(CheckpointLog().budgetBytes))", help: "most snapshots kept"))
    }

    func run(_ s: Session, _ c: Context<CheckpointCommand>) throws(RuntimeError) -> ExecutionStatus {
        let net = try s.workspace.net(self.net, at: c.span(\.net))
        net.checkpointEvery = every
        net.checkpointKeep = keep
        net.run?.checkpoints.every = every
        net.run?.checkpoints.limit = keep
        s.workspace.currentNet = net.name
        let limit = keep.map { "at most \($0) kept, " } ?? ""
        s.say(
            "\(net.name): a snapshot every \(every) steps (\(limit)within \(formatBytes(CheckpointLog().budgetBytes)); "
                + "when full, every other one is dropped and the interval doubles)")
        return .ok
    }
}
