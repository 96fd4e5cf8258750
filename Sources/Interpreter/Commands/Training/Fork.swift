// fork NET as NEW [at step=N]: weights, optimizer state and history copied into a new net.
import Lab

struct ForkCommand: RunnableCommand {
    var net: String?
    var new = ""
    var step: Int?

    static var declaration: Declaration<ForkCommand> {
        Declaration(
            "fork", category: "Training", summary: "copy weights, optimizer state and history into a new net",
            changes: { [.net($0.new)] },
            examples: ["fork a as b", "fork a as c at step=300"],
            .net(\.net),
            .slot(
                \.new, "new", .name(.net), keyword: "as", required: true, placeholder: "NEW",
                help: "the new net's name after 'as'"),
            .marker("at"),
            .option(
                \.step, "step", .nonNegativeInteger, default: "the net's current step",
                help: "branch from the snapshot at this step"))
    }

    func run(_ s: Session, _ c: Context<ForkCommand>) throws(RuntimeError) -> ExecutionStatus {
        let net = try s.workspace.net(self.net, at: c.span(\.net))
        guard new != net.name else {
            throw RuntimeError(TrainingRefusal.forkOntoItself(net: net.name), at: c.span(\.new))
        }
        let replaces = s.workspace.nets[new] != nil
        var forked: TrainingRun?
        if let run = net.run {
            forked = try rethrow(at: c.span(\.step)) { () throws -> TrainingRun in try run.fork(at: step) }
            forked?.history.branch = (net.name, forked?.step ?? 0)
        } else if let step {
            throw RuntimeError(TrainingRefusal.forkUntrained(net: net.name, step: step), at: c.span(\.step))
        }
        let child = net.duplicate(named: new, run: forked)
        s.workspace.nets[new] = child
        s.workspace.currentNet = new
        s.say(
            "\(new): forked from \(net.name) at step \(child.run?.step ?? 0)"
                + (replaces ? " (replacing the previous \(new))" : ""))
        return .ok
    }
}
