// Batch normalization (Ioffe & Szegedy 2015) with PyTorch's conventions: per feature for [F],
// per channel over batch and positions for [C, L]; batch statistics in training (biased variance
// to normalize, unbiased variance into the running estimate, momentum 0.1), running statistics
// in evaluation; eps 1e-5.
import Kernels

/// Shapes (B batch, C channels or features, L positions per channel, 1 for an [F] input;
/// n = B·L values per channel):
///   x [B × C × L], y [B × C × L], γ [C], β [C]
///   state: running mean [C], running variance [C]
///   scratch: mean [C], 1/√(var + eps) [C] (the statistics the forward used), two [C] sums for backward
public struct BatchNorm: Layer {
    public let inputShape: [Int]
    public let view: ChannelView
    public static let epsilon: Float = 1e-5
    public static let momentum: Float = 0.1

    public init(inputShape: [Int]) {
        self.inputShape = inputShape
        self.view = ChannelView(inputShape)
    }

    public var kind: String { "batchnorm" }
    public var summary: String { "batchnorm" }
    public var outputShape: [Int] { inputShape }
    public var stateCount: Int { 2 * view.channels }
    public var scratch: ScratchSize { ScratchSize(fixed: 4 * view.channels) }

    public var parameters: [ParameterTensor] {
        let c = view.channels
        return [ParameterTensor(name: "weight", offset: 0, shape: [c], role: .normalization),
                ParameterTensor(name: "bias", offset: c, shape: [c], role: .normalization)]
    }

    /// γ = 1, β = 0, running mean 0, running variance 1, whatever the scheme (as PyTorch).
    public func initialize(params: UnsafeMutablePointer<Float>, state: UnsafeMutablePointer<Float>,
                           scheme: Initializer, rng: inout RNG) {
        let c = view.channels
        params.update(repeating: 1, count: c); (params + c).update(repeating: 0, count: c)
        state.update(repeating: 0, count: c); (state + c).update(repeating: 1, count: c)
    }

    /// y = γ·(x − μ)·r + β with r = 1/√(σ² + eps); μ, σ² from the batch (training) or the state.
    public func forward(_ io: LayerIO) {
        let c = view.channels
        let mean = io.scratch, invStd = io.scratch + c
        if io.training {
            batchStatistics(io.x, batch: io.batch, mean: mean, invStd: invStd, running: io.state)
        } else {
            for j in 0..<c {
                mean[j] = io.state[j]
                invStd[j] = 1 / (io.state[c + j] + BatchNorm.epsilon).squareRoot()
            }
        }
        let (gamma, beta) = (io.params, io.params + c)
        forEachRow(io.batch) { row, j in
            let (x, y) = (io.x + row, io.y + row)
            let (m, scale, shift) = (mean[j], gamma[j] * invStd[j], beta[j])
            for i in 0..<view.inner { y[i] = (x[i] - m) * scale + shift }
        }
    }

    /// With x̂ = (x − μ)·r:  dβ += Σ dy;  dγ += Σ dy·x̂;
    /// training:   dx = γ·r·(dy − Σdy/n − x̂·Σ(dy·x̂)/n)   (μ and σ² depend on x)
    /// evaluation: dx = γ·r·dy
    public func backward(_ io: LayerIO) {
        let c = view.channels, n = Float(io.batch * view.inner)
        let (mean, invStd) = (io.scratch, io.scratch + c)
        let (sumDy, sumDyXhat) = (io.scratch + 2 * c, io.scratch + 3 * c)
        sumDy.update(repeating: 0, count: 2 * c)
        forEachRow(io.batch) { row, j in
            let (x, dy) = (io.x + row, io.dy + row)
            var (s, sx): (Float, Float) = (0, 0)
            for i in 0..<view.inner { s += dy[i]; sx += dy[i] * (x[i] - mean[j]) }
            sumDy[j] += s; sumDyXhat[j] += sx * invStd[j]
        }
        for j in 0..<c { io.grads[j] += sumDyXhat[j]; io.grads[c + j] += sumDy[j] }
        guard let dxAll = io.dx else { return }
        let gamma = io.params, training = io.training
        forEachRow(io.batch) { row, j in
            let (x, dy, dx) = (io.x + row, io.dy + row, dxAll + row)
            let (m, r, g) = (mean[j], invStd[j], gamma[j] * invStd[j])
            let (meanDy, meanDyXhat) = training ? (sumDy[j] / n, sumDyXhat[j] / n) : (0, 0)
            for i in 0..<view.inner { dx[i] = g * (dy[i] - meanDy - (x[i] - m) * r * meanDyXhat) }
        }
    }

    /// Batch mean and 1/√(biased var + eps) per channel (two passes, for accuracy), and the
    /// running estimates moved toward them: r ← (1 − m)·r + m·stat, with the unbiased variance
    /// n/(n − 1)·σ² (the biased one when n = 1, where PyTorch would refuse to train).
    func batchStatistics(_ x: UnsafePointer<Float>, batch: Int, mean: UnsafeMutablePointer<Float>,
                         invStd: UnsafeMutablePointer<Float>, running: UnsafeMutablePointer<Float>) {
        let c = view.channels, n = batch * view.inner
        let variance = invStd  // holds Σ(x − μ)² until the last loop
        mean.update(repeating: 0, count: c); variance.update(repeating: 0, count: c)
        forEachRow(batch) { row, j in
            var s: Float = 0
            for i in 0..<view.inner { s += x[row + i] }
            mean[j] += s
        }
        for j in 0..<c { mean[j] /= Float(max(n, 1)) }
        forEachRow(batch) { row, j in
            var s: Float = 0
            for i in 0..<view.inner { let d = x[row + i] - mean[j]; s += d * d }
            variance[j] += s
        }
        let m = BatchNorm.momentum, unbias = n > 1 ? Float(n) / Float(n - 1) : 1
        for j in 0..<c {
            let v = variance[j] / Float(max(n, 1))
            running[j] = (1 - m) * running[j] + m * mean[j]
            running[c + j] = (1 - m) * running[c + j] + m * v * unbias
            invStd[j] = 1 / (v + BatchNorm.epsilon).squareRoot()
        }
    }

    /// Calls body(offset of row (b, j), channel j) for every example b and channel j.
    @inline(__always)
    func forEachRow(_ batch: Int, _ body: (Int, Int) -> Void) {
        for b in 0..<batch {
            for j in 0..<view.channels { body((b * view.channels + j) * view.inner, j) }
        }
    }
}
