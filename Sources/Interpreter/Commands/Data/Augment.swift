// augment DATA [shift=N] [scale=X] [noise=X]: training-time augmentation of the batches.
import Datasets
import Networks

struct AugmentCommand: RunnableCommand {
    var data: String?
    var shift = 0
    var scale = 0.0
    var noise = 0.0

    static var declaration: Declaration<AugmentCommand> {
        Declaration(
            "augment", category: "Data", summary: "training-time augmentation",
            examples: ["augment d shift=3 scale=0.1 noise=0.05"],
            .data(\.data),
            .option(\.shift, "shift", .nonNegativeInteger, help: "largest random shift, in samples"),
            .option(\.scale, "scale", .nonNegativeNumber, help: "largest relative random scaling"),
            .option(\.noise, "noise", .nonNegativeNumber, help: "standard deviation of added Gaussian noise"))
    }

    func run(_ s: Session, _ c: Context<AugmentCommand>) throws(RuntimeError) -> ExecutionStatus {
        var entry = try s.workspace.data(data, at: c.span(\.data))
        var a = Augmentation(noise: Float(noise), shift: shift, scale: Float(scale))
        // Shift and scale move and stretch a signal along its length; points of a 2D toy have
        // none, so there only the noise applies (said in a note rather than refused).
        let dropped = entry.full.isSignal ? [] : [a.shift > 0 ? "shift" : nil, a.scale > 0 ? "scale" : nil].compactMap { $0 }
        if !entry.full.isSignal { a.shift = 0; a.scale = 0 }
        try rethrow(at: c.span) { () throws in try a.validate(for: entry.sampleShape, isSignal: entry.full.isSignal) }
        entry.augmentation = a.isIdentity ? nil : a
        s.workspace.datasets[entry.name] = entry
        s.dropRuns(using: entry.name)
        var line =
            a.isIdentity
            ? "\(entry.name): no augmentation"
            : "\(entry.name): training batches augmented (shift \(a.shift), scale \(a.scale), noise \(a.noise))"
        if !dropped.isEmpty {
            line +=
                "\n\(dropped.joined(separator: " and ")) ignored: \(entry.name)'s examples are points "
                + "\(describeShape(entry.sampleShape)), not sequences; only noise applies"
        }
        s.say(line)
        return .ok
    }
}
