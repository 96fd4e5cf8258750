// The gradient of the mean loss over a whole dataset at any weight vector, for Hessian-vector
// products (Sharpness.swift). Evaluation mode (dropout off, batch-norm running statistics), so
// the loss is one deterministic function of the weights and its Hessian is well defined.
//
// Work is split over threads by a fixed assignment of chunks to workers, each with its own copy
// of the network and buffers; per-chunk Float32 gradients are accumulated in Double, weighted by
// the chunk's share of the data. The result does not depend on thread timing.
import Datasets
import Dispatch
import Kernels
import Networks

public final class FullGradient: @unchecked Sendable {
    public let network: Network
    public let data: Dataset
    public let loss: Loss
    let workers: [GradientWorker]
    let chunk: Int

    /// `network`'s current weights are the origin w₀ of `gradient(along:step:)`.
    public init(network: Network, data: Dataset, loss: Loss, threads: Int = 2, chunk: Int = 256) {
        self.network = network
        self.data = data
        self.loss = loss
        self.chunk = max(1, min(chunk, data.count))
        let chunks = (data.count + self.chunk - 1) / self.chunk
        workers = (0..<max(1, min(threads, chunks))).map { _ in
            GradientWorker(network: network, data: data, capacity: min(chunk, max(data.count, 1)))
        }
    }

    public var parameterCount: Int { network.parameterCount }

    /// ∇L at w₀ + s·v (v nil: at w₀), the mean loss there, and the offset from w₀ the Float32
    /// weights actually received (s·v rounded, coordinate by coordinate).
    public func gradient(along v: [Float]? = nil, step s: Float = 0) -> (gradient: [Double], loss: Double, offset: [Double]) {
        let n = data.count, chunks = (n + chunk - 1) / chunk, count = workers.count
        DispatchQueue.concurrentPerform(iterations: count) { t in
            let worker = workers[t]
            worker.setWeights(network.parameters, along: v, step: s)
            worker.reset()
            var k = t
            while k < chunks {
                worker.accumulate(start: k * chunk, count: min(chunk, n - k * chunk), total: n, loss: loss, data: data)
                k += count
            }
        }
        var g = workers[0].sum
        var total = workers[0].loss
        for worker in workers.dropFirst() {
            for i in g.indices { g[i] += worker.sum[i] }
            total += worker.loss
        }
        let w = workers[0].net.parameters.base, w0 = network.parameters.base
        return (g, total, (0..<g.count).map { Double(w[$0]) - Double(w0[$0]) })
    }
}

/// One thread's network copy, buffers and Double accumulator.
final class GradientWorker: @unchecked Sendable {
    let net: Network
    let buffers: BatchBuffers
    var sum: [Double]
    var loss = 0.0

    init(network: Network, data: Dataset, capacity: Int) {
        net = network.copy()
        buffers = BatchBuffers(network: net, data: data, capacity: capacity)
        sum = [Double](repeating: 0, count: network.parameterCount)
    }

    func setWeights(_ w0: FloatBuffer, along v: [Float]?, step s: Float) {
        let n = net.parameterCount, w = net.parameters.base
        w.update(from: w0.base, count: n)
        v?.withUnsafeBufferPointer { if let d = $0.baseAddress, $0.count == n { Vec.axpy(n, s, d, w) } }
    }

    func reset() {
        for i in sum.indices { sum[i] = 0 }
        loss = 0
    }

    /// Adds (b/N)·∇(mean loss on rows start..<start+b) to `sum`.
    func accumulate(start: Int, count b: Int, total n: Int, loss kind: Loss, data: Dataset) {
        buffers.gatherRange(start, b, from: data)
        var rng = RNG(seed: 0)
        let ws = buffers.workspace
        let out = net.forward(buffers.x.base, batch: b, workspace: ws, training: false, rng: &rng)
        let dy = net.outputGradient(batch: b, workspace: ws)
        let r = kind.evaluate(logits: out, targets: buffers.targets, batch: b, outputs: net.outputCount, gradient: dy)
        net.gradients.zero()
        net.backward(buffers.x.base, batch: b, workspace: ws, training: false, rng: &rng)
        let weight = Double(b) / Double(n), g = net.gradients.base
        for i in sum.indices { sum[i] += weight * Double(g[i]) }
        loss += weight * r.loss
    }
}
