// Batch normalization (Ioffe & Szegedy 2015) with PyTorch's conventions: per feature for [F],
// per channel over batch and positions for [C, L]; batch statistics in training (biased variance
// to normalize, unbiased variance into the running estimate, momentum 0.1), running statistics
// in evaluation; eps 1e-5.
import Kernels

/// Shapes (B batch, C channels or features, L positions per channel, 1 for an [F] input;
/// n = B·L values per channel):
///   x [B × L × C], y [B × L × C] (channels-last: the data is an [n × C] matrix, one column per
///   channel, for [F] and [C, L] inputs alike), γ [C], β [C]
///   state: running mean [C], running variance [C]
///   scratch: mean [C], 1/√(var + eps) [C] (the statistics the forward used), two [C] sums for
///   backward (the first holds γ·r during forward)
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
        return [
            ParameterTensor(name: "weight", offset: 0, shape: [c], role: .normalization),
            ParameterTensor(name: "bias", offset: c, shape: [c], role: .normalization),
        ]
    }

    /// γ = 1, β = 0, running mean 0, running variance 1, whatever the scheme (as PyTorch).
    public func initialize(
        params: UnsafeMutablePointer<Float>, state: UnsafeMutablePointer<Float>,
        scheme: Initializer, rng: inout RNG
    ) {
        let c = view.channels
        params.update(repeating: 1, count: c); (params + c).update(repeating: 0, count: c)
        state.update(repeating: 0, count: c); (state + c).update(repeating: 1, count: c)
    }

    /// y = γ·(x − μ)·r + β with r = 1/√(σ² + eps); μ, σ² from the batch (training) or the state.
    public func forward(_ io: LayerIO) {
        let c = view.channels, rows = io.batch * view.inner
        let mean = io.scratch, invStd = io.scratch + c
        if io.training {
            batchStatistics(io.x, rows: rows, mean: mean, invStd: invStd, running: io.state)
        } else {
            for j in 0..<c {
                mean[j] = io.state[j]
                invStd[j] = 1 / (io.state[c + j] + BatchNorm.epsilon).squareRoot()
            }
        }
        // Per channel scale γ·r, kept in the first backward sum's slot (backward clears it).
        // NOTE: (x − μ)·scale + β, not x·scale + (β − μ·scale): the latter cancels digits when |μ| ≫ σ.
        let (gamma, beta, scale) = (io.params, io.params + c, io.scratch + 2 * c)
        for j in 0..<c { scale[j] = gamma[j] * invStd[j] }
        for r in 0..<rows {
            let (x, y) = (io.x + r * c, io.y + r * c)
            for j in 0..<c { y[j] = (x[j] - mean[j]) * scale[j] + beta[j] }
        }
    }

    /// With x̂ = (x − μ)·r:  dβ += Σ dy;  dγ += Σ dy·x̂;
    /// training:   dx = γ·r·(dy − Σdy/n − x̂·Σ(dy·x̂)/n)   (μ and σ² depend on x)
    /// evaluation: dx = γ·r·dy
    public func backward(_ io: LayerIO) {
        let c = view.channels, rows = io.batch * view.inner, n = Float(rows)
        let (mean, invStd) = (io.scratch, io.scratch + c)
        let (sumDy, sumDyXhat) = (io.scratch + 2 * c, io.scratch + 3 * c)
        sumDy.update(repeating: 0, count: 2 * c)
        Vec.accumulateColumnSums(rows, c, io.dy, into: sumDy)
        for r in 0..<rows {
            let (x, dy) = (io.x + r * c, io.dy + r * c)
            for j in 0..<c { sumDyXhat[j] += dy[j] * (x[j] - mean[j]) }
        }
        for j in 0..<c {
            sumDyXhat[j] *= invStd[j]
            io.grads[j] += sumDyXhat[j]; io.grads[c + j] += sumDy[j]
        }
        guard let dxAll = io.dx else { return }
        let gamma = io.params, training = io.training
        for r in 0..<rows {
            let (x, dy, dx) = (io.x + r * c, io.dy + r * c, dxAll + r * c)
            for j in 0..<c {
                let (meanDy, meanDyXhat) = training ? (sumDy[j] / n, sumDyXhat[j] / n) : (0, 0)
                let inv = invStd[j]
                dx[j] = gamma[j] * inv * (dy[j] - meanDy - (x[j] - mean[j]) * inv * meanDyXhat)
            }
        }
    }

    /// Batch mean and 1/√(biased var + eps) per column of x [rows × C] (two passes, for
    /// accuracy), and the running estimates moved toward them: r ← (1 − m)·r + m·stat, with the
    /// unbiased variance n/(n − 1)·σ² (the biased one when n = 1, where PyTorch would refuse to train).
    func batchStatistics(
        _ x: UnsafePointer<Float>, rows n: Int, mean: UnsafeMutablePointer<Float>,
        invStd: UnsafeMutablePointer<Float>, running: UnsafeMutablePointer<Float>
    ) {
        let c = view.channels
        let variance = invStd  // holds Σ(x − μ)² until the last loop
        mean.update(repeating: 0, count: c); variance.update(repeating: 0, count: c)
        Vec.accumulateColumnSums(n, c, x, into: mean)
        for j in 0..<c { mean[j] /= Float(max(n, 1)) }
        for r in 0..<n {
            let row = x + r * c
            for j in 0..<c { let d = row[j] - mean[j]; variance[j] += d * d }
        }
        let m = BatchNorm.momentum, unbias = n > 1 ? Float(n) / Float(n - 1) : 1
        for j in 0..<c {
            let v = variance[j] / Float(max(n, 1))
            running[j] = (1 - m) * running[j] + m * mean[j]
            running[c + j] = (1 - m) * running[c + j] + m * v * unbias
            invStd[j] = 1 / (v + BatchNorm.epsilon).squareRoot()
        }
    }
}
