// Loss at many weight vectors w = w₀ + α·d₁ + β·d₂: the engine behind loss-landscape slices and
// the `grid` benchmark. Points are spread over threads, each with its own copy of the network and
// a workspace sized for chunks of the data that stay in cache; batch-norm and dropout run in
// evaluation mode. Points are visited coarse-to-fine so a partial result is already a picture.
import Datasets
import Dispatch
import Kernels
import Networks
import Synchronization

public struct SurfaceGrid: Sendable, Equatable {
    public var alphas: [Float]
    public var betas: [Float]
    /// Row-major [betas.count × alphas.count]; NaN where not computed yet, +∞ where the loss
    /// overflowed (weights that far out make it non-finite; every loss here is ≥ 0).
    public var losses: [Double]
    public var computed: Int
    public var isComplete: Bool { computed == alphas.count * betas.count }
    /// Points whose loss overflowed.
    public var overflowed: Int { losses.filter { $0 == .infinity }.count }

    public init(alphas: [Float], betas: [Float], losses: [Double], computed: Int) {
        (self.alphas, self.betas, self.losses, self.computed) = (alphas, betas, losses, computed)
    }

    public subscript(i: Int, j: Int) -> Double { losses[j * alphas.count + i] }
}

public final class LossSurface: @unchecked Sendable {
    public let network: Network
    public let data: Dataset
    public let loss: Loss
    /// Rows per forward pass: small enough that activations stay in L2.
    public var chunk = 256
    public var threads = Engine.threads()

    public init(network: Network, data: Dataset, loss: Loss) {
        self.network = network
        self.data = data
        self.loss = loss
    }

    /// Losses on the grid alphas × betas along d1, d2 (d2 may be nil for a 1D line: betas = [0]).
    /// `onProgress` receives the partial grid after each refinement level; `cancel` stops early
    /// (the points computed so far are kept).
    public func grid(
        d1: [Float], d2: [Float]?, alphas: [Float], betas: [Float],
        cancel: RunControl? = nil, onProgress: ((SurfaceGrid) -> Void)? = nil
    ) -> SurfaceGrid {
        let nA = alphas.count, nB = betas.count
        let results = Mutex([Double](repeating: .nan, count: nA * nB))
        let first = data.count > 0 ? FirstLayerProjections(network: network, data: data, d1: d1, d2: d2) : nil
        var computed = 0
        for level in Self.levels(nA, nB) {
            if cancel?.isCancelled == true { break }
            let values = evaluate(points: level, d1: d1, d2: d2, alphas: alphas, betas: betas, first: first, cancel: cancel)
            results.withLock { r in for (k, p) in level.enumerated() { r[p.1 * nA + p.0] = values[k] } }
            computed += values.filter { !$0.isNaN }.count
            let snapshot = results.withLock { $0 }
            onProgress?(SurfaceGrid(alphas: alphas, betas: betas, losses: snapshot, computed: computed))
        }
        let final = results.withLock { $0 }
        return SurfaceGrid(alphas: alphas, betas: betas, losses: final, computed: final.filter { !$0.isNaN }.count)
    }

    /// Refinement levels: grid points on strides 8, 4, 2, 1 (each level only the new points).
    static func levels(_ nA: Int, _ nB: Int) -> [[(Int, Int)]] {
        var seen = Set<Int>()
        var out: [[(Int, Int)]] = []
        for stride in [8, 4, 2, 1] {
            var level: [(Int, Int)] = []
            for j in Swift.stride(from: 0, to: nB, by: stride) {
                for i in Swift.stride(from: 0, to: nA, by: stride) where seen.insert(j * nA + i).inserted {
                    level.append((i, j))
                }
            }
            if !level.isEmpty { out.append(level) }
        }
        return out
    }

    /// The loss at each point, computed on `threads` threads.
    func evaluate(
        points: [(Int, Int)], d1: [Float], d2: [Float]?, alphas: [Float], betas: [Float],
        first: FirstLayerProjections?, cancel: RunControl?
    ) -> [Double] {
        let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: points.count)
        buffer.initialize(repeating: .nan)
        defer { buffer.deallocate() }
        let out = SharedResults(buffer)  // each worker writes only its own indices
        let workers = max(1, min(threads, points.count))
        DispatchQueue.concurrentPerform(iterations: workers) { t in
            let evaluator = PointEvaluator(surface: self, first: first)
            var k = t
            while k < points.count {
                if cancel?.isCancelled == true { break }
                let (i, j) = points[k]
                // NaN marks a point not computed yet, so a NaN loss is stored as +∞ (too large).
                let loss = evaluator.loss(d1: d1, d2: d2, alpha: alphas[i], beta: betas[j])
                out.buffer[k] = loss.isNaN ? .infinity : loss
                k += workers
            }
        }
        return Array(buffer)
    }
}

/// A results buffer shared by workers that write disjoint indices.
struct SharedResults: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Double>
    init(_ buffer: UnsafeMutableBufferPointer<Double>) { self.buffer = buffer }
}

/// One thread's copy of the network and workspace.
final class PointEvaluator {
    let surface: LossSurface
    let net: Network
    let workspace: Workspace
    let inputs: FloatBuffer
    /// Targets copied once: labels for classification (empty otherwise), values for regression.
    let labels: [Int32]
    let isRegression: Bool
    let values: FloatBuffer
    let chunk: Int
    let first: FirstLayerProjections?
    /// The first layer's output for one chunk, when `first` is used.
    let firstOutput: FloatBuffer

    init(surface: LossSurface, first: FirstLayerProjections?) {
        self.surface = surface
        self.first = first
        net = surface.network.copy()
        let chunk = min(surface.chunk, surface.data.count)
        self.chunk = chunk
        workspace = Workspace(network: net, capacity: chunk)
        inputs = FloatBuffer(surface.data.inputs)
        labels = surface.data.labels ?? []
        isRegression = surface.data.labels == nil
        values = FloatBuffer(surface.data.values ?? [])
        firstOutput = FloatBuffer(count: first.map { $0.units * chunk } ?? 0)
    }

    /// Mean loss over the data at w₀ + α·d₁ + β·d₂.
    func loss(d1: [Float], d2: [Float]?, alpha: Float, beta: Float) -> Double {
        let n = net.parameterCount
        let w0 = surface.network.parameters.base, w = net.parameters.base
        w.update(from: w0, count: n)
        d1.withUnsafeBufferPointer { if let d = $0.baseAddress, $0.count == n { Vec.axpy(n, alpha, d, w) } }
        d2?.withUnsafeBufferPointer { if let d = $0.baseAddress, $0.count == n { Vec.axpy(n, beta, d, w) } }
        let loss = meanLoss(alpha: alpha, beta: beta)
        return loss.isNaN ? .infinity : loss
    }

    /// Outputs for rows start..<start+b: the whole network, or layers 2… after the precomputed first.
    func outputs(start: Int, count b: Int, alpha: Float, beta: Float, rng: inout RNG) -> UnsafeMutablePointer<Float> {
        if let first {
            first.combine(start: start, count: b, alpha: alpha, beta: beta, into: firstOutput.base)
            return net.forward(firstOutput.base, batch: b, workspace: workspace, fromLayer: 1, rng: &rng)
        }
        return net.forward(
            inputs.base + start * surface.data.featureCount, batch: b, workspace: workspace,
            training: false, rng: &rng)
    }

    func meanLoss(alpha: Float = 0, beta: Float = 0) -> Double {
        let data = surface.data, k = net.outputCount
        var rng = RNG(seed: 0)
        var total = 0.0, start = 0
        while start < data.count {
            let b = min(chunk, data.count - start)
            let out = outputs(start: start, count: b, alpha: alpha, beta: beta, rng: &rng)
            // An empty array may still have a base address: regression is told by the data, not by it.
            let r = labels.withUnsafeBufferPointer { y in
                let targets: LossTargets =
                    if !isRegression, let base = y.baseAddress {
                        .labels(base + start * data.positions, positions: data.positions)
                    } else {
                        .values(values.base + start * data.targetWidth)
                    }
                return surface.loss.evaluate(logits: out, targets: targets, batch: b, outputs: k, gradient: nil)
            }
            total += r.loss * Double(b)
            start += b
        }
        return total / Double(data.count)
    }
}
