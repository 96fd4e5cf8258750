// noise DATA labels=P [seed=N]: a fraction of the training labels replaced by another class.

struct NoiseCommand: RunnableCommand {
    var data: String?
    var labels = 0.0
    var seed: Int?

    static var declaration: Declaration<NoiseCommand> {
        Declaration(
            "noise", category: "Data", summary: "add label noise to the training part",
            changes: { [.data($0.data)] },
            examples: ["noise d labels=0.15"],
            .data(\.data),
            .option(\.labels, "labels", .probability, required: true, help: "fraction of training labels to randomize"),
            .seed(\.seed))
    }

    func run(_ s: Session, _ c: Context<NoiseCommand>) throws(RuntimeError) -> ExecutionStatus {
        var entry = try s.workspace.data(data, at: c.span(\.data))
        let seed = s.seed(seed)
        try rethrow(at: c.span) { () throws in try entry.parts.setLabelNoise(fraction: labels, seed: seed) }
        s.workspace.datasets[entry.name] = entry
        s.dropRuns(using: entry.name)
        let changed = entry.parts.labelNoise?.rows.count ?? 0
        s.say("\(entry.name): \(changed) of \(entry.parts.train.count) training labels replaced by a different class")
        return .ok
    }
}
