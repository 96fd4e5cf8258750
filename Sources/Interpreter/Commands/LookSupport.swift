// What the looking commands (plot boundary/fit, hist, norms, compare, export) share: a net's
// weights and the data it looks at, its loss, readable layer names that match `show NET`'s
// numbering, and where a net's gradients come from (its last step, or a fresh batch).
import Datasets
import Diagnostics
import Lab
import Networks

/// A net ready to be looked at: its current weights and its dataset.
struct LookedNet {
    let entry: NetEntry
    let network: Network
    let data: DataEntry
    /// The loss it trains with (its own, else the data's default).
    let loss: Loss
}

/// A flat gradient vector and where it came from, for titles.
struct GradientSource {
    let values: [Float]
    /// "step 420" (the last step's gradients) or "untrained, batch of 256" (fresh ones).
    let caption: String
}

extension Session {
    /// Examples used for activations and fresh gradients.
    static let probeExamples = 256

    /// The net's current weights and the dataset it trained on (or was built for).
    func looked(_ net: NetEntry, at span: SourceSpan) throws(RuntimeError) -> LookedNet {
        guard let network = net.currentNetwork else {
            throw RuntimeError("\(net.name) has no weights yet: its input size comes from the first dataset it meets",
                               at: span, hint: "train it first: train \(net.name) on DATA")
        }
        guard let name = net.dataName, let data = workspace.datasets[name] else {
            throw RuntimeError("\(net.name) has not met any data yet", at: span, hint: "train it first: train \(net.name) on DATA")
        }
        let loss = net.run?.loss ?? net.setup.loss ?? (data.isClassification ? .crossEntropy : .meanSquared)
        try checkFits(net.name, network, data, loss, at: span)
        return LookedNet(entry: net, network: network, data: data, loss: loss)
    }

    /// Landscapes and sharpness measure a loss around the weights: weights holding NaN or ±∞
    /// (imported, say) have none to measure.
    func requireFiniteWeights(_ n: LookedNet, at span: SourceSpan) throws(RuntimeError) {
        guard let bad = TrainingRun.firstNonFiniteLayer(of: n.network) else { return }
        throw RuntimeError("\(n.entry.name)'s weights are not finite in layer \(bad.layer) (\(bad.summary)): there is no loss around them to measure",
                           at: span, hint: "reset \(n.entry.name), or rewind it to a step before the weights broke")
    }

    /// The data may have been redefined since the net was built: its shapes must still match.
    func checkFits(_ name: String, _ network: Network, _ data: DataEntry, _ loss: Loss, at span: SourceSpan) throws(RuntimeError) {
        let wanted = data.full.classCount ?? data.full.targetWidth
        let outputsFit = network.outputCount == wanted || (loss == .binaryCrossEntropy && network.outputCount == 1 && wanted <= 2)
        guard network.inputShape == data.sampleShape, outputsFit else {
            throw RuntimeError("\(name) was built for \(describeShape(network.inputShape)) → \(network.outputCount) outputs, "
                               + "but \(data.name) now has \(describeShape(data.sampleShape)) → "
                               + (data.full.classCount.map { "\($0) classes" } ?? "\(wanted) targets"),
                               at: span, hint: "define \(name) again for \(data.name)'s data")
        }
    }

    /// "3 dense 32": the layer's number as `show NET` prints it, and its summary.
    func layerTitle(_ network: Network, _ index: Int) -> String {
        "\(index + 1) \(network.layers[index].summary)"
    }

    /// The gradients of the last training step, or — for a net that has not taken one — the
    /// gradient on the first training examples, computed on a copy.
    func gradients(_ n: LookedNet, at span: SourceSpan) throws(RuntimeError) -> GradientSource {
        if let run = n.entry.run, run.step > 0 {
            return GradientSource(values: run.network.gradients.array, caption: "step \(run.step)")
        }
        let train = n.data.parts.train
        let values = try rethrow(at: span) { () throws -> [Float] in
            try n.network.freshGradients(on: train, loss: n.loss, limit: Self.probeExamples, seed: n.entry.seed)
        }
        let count = min(Self.probeExamples, train.count)
        return GradientSource(values: values, caption: "untrained, batch of \(count)")
    }

    /// "step 420", or "untrained".
    func stepCaption(_ net: NetEntry) -> String {
        guard let run = net.run, run.step > 0 else { return "untrained" }
        return "step \(run.step)"
    }
}
