// Multi-head self-attention (Vaswani et al. 2017; UDL 12.2–12.4) as PyTorch's
// nn.MultiheadAttention(W, H, batch_first=True) applied as attn(x, x, x): queries, keys and values
// are one projection of the input, each head attends over every position (or, causal, over
// positions up to its own), and the heads' outputs are concatenated and projected back.
import Kernels

/// Shapes (B batch, L positions, W width, H heads, d = W / H):
///   x [B × L × W] (a [W, L] signal, channels-last), y the same
///   parameters: in_proj_weight [3W × W] (rows: queries, keys, values), in_proj_bias [3W],
///   out_proj.weight [W × W], out_proj.bias [W] — PyTorch's names and layouts
///   scratch per example: qkv [L × 3W], attention weights A [H × L × L], heads' outputs o [L × W],
///   do [L × W], dqkv [L × 3W]; and one row of dA [L]
/// Per example and head: S = Q Kᵀ/√d (entries after the query's own position −∞ when causal),
/// A = softmax over each row, o = A V; y = o W_outᵀ + b_out.
public struct Attention: Layer {
    public let inputShape: [Int]
    public let heads: Int
    public let causal: Bool

    /// `inputShape` is [W, L]; W must be a multiple of `heads` (the builder checks).
    public init(inputShape: [Int], heads: Int, causal: Bool = false) {
        self.inputShape = inputShape
        self.heads = heads
        self.causal = causal
    }

    public var width: Int { inputShape[0] }
    public var length: Int { inputShape.count > 1 ? inputShape[1] : 1 }
    public var headWidth: Int { width / heads }
    public var kind: String { "attention" }
    public var summary: String { "attention heads=\(heads)" + (causal ? " causal" : "") }
    public var outputShape: [Int] { inputShape }

    public var parameters: [ParameterTensor] {
        let w = width
        return [
            ParameterTensor(name: "in_proj_weight", offset: 0, shape: [3 * w, w], role: .weight),
            ParameterTensor(name: "in_proj_bias", offset: 3 * w * w, shape: [3 * w], role: .bias),
            ParameterTensor(name: "out_proj.weight", offset: 3 * w * w + 3 * w, shape: [w, w], role: .weight),
            ParameterTensor(name: "out_proj.bias", offset: 4 * w * w + 3 * w, shape: [w], role: .bias),
        ]
    }

    public var scratch: ScratchSize {
        let (l, w) = (length, width)
        return ScratchSize(
            perExample: 3 * l * w + heads * l * l + l * w + l * w + 3 * l * w,
            fixed: Elementwise.attentionScratch(length: l, headWidth: headWidth))
    }

    /// The scheme for both projections (Xavier by default, as PyTorch's in_proj); biases zero.
    public func initialize(
        params: UnsafeMutablePointer<Float>, state: UnsafeMutablePointer<Float>,
        scheme: Initializer, rng: inout RNG
    ) {
        let w = width
        scheme.fillWeights(params, count: 3 * w * w, fanIn: w, fanOut: 3 * w, rng: &rng)
        (params + 3 * w * w).update(repeating: 0, count: 3 * w)
        scheme.fillWeights(params + 3 * w * w + 3 * w, count: w * w, fanIn: w, fanOut: w, rng: &rng)
        (params + 4 * w * w + 3 * w).update(repeating: 0, count: w)
    }

    struct Regions {
        var qkv, weights, o, dO, dqkv, kernel: UnsafeMutablePointer<Float>
    }

    func regions(_ scratch: UnsafeMutablePointer<Float>, batch b: Int) -> Regions {
        let (l, w) = (length, width)
        let qkv = scratch, weights = qkv + b * 3 * l * w, o = weights + b * heads * l * l
        let dO = o + b * l * w, dqkv = dO + b * l * w
        return Regions(qkv: qkv, weights: weights, o: o, dO: dO, dqkv: dqkv, kernel: dqkv + b * 3 * l * w)
    }

    /// The attention weights [B × H × L × L] a forward pass left in `scratch` (for `plot attention`).
    public func attentionWeights(scratch: UnsafeMutablePointer<Float>, batch b: Int) -> UnsafeMutablePointer<Float> {
        regions(scratch, batch: b).weights
    }

    public func forward(_ io: LayerIO) {
        let (b, l, w, d) = (io.batch, length, width, headWidth)
        let r = regions(io.scratch, batch: b)
        let inW = io.params, inB = io.params + 3 * w * w
        let outW = inB + 3 * w, outB = outW + w * w
        BLAS.gemm(transB: true, m: b * l, n: 3 * w, k: w, a: io.x, b: inW, c: r.qkv)
        Vec.addRowVector(b * l, 3 * w, inB, r.qkv)
        let scale = 1 / Float(d).squareRoot()
        for e in 0..<b {
            Elementwise.attentionForward(
                length: l, width: w, heads: heads, causal: causal, scale: scale, qkv: r.qkv + e * l * 3 * w,
                probs: r.weights + e * heads * l * l, o: r.o + e * l * w, scratch: r.kernel)
        }
        BLAS.gemm(transB: true, m: b * l, n: w, k: w, a: r.o, b: outW, c: io.y)
        Vec.addRowVector(b * l, w, outB, io.y)
    }

    /// do = dy W_out; dW_out += dyᵀ o; db_out += Σ dy. Per head: dA = do Vᵀ, dV = Aᵀ do,
    /// dS = A ⊙ (dA − rowsum(dA ⊙ A)) / √d, dQ = dS K, dK = dSᵀ Q. Then dW_in += dqkvᵀ x,
    /// db_in += Σ dqkv, dx = dqkv W_in.
    public func backward(_ io: LayerIO) {
        let (b, l, w, d) = (io.batch, length, width, headWidth)
        let r = regions(io.scratch, batch: b)
        let inW = io.params, outW = io.params + 3 * w * w + 3 * w
        let gInW = io.grads, gInB = io.grads + 3 * w * w, gOutW = gInB + 3 * w, gOutB = gOutW + w * w
        BLAS.gemm(transA: true, m: w, n: w, k: b * l, a: io.dy, b: r.o, beta: 1, c: gOutW)
        Vec.accumulateColumnSums(b * l, w, io.dy, into: gOutB)
        BLAS.gemm(m: b * l, n: w, k: w, a: io.dy, b: outW, c: r.dO)
        r.dqkv.update(repeating: 0, count: b * l * 3 * w)
        let scale = 1 / Float(d).squareRoot()
        for e in 0..<b {
            Elementwise.attentionBackward(
                length: l, width: w, heads: heads, causal: causal, scale: scale, qkv: r.qkv + e * l * 3 * w,
                probs: r.weights + e * heads * l * l, dout: r.dO + e * l * w, dqkv: r.dqkv + e * l * 3 * w,
                scratch: r.kernel)
        }
        BLAS.gemm(transA: true, m: 3 * w, n: w, k: b * l, a: r.dqkv, b: io.x, beta: 1, c: gInW)
        Vec.accumulateColumnSums(b * l, 3 * w, r.dqkv, into: gInB)
        if let dx = io.dx { BLAS.gemm(m: b * l, n: w, k: 3 * w, a: r.dqkv, b: inW, c: dx) }
    }
}
