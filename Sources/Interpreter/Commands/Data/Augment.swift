// augment DATA [shift=N] [scale=X] [noise=X] [flip] [rotate=DEG] [crop=PX]: training-time
// augmentation of the batches.
import Datasets
import Language
import Networks

struct AugmentCommand: RunnableCommand {
    var data: String?
    var shift = 0
    var scale = 0.0
    var noise = 0.0
    var flip = false
    var rotate = 0.0
    var crop = 0

    static var declaration: Declaration<AugmentCommand> {
        Declaration(
            "augment", category: "Data", summary: "training-time augmentation",
            changes: { [.data($0.data)] },
            examples: ["augment d shift=3 scale=0.1 noise=0.05", "augment img flip rotate=15 crop=2"],
            details: "Each training batch is drawn afresh: validation and test examples are never augmented. "
                + "shift and scale move and stretch 1D signals; flip, rotate and crop move the pixels of images [C×H×W]; "
                + "noise applies to any data.",
            .data(\.data),
            .option(\.shift, "shift", .nonNegativeInteger, help: "largest random shift, in samples"),
            .option(\.scale, "scale", .nonNegativeNumber, help: "largest relative random scaling"),
            .option(\.noise, "noise", .nonNegativeNumber, help: "standard deviation of added Gaussian noise"),
            .flag(\.flip, "flip", help: "mirror images left–right, half of the time"),
            .option(
                \.rotate, "rotate", .nonNegativeNumber, max: Int(Augmentation.maxRotation),
                help: "largest random rotation of images, in degrees"),
            .option(\.crop, "crop", .nonNegativeInteger, help: "largest random move of images, in pixels (pad and crop)"))
    }

    func run(_ s: Session, _ c: Context<AugmentCommand>) throws(RuntimeError) -> ExecutionStatus {
        var entry = try s.workspace.data(data, at: c.span(\.data))
        guard rotate <= Double(Augmentation.maxRotation) else {
            throw RuntimeError(
                DatasetRefusal.rotationTooLarge(rotate: rotate, limit: Int(Augmentation.maxRotation)), at: c.span(\.rotate))
        }
        var a = Augmentation(
            noise: Float(noise), shift: shift, scale: Float(scale), flip: flip, rotate: Float(rotate), crop: crop)
        // Shift and scale move and stretch a signal along its length; points of a 2D toy have
        // none, so there only the noise applies (said in a note rather than refused). Images
        // have flip, rotate and crop instead, and are told so.
        let isImage = entry.sampleShape.count == 3
        if isImage && shift > 0 {
            throw RuntimeError(
                DatasetRefusal.shiftOfImages(data: entry.name, shape: entry.sampleShape, shift: shift), at: c.span(\.shift))
        }
        let points = !entry.full.isSignal && !isImage
        let dropped = points ? [a.shift > 0 ? "shift" : nil, a.scale > 0 ? "scale" : nil].compactMap { $0 } : []
        if points { a.shift = 0; a.scale = 0 }
        try rethrow(at: c.span) { () throws in try a.validate(for: entry.sampleShape, isSignal: entry.full.isSignal) }
        entry.augmentation = a.isIdentity ? nil : a
        s.workspace.datasets[entry.name] = entry
        s.dropRuns(using: entry.name)
        var line =
            a.isIdentity
            ? "\(entry.name): no augmentation"
            : "\(entry.name): training batches augmented (\(a.description))"
        if !dropped.isEmpty {
            line +=
                "\n\(dropped.joined(separator: " and ")) ignored: \(entry.name)'s examples are points "
                + "\(describeShape(entry.sampleShape)), not sequences; only noise applies"
        }
        s.say(line)
        return .ok
    }
}
