// The gradient of the mean loss over a whole dataset at any weight vector, for Hessian-vector
// products (Sharpness.swift). Evaluation mode (dropout off, batch-norm running statistics), so
// the loss is one deterministic function of the weights and its Hessian is well defined.
//
// The data is cut into chunks, and chunk k is added (in Double, weighted by its share of the
// data) to lane k mod L, a fixed number of lanes set by the data alone; the lanes are then added
// in order. Threads only decide who computes a lane, each with its own copy of the network and
// buffers, so the result is the same bits whatever the thread count or timing.
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
    /// Partial sums: chunk k goes to lane k mod lanes.count.
    let lanes: [LaneSum]
    /// Lanes at most: enough for any thread count this machine will see; each costs one
    /// Double per parameter.
    static let maxLanes = 8

    /// `network`'s current weights are the origin w₀ of `gradient(along:step:)`.
    public init(network: Network, data: Dataset, loss: Loss, threads: Int = Engine.threads(), chunk: Int = 256) {
        self.network = network
        self.data = data
        self.loss = loss
        self.chunk = max(1, min(chunk, data.count, TrainingRun.evaluationChunk(for: network)))
        let chunks = (data.count + self.chunk - 1) / self.chunk
        let laneCount = max(1, min(Self.maxLanes, chunks))
        lanes = (0..<laneCount).map { _ in LaneSum(count: network.parameterCount) }
        workers = (0..<max(1, min(threads, laneCount))).map { _ in
            GradientWorker(network: network, data: data, capacity: min(chunk, max(data.count, 1)))
        }
    }

    public var parameterCount: Int { network.parameterCount }

    /// ∇L at w₀ + s·v (v nil: at w₀), the mean loss there, and the offset from w₀ the Float32
    /// weights actually received (s·v rounded, coordinate by coordinate).
    public func gradient(along v: [Float]? = nil, step s: Float = 0) -> (gradient: [Double], loss: Double, offset: [Double]) {
        let n = data.count, chunks = (n + chunk - 1) / chunk, count = workers.count, laneCount = lanes.count
        DispatchQueue.concurrentPerform(iterations: count) { t in
            let worker = workers[t]
            worker.setWeights(network.parameters, along: v, step: s)
            for l in stride(from: t, to: laneCount, by: count) {
                let lane = lanes[l]
                lane.reset()
                for k in stride(from: l, to: chunks, by: laneCount) {
                    worker.accumulate(
                        start: k * chunk, count: min(chunk, n - k * chunk), total: n, loss: loss,
                        data: data, into: lane)
                }
            }
        }
        var g = lanes[0].sum
        var total = lanes[0].loss
        for lane in lanes.dropFirst() {
            for i in g.indices { g[i] += lane.sum[i] }
            total += lane.loss
        }
        let w = workers[0].net.parameters.base, w0 = network.parameters.base
        return (g, total, (0..<g.count).map { Double(w[$0]) - Double(w0[$0]) })
    }
}

/// One lane's Double accumulators, written by one thread at a time.
final class LaneSum: @unchecked Sendable {
    var sum: [Double]
    var loss = 0.0

    init(count: Int) { sum = [Double](repeating: 0, count: count) }

    func reset() {
        for i in sum.indices { sum[i] = 0 }
        loss = 0
    }
}

/// One thread's network copy and buffers.
final class GradientWorker: @unchecked Sendable {
    let net: Network
    let buffers: BatchBuffers

    init(network: Network, data: Dataset, capacity: Int) {
        net = network.copy()
        buffers = BatchBuffers(network: net, data: data, capacity: capacity)
    }

    func setWeights(_ w0: FloatBuffer, along v: [Float]?, step s: Float) {
        let n = net.parameterCount, w = net.parameters.base
        w.update(from: w0.base, count: n)
        v?.withUnsafeBufferPointer { if let d = $0.baseAddress, $0.count == n { Vec.axpy(n, s, d, w) } }
    }

    /// Adds (b/N)·∇(mean loss on rows start..<start+b) to `lane`.
    func accumulate(start: Int, count b: Int, total n: Int, loss kind: Loss, data: Dataset, into lane: LaneSum) {
        buffers.gatherRange(start, b, from: data)
        var rng = RNG(seed: 0)
        let ws = buffers.workspace
        let out = net.forward(buffers.x.base, batch: b, workspace: ws, training: false, rng: &rng)
        let dy = net.outputGradient(batch: b, workspace: ws)
        let r = kind.evaluate(logits: out, targets: buffers.targets, batch: b, outputs: net.outputCount, gradient: dy)
        net.gradients.zero()
        net.backward(buffers.x.base, batch: b, workspace: ws, training: false, rng: &rng)
        let weight = Double(b) / Double(n), g = net.gradients.base
        for i in lane.sum.indices { lane.sum[i] += weight * Double(g[i]) }
        lane.loss += weight * r.loss
    }
}
