// Inverted dropout (Srivastava et al. 2014, scaled at training time as PyTorch does): in training
// each input is zeroed with probability p and the survivors scaled by 1/(1 − p), so evaluation
// is the identity and expected activations match between the two modes.
import Kernels

/// Shapes (B batch, N features of any example shape): x [B × N], y [B × N]
///   scratch: mask [B × N], 0 or 1/(1 − p), drawn from `io.rng` in each training forward
public struct Dropout: Layer {
    public let inputShape: [Int]
    /// Probability of dropping an input, in [0, 1) (the builder refuses anything else).
    public let rate: Float

    public init(inputShape: [Int], rate: Float) {
        self.inputShape = inputShape
        self.rate = rate
    }

    public var kind: String { "dropout" }
    public var summary: String { "dropout \(rate)" }
    public var outputShape: [Int] { inputShape }
    public var scratch: ScratchSize { ScratchSize(perExample: inputCount) }

    /// Training: mask[i] = (u_i < p ? 0 : 1/(1 − p)), y = x ⊙ mask.  Evaluation: y = x.
    public func forward(_ io: LayerIO) {
        let n = io.batch * inputCount
        guard io.training else { io.y.update(from: io.x, count: n); return }
        let mask = io.scratch
        let keep = 1 / (1 - rate)
        var rng = io.rng.pointee
        for i in 0..<n { mask[i] = rng.uniformFloat() < rate ? 0 : keep }
        io.rng.pointee = rng
        for i in 0..<n { io.y[i] = io.x[i] * mask[i] }
    }

    /// Training: dx = dy ⊙ mask.  Evaluation: dx = dy.
    public func backward(_ io: LayerIO) {
        guard let dx = io.dx else { return }
        let n = io.batch * inputCount
        guard io.training else { dx.update(from: io.dy, count: n); return }
        for i in 0..<n { dx[i] = io.dy[i] * io.scratch[i] }
    }
}
