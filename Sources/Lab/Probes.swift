// Looking inside a network without training it: predictions on arbitrary inputs (decision
// regions, regression curves), every layer's output on a batch (activation histograms), the
// loss gradient on a batch (gradient histograms and norms of a net that never trained), and
// per-layer norms of a flat vector. Evaluation mode throughout, except the gradient, which is
// computed as a training step would — on a copy, so weights, running statistics and the
// network's own `gradients` stay exactly as they were.
import Datasets
import Kernels
import Networks

extension Network {
    /// Examples per forward pass when predicting.
    static let predictionChunk = 1024

    /// Outputs [N × outputCount] for inputs [N × inputCount] (evaluation mode, in chunks).
    /// Empty when `inputs` holds fewer than `count` examples.
    public func predictions(_ inputs: [Float], count: Int) -> [Float] {
        guard count > 0, inputs.count >= count * inputCount else { return [] }
        let chunk = Swift.min(count, Self.predictionChunk)
        let workspace = Workspace(network: self, capacity: chunk)
        var out = [Float](repeating: 0, count: count * outputCount)
        var rng = RNG(seed: 0)
        inputs.withUnsafeBufferPointer { src in
            guard let x = src.baseAddress else { return }
            var start = 0
            while start < count {
                let n = Swift.min(chunk, count - start)
                let y = forward(x + start * inputCount, batch: n, workspace: workspace, training: false, rng: &rng)
                for k in 0..<(n * outputCount) { out[start * outputCount + k] = y[k] }
                start += n
            }
        }
        return out
    }

    /// Each top-level layer's output [n × outputCount(i)] on the first n ≤ `limit` examples of
    /// `data` (evaluation mode: dropout off, running statistics), in PyTorch's order: a [C, L]
    /// output is converted from its channels-last storage to channel-major. Empty when the shapes differ.
    public func layerOutputs(on data: Dataset, limit: Int = 256) -> [[Float]] {
        let n = Swift.min(Swift.max(limit, 0), data.count)
        guard n > 0, data.featureCount == inputCount else { return [] }
        let workspace = Workspace(network: self, capacity: n)
        var rng = RNG(seed: 0)
        let ran: Bool = data.inputs.withUnsafeBufferPointer { src in
            guard let x = src.baseAddress else { return false }
            forward(x, batch: n, workspace: workspace, training: false, rng: &rng)
            return true
        }
        guard ran else { return [] }
        return layers.indices.map { i in
            let y = stack.layerOutput(i, batch: n, workspace: workspace.buffer.base)
            let count = layers[i].outputCount * n
            guard let view = ChannelView.transposed(layers[i].outputShape) else {
                return Array(UnsafeBufferPointer(start: y, count: count))
            }
            return [Float](unsafeUninitializedCapacity: count) { out, filled in
                guard let base = out.baseAddress else { filled = 0; return }
                view.toChannelMajor(batch: n, y, into: base)
                filled = count
            }
        }
    }

    /// dLoss/dParameters [parameterCount] on the first n ≤ `limit` examples of `data`, as one
    /// training step would compute it (training mode, dropout seeded by `seed`), on a copy.
    public func freshGradients(on data: Dataset, loss: Loss, limit: Int = 256, seed: UInt64 = 0) throws(LabError) -> [Float] {
        let n = Swift.min(Swift.max(limit, 0), data.count)
        guard n > 0 else { throw .noExamples(data: data.name) }
        guard data.featureCount == inputCount else {
            throw .inputMismatch(
                data: data.name, features: data.featureCount, sampleShape: nil, inputs: inputCount, inputShape: nil)
        }
        try TrainingRun.checkTargets(self, data, loss)
        let probe = copy()
        let buffers = BatchBuffers(network: probe, data: data, capacity: n)
        buffers.gatherRange(0, n, from: data)
        var rng = RNG(seed: seed, stream: "dropout")
        let out = probe.forward(buffers.x.base, batch: n, workspace: buffers.workspace, training: true, rng: &rng)
        let dy = probe.outputGradient(batch: n, workspace: buffers.workspace)
        _ = loss.evaluate(logits: out, targets: buffers.targets, batch: n, outputs: outputCount, gradient: dy)
        probe.gradients.zero()
        probe.backward(buffers.x.base, batch: n, workspace: buffers.workspace, training: true, rng: &rng)
        return probe.gradients.array
    }

    /// Indices of the top-level layers that have parameters.
    public var parametricLayers: [Int] { layers.indices.filter { layers[$0].parameterCount > 0 } }

    /// The L2 norm of each parametric top-level layer's slice of a flat vector laid out like the
    /// parameters (the weights themselves, or gradients). NaN when `flat` is too short.
    public func layerNorms(of flat: [Float]) -> [Double] {
        parametricLayers.map { i in
            let start = stack.parameterOffsets[i], end = start + layers[i].parameterCount
            guard end <= flat.count else { return .nan }
            var sum = 0.0
            for k in start..<end { sum += Double(flat[k]) * Double(flat[k]) }
            return sum.squareRoot()
        }
    }
}
