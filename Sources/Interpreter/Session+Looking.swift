// What the looking commands (plot boundary/fit, hist, norms, compare, export, landscape, sharpness)
// share: a net's weights and the data it looks at, its loss, readable layer names that match
// `show NET`'s numbering, where a net's gradients come from (its last step, or a fresh batch), and
// sharpness measured as a cancellable command with progress, kept on the net with a fingerprint
// of the weights it belongs to (compare shows the kept value while the weights are unchanged).
import Charts
import Datasets
import Diagnostics
import Foundation
import Kernels
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

    /// One part of the data a net trained on, as `eval`, `explain` and `export … predictions` read
    /// it: `chosen`, else val when there is one, else train; a net trained on a fold reads its
    /// fold's parts. Reading the locked test part is recorded as a peek by `reader`.
    func part(
        _ chosen: EvalCommand.Part?, of net: NetEntry, _ data: DataEntry, reader: String, at span: SourceSpan
    ) throws(RuntimeError) -> (part: EvalCommand.Part, examples: Dataset) {
        let part = chosen ?? (data.parts.validation.count > 0 ? .val : .train)
        switch part {
        case .train: return (part, net.run?.train ?? data.parts.train)
        case .val: return (part, net.run?.validation ?? data.parts.validation)
        case .test:
            guard data.parts.testCount > 0 else {
                throw RuntimeError(TrainingRefusal.emptyPart(data: data.name, part: "test"), at: span)
            }
            return (part, data.parts.test(peekedBy: reader))
        }
    }

    /// Says that the locked test part of `data` was read (the count of peeks so far).
    func sayPeek(_ data: DataEntry) {
        say("peek \(data.parts.peeks.count) at \(data.name)'s locked test part (recorded; 'show \(data.name)' counts them)")
    }

    /// The net's current weights and the dataset it trained on (or was built for).
    func looked(_ net: NetEntry, at span: SourceSpan) throws(RuntimeError) -> LookedNet {
        guard let network = net.currentNetwork else {
            throw RuntimeError(TrainingRefusal.noWeightsToLook(net: net.name), at: span)
        }
        guard let name = net.dataName, let data = workspace.datasets[name] else {
            throw RuntimeError(TrainingRefusal.metNoData(net: net.name), at: span)
        }
        let loss = net.run?.loss ?? net.setup.loss ?? (data.isClassification ? .crossEntropy : .meanSquared)
        try checkFits(net.name, network, data, loss, at: span)
        return LookedNet(entry: net, network: network, data: data, loss: loss)
    }

    /// Landscapes and sharpness measure a loss around the weights: weights holding NaN or ±∞
    /// (imported, say) have none to measure.
    func requireFiniteWeights(_ n: LookedNet, at span: SourceSpan) throws(RuntimeError) {
        guard let bad = TrainingRun.firstNonFiniteLayer(of: n.network) else { return }
        throw RuntimeError(
            TrainingRefusal.nonFiniteWeights(net: n.entry.name, layer: bad.layer, summary: bad.summary), at: span)
    }

    /// The data may have been redefined since the net was built: its shapes must still match.
    func checkFits(_ name: String, _ network: Network, _ data: DataEntry, _ loss: Loss, at span: SourceSpan) throws(RuntimeError)
    {
        let wanted = data.outputsWanted
        let outputsFit = network.outputCount == wanted || (loss == .binaryCrossEntropy && network.outputCount == 1 && wanted <= 2)
        guard network.inputShape == data.sampleShape, outputsFit else {
            throw RuntimeError(
                TrainingRefusal.dataChanged(
                    net: name, inputShape: network.inputShape, outputs: network.outputCount, data: data.name,
                    sampleShape: data.sampleShape, targets: TargetSummary(data)), at: span)
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

/// A sharpness value and the weights it belongs to (`epsilon`: Keskar's ε-sharpness, in %).
struct SharpnessRecord {
    var value: Double
    var fingerprint: [Double]
    var epsilon: Double? = nil
}

/// The extreme eigenvalues of the last `hessian NET`, and the weights they belong to.
struct SpectrumRecord {
    var smallest: Double
    var largest: Double
    var fingerprint: [Double]
}

extension Session {
    /// Runs `measure` on the net's full-data gradient as a cancellable command whose progress is
    /// counted in iterations (`report(i, value)` when `live`); the last update is kept on screen.
    func iterating<R>(
        _ n: LookedNet, title: String, iterations: Int, live: Bool, detail: @escaping (Double) -> String,
        _ measure: (FullGradient, RunControl, @escaping (Int, Double) -> Void) -> R
    ) -> R {
        let control = RunControl()
        activeRun.begin(control)
        defer { activeRun.end(control) }
        let gradient = FullGradient(network: n.network, data: n.data.parts.train, loss: n.loss)
        let clock = ContinuousClock(), start = clock.now
        var last: LiveUpdate?
        let r = measure(gradient, control) { [host] i, value in
            guard live else { return }
            let update = LiveUpdate(
                title: "\(title) \(n.entry.name)", netName: n.entry.name,
                progress: .counting(done: i, planned: iterations, elapsed: Self.seconds(clock.now - start), value: value),
                unit: .counted("iterations"), detail: detail(value))
            last = update
            host.progress(update)
        }
        if let last { host.finishedProgress(last) }
        return r
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// Runs the power iteration (cancellable; progress per iteration when `live`) and caches a
    /// finished result on the net.
    func measureSharpness(_ n: LookedNet, iterations: Int, tolerance: Double, seed: UInt64 = 0, live: Bool) -> SharpnessResult {
        let r = iterating(
            n, title: "sharpness", iterations: iterations, live: live,
            detail: { "λ ≈ \(Table.number($0, significant: 4))" }
        ) { gradient, control, report in
            Sharpness.topEigenvalue(
                gradient, iterations: iterations, tolerance: tolerance, seed: seed, cancel: control, onIteration: report)
        }
        if !r.cancelled, r.eigenvalue.isFinite {
            n.entry.sharpness = SharpnessRecord(value: r.eigenvalue, fingerprint: fingerprint(n.network))
        }
        return r
    }

    /// Identifies a net's weights cheaply: count, sum and norm of its parameters and state.
    func fingerprint(_ network: Network) -> [Double] {
        let p = network.parameters, s = network.state
        return [Double(p.count), Vec.sum(p.count, p.base), Vec.norm(p.count, p.base), Vec.sum(s.count, s.base)]
    }

    /// compare's sharpness cell: the cached value when the weights are unchanged, else measured
    /// now (and cached). nil for a net that has nothing to measure. `cached` says which.
    func compareSharpness(_ net: NetEntry, at span: SourceSpan) -> (value: Double, cached: Bool)? {
        guard let n = try? looked(net, at: span) else { return nil }
        if let s = net.sharpness, s.fingerprint == fingerprint(n.network) { return (s.value, true) }
        let r = measureSharpness(
            n, iterations: SharpnessCommand.defaultIterations, tolerance: SharpnessCommand.defaultTolerance,
            live: false)
        return r.cancelled || !r.eigenvalue.isFinite ? nil : (r.eigenvalue, false)
    }
}
