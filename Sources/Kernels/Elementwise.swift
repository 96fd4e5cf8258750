// Activation and optimizer kernels, forwarded to CKernels (vectorized C with runtime dispatch).
// Networks calls these; it never imports CKernels itself.
import CKernels

public enum Elementwise {
    public static func reluForward(_ n: Int, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        basin_relu_forward(n, x, y)
    }
    public static func reluBackward(
        _ n: Int, _ x: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>
    ) {
        basin_relu_backward(n, x, dy, dx)
    }
    public static func leakyForward(_ n: Int, _ slope: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        basin_leaky_forward(n, slope, x, y)
    }
    public static func leakyBackward(
        _ n: Int, _ slope: Float, _ x: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
        _ dx: UnsafeMutablePointer<Float>
    ) {
        basin_leaky_backward(n, slope, x, dy, dx)
    }
    /// Layer normalization of `rows` rows of `n` features (mean and 1/std saved per row).
    public static func layerNormForward(
        rows: Int, features n: Int, epsilon: Float, x: UnsafePointer<Float>, gamma: UnsafePointer<Float>,
        beta: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, mean: UnsafeMutablePointer<Float>,
        invStd: UnsafeMutablePointer<Float>
    ) {
        basin_layernorm_forward(rows, n, epsilon, x, gamma, beta, y, mean, invStd)
    }
    /// Its backward pass: dγ, dβ accumulated; dx overwritten when given.
    public static func layerNormBackward(
        rows: Int, features n: Int, x: UnsafePointer<Float>, gamma: UnsafePointer<Float>, mean: UnsafePointer<Float>,
        invStd: UnsafePointer<Float>, dy: UnsafePointer<Float>, dGamma: UnsafeMutablePointer<Float>,
        dBeta: UnsafeMutablePointer<Float>, dx: UnsafeMutablePointer<Float>?
    ) {
        basin_layernorm_backward(rows, n, x, gamma, mean, invStd, dy, dGamma, dBeta, dx)
    }
    /// Floats of scratch `attentionForward` and `attentionBackward` need (zero-padded copies of one
    /// head's queries, keys, values and output gradient, its score gradients, one row of scores).
    public static func attentionScratch(length l: Int, headWidth d: Int) -> Int {
        let p = (l + 15) / 16 * 16, dp = (d + 15) / 16 * 16
        return d * p + 3 * l * dp + l * l + p
    }
    /// Self-attention of one example, every head: scores, softmax weights into `probs`
    /// [H × L × L] and the heads' outputs into `o` [L × W] from `qkv` [L × 3W]; `kt` is d·L scratch.
    public static func attentionForward(
        length: Int, width: Int, heads: Int, causal: Bool, scale: Float, qkv: UnsafePointer<Float>,
        probs: UnsafeMutablePointer<Float>, o: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        basin_attention_forward(length, width, heads, causal ? 1 : 0, scale, qkv, probs, o, scratch)
    }
    /// Its backward pass: dqkv [L × 3W] accumulated from dout [L × W]; `scratch` is d·L + L floats.
    public static func attentionBackward(
        length: Int, width: Int, heads: Int, causal: Bool, scale: Float, qkv: UnsafePointer<Float>,
        probs: UnsafePointer<Float>, dout: UnsafePointer<Float>, dqkv: UnsafeMutablePointer<Float>,
        scratch: UnsafeMutablePointer<Float>
    ) {
        basin_attention_backward(length, width, heads, causal ? 1 : 0, scale, qkv, probs, dout, dqkv, scratch)
    }
    /// GELU, x·Φ(x) (exact form; Φ to within 1e-7); `slope` (if given) receives Φ(x) + x·φ(x).
    public static func geluForward(
        _ n: Int, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, slope: UnsafeMutablePointer<Float>?
    ) {
        basin_gelu_forward(n, x, y, slope)
    }
    /// dx = dy·(Φ(x) + x·φ(x)), read from `slope` when the forward pass saved it.
    public static func geluBackward(
        _ n: Int, _ x: UnsafePointer<Float>, slope: UnsafePointer<Float>?, _ dy: UnsafePointer<Float>,
        _ dx: UnsafeMutablePointer<Float>
    ) {
        basin_gelu_backward(n, x, slope, dy, dx)
    }
}

extension Elementwise {
    /// Fused, vectorized softmax cross-entropy: the SUM of row losses and the number of correct
    /// argmax predictions; writes (softmax − onehot)·invBatch into `gradient` if given.
    public static func softmaxCrossEntropy(
        rows: Int, classes: Int, logits: UnsafePointer<Float>,
        labels: UnsafePointer<Int32>, gradient: UnsafeMutablePointer<Float>?,
        invBatch: Float
    ) -> (sum: Double, correct: Int) {
        var correct = 0
        let sum = basin_softmax_xent(rows, classes, logits, labels, gradient, invBatch, &correct)
        return (sum, correct)
    }
}

/// One-loop parameter updates over flat vectors; the formulas are documented in Networks/Optimizer.swift.
public enum UpdateKernels {
    public static func sgd(_ n: Int, lr: Float, _ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>) {
        basin_sgd(n, lr, p, g)
    }
    public static func sgdMomentum(
        _ n: Int, lr: Float, momentum: Float, nesterov: Bool, _ p: UnsafeMutablePointer<Float>,
        _ g: UnsafePointer<Float>, _ buffer: UnsafeMutablePointer<Float>
    ) {
        basin_sgd_momentum(n, lr, momentum, nesterov ? 1 : 0, p, g, buffer)
    }
    public static func adam(
        _ n: Int, stepSize: Float, beta1: Float, beta2: Float, invSqrtBiasCorrection2: Float, epsilon: Float,
        _ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>,
        _ m: UnsafeMutablePointer<Float>, _ v: UnsafeMutablePointer<Float>
    ) {
        basin_adam(n, stepSize, beta1, beta2, invSqrtBiasCorrection2, epsilon, p, g, m, v)
    }
    public static func rmsprop(
        _ n: Int, lr: Float, alpha: Float, epsilon: Float, momentum: Float,
        _ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>,
        _ v: UnsafeMutablePointer<Float>, _ buffer: UnsafeMutablePointer<Float>
    ) {
        basin_rmsprop(n, lr, alpha, epsilon, momentum, p, g, v, buffer)
    }
    public static func penalties(
        _ n: Int, l2: Float, l1: Float, _ p: UnsafePointer<Float>, mask: UnsafePointer<Float>?,
        _ g: UnsafeMutablePointer<Float>
    ) {
        basin_penalties(n, l2, l1, p, mask, g)
    }
    public static func decay(_ n: Int, _ decay: Float, mask: UnsafePointer<Float>?, _ p: UnsafeMutablePointer<Float>) {
        basin_decay(n, decay, mask, p)
    }
}
