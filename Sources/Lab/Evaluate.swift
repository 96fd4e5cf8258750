// Evaluation in inference mode (dropout off, batch-norm running statistics) over a whole
// dataset in chunks, and the per-layer statistics recorded with each evaluation.
import Datasets
import Kernels
import Networks

extension TrainingRun {
    /// Examples per forward pass during evaluation: large enough for efficient products, small
    /// enough that a CNN's activations stay within a few MiB.
    static let evaluationChunk = 256
    /// The most workspace one evaluation pass may use (a transformer's activations per example are
    /// large: fewer examples per pass keep a lesson's memory small).
    static let evaluationWorkspaceBytes = 4 << 20

    /// Examples per evaluation pass for `network`: `evaluationChunk`, fewer (down to 16) when its
    /// activations would exceed `evaluationWorkspaceBytes`.
    static func evaluationChunk(for network: Network) -> Int {
        let perExample = max(network.stack.workspace.perExample * 4, 1)
        return Swift.min(evaluationChunk, Swift.max(16, evaluationWorkspaceBytes / perExample))
    }

    /// Loss and accuracy of the network on `data` (evaluation mode; weights untouched).
    public func evaluate(_ data: Dataset) -> Evaluation {
        let limit = Self.evaluationChunk(for: network)
        let chunk = min(limit, data.count)
        if let b = evaluationBuffers, b.capacity >= chunk, b.features == data.featureCount,
            b.isClassification == (data.classCount != nil), b.outputs == data.targetWidth,
            b.positions == data.positions
        {
            return Self.evaluate(network, on: data, loss: loss, buffers: b)
        }
        let b = BatchBuffers(network: network, data: data, capacity: Swift.max(chunk, Swift.min(limit, Self.evaluationChunk / 4)))
        evaluationBuffers = b
        return Self.evaluate(network, on: data, loss: loss, buffers: b)
    }

    /// Loss and accuracy of any network on `data` in evaluation mode.
    public static func evaluate(_ network: Network, on data: Dataset, loss: Loss) -> Evaluation {
        let buffers = BatchBuffers(network: network, data: data, capacity: min(evaluationChunk(for: network), data.count))
        return evaluate(network, on: data, loss: loss, buffers: buffers)
    }

    static func evaluate(_ network: Network, on data: Dataset, loss: Loss, buffers: BatchBuffers) -> Evaluation {
        let chunk = min(buffers.capacity, data.count)
        var rng = RNG(seed: 0)
        var total = 0.0, correct = 0, start = 0
        while start < data.count {
            let n = min(chunk, data.count - start)
            buffers.gatherRange(start, n, from: data)
            let out = network.forward(buffers.x.base, batch: n, workspace: buffers.workspace, training: false, rng: &rng)
            let r = loss.evaluate(logits: out, targets: buffers.targets, batch: n, outputs: network.outputCount, gradient: nil)
            total += r.loss * Double(n)
            correct += r.correct
            start += n
        }
        let count = max(data.count, 1)
        let accuracy: Double? = data.classCount != nil ? Double(correct) / Double(count) : nil
        return Evaluation(loss: total / Double(count), accuracy: accuracy, count: data.count)
    }

    /// The evaluation of the weights the network holds now: the record of the step early
    /// stopping restored, else the last record if it was taken at the current step.
    public var currentEvaluation: EvalRecord? {
        let at = restoredStep ?? step
        return history.evals.last { $0.step == at }
    }

    /// Evaluates on the training and validation data, appends the record and layer statistics.
    @discardableResult
    func recordEvaluation() -> EvalRecord {
        let t = evaluate(train)
        let v = validation.map { evaluate($0) }
        let record = EvalRecord(
            step: step, epoch: epoch, trainLoss: t.loss, trainAccuracy: t.accuracy,
            validationLoss: v?.loss, validationAccuracy: v?.accuracy)
        history.evals.append(record)
        history.layerStats.append(layerStatistics())
        return record
    }

    /// Weight and gradient norms and histograms of each parametric top-level layer (gradients of
    /// the last step).
    public func layerStatistics() -> LayerStats {
        let (w, g) = layerNorms()
        return LayerStats(
            step: step, weightNorms: w, gradientNorms: g,
            weightHistograms: layerHistograms(of: network.parameters),
            gradientHistograms: layerHistograms(of: network.gradients))
    }

    /// Each parametric top-level layer's weight and gradient norms, without the histograms
    /// `layerStatistics` adds (a live dashboard draws its own, of the weights only).
    public func layerNorms() -> (weights: [Double], gradients: [Double]) {
        var w: [Double] = [], g: [Double] = []
        for (i, layer) in network.layers.enumerated() where layer.parameterCount > 0 {
            let off = network.stack.parameterOffsets[i], n = layer.parameterCount
            w.append(Vec.norm(n, network.parameters.base + off))
            g.append(Vec.norm(n, network.gradients.base + off))
        }
        return (w, g)
    }

    /// "layer 3 (dense 100)" for the first top-level layer of `network` with a NaN or ±∞ in
    /// `buffer` (laid out like its parameters; its own weights when nil), if any.
    public static func firstNonFiniteLayer(of network: Network, in buffer: FloatBuffer? = nil) -> (layer: Int, summary: String)? {
        let values = buffer ?? network.parameters
        for (i, layer) in network.layers.enumerated() where layer.parameterCount > 0 {
            let off = network.stack.parameterOffsets[i]
            if !Vec.allFinite(layer.parameterCount, values.base + off) { return (i + 1, layer.summary) }
        }
        return nil
    }

    func firstNonFinite(_ buffer: FloatBuffer) -> (layer: Int, summary: String) {
        Self.firstNonFiniteLayer(of: network, in: buffer) ?? (0, "")
    }

    /// Names the first layer whose output went non-finite in the last forward pass.
    func nonFiniteForward(batch b: Int, loss value: Double) -> Divergence {
        let ws = buffers.workspace.buffer.base
        for (i, layer) in network.layers.enumerated() {
            let y = network.stack.layerOutput(i, batch: b, workspace: ws)
            if !Vec.allFinite(layer.outputCount * b, y) { return .nonFiniteOutput(layer: i + 1, summary: layer.summary) }
        }
        return .nonFiniteLoss(value)
    }
}
