// Layer normalization (Ba, Kiros & Hinton 2016) as PyTorch's nn.LayerNorm over the whole example
// shape: each example is normalized over all its features, then scaled and shifted per feature.
// The same in training and evaluation; eps 1e-5, biased variance. Per position (a transformer's
// LayerNorm, PyTorch's nn.LayerNorm(W) on [B, L, W]), each position's W channels are normalized
// on their own, with γ, β of shape [W].
import Kernels

/// Shapes (B batch, N features of any example shape; for [C, L], N = L·C stored channels-last):
///   x [B × N], y [B × N], γ [N], β [N] in PyTorch's order ([C, L] for a signal, so exported and
///   loaded parameters mean what PyTorch's do)
///   scratch: mean [B], 1/√(var + eps) [B]; for a [C, L] input also γ, β, dγ, dβ in channels-last
///   order [L × C] (γ, β permuted once per forward; dγ, dβ permuted back once per backward)
public struct LayerNorm: Layer {
    public let inputShape: [Int]
    public static let epsilon: Float = 1e-5
    /// Non-nil when the parameters' order differs from the activations' (a [C, L] input).
    let permuted: ChannelView?
    /// Rows normalized on their own per example: 1, or L for a per-position norm of [C, L].
    let groups: Int

    public init(inputShape: [Int], perPosition: Bool = false) {
        self.inputShape = inputShape
        let view = ChannelView(inputShape)
        self.groups = perPosition ? view.inner : 1
        self.permuted = perPosition ? nil : ChannelView.transposed(inputShape)
    }

    /// Features normalized together (and the size of γ and β).
    var features: Int { inputCount / groups }
    public var perPosition: Bool { groups > 1 }
    public var kind: String { "layernorm" }
    public var summary: String { perPosition ? "layernorm (per position)" : "layernorm" }
    public var outputShape: [Int] { inputShape }
    public var scratch: ScratchSize {
        ScratchSize(perExample: 2 * groups, fixed: permuted == nil ? 0 : 4 * inputCount)
    }

    public var parameters: [ParameterTensor] {
        let shape = perPosition ? [features] : inputShape
        return [
            ParameterTensor(name: "weight", offset: 0, shape: shape, role: .normalization),
            ParameterTensor(name: "bias", offset: features, shape: shape, role: .normalization),
        ]
    }

    /// γ = 1, β = 0 whatever the scheme (as PyTorch).
    public func initialize(
        params: UnsafeMutablePointer<Float>, state: UnsafeMutablePointer<Float>,
        scheme: Initializer, rng: inout RNG
    ) {
        params.update(repeating: 1, count: features)
        (params + features).update(repeating: 0, count: features)
    }

    /// Per row: μ = mean(x), r = 1/√(mean((x − μ)²) + eps), y = γ ⊙ (x − μ)·r + β (the kernel
    /// sums in 16 fixed lanes, the same on every kernel path).
    public func forward(_ io: LayerIO) {
        let n = features, rows = io.batch * groups
        let (gamma, beta) = parametersInStorageOrder(io)
        Elementwise.layerNormForward(
            rows: rows, features: n, epsilon: LayerNorm.epsilon, x: io.x, gamma: gamma, beta: beta, y: io.y,
            mean: io.scratch, invStd: io.scratch + rows)
    }

    /// With x̂ = (x − μ)·r and g = γ ⊙ dy:  dγ += dy ⊙ x̂;  dβ += dy;
    /// dx = r·(g − mean(g) − x̂·mean(g ⊙ x̂))
    public func backward(_ io: LayerIO) {
        let n = features, rows = io.batch * groups
        let gamma = permuted == nil ? UnsafePointer(io.params) : UnsafePointer(permutedScratch(io))
        let dGamma = permuted == nil ? io.grads : permutedScratch(io) + 2 * n, dBeta = dGamma + n
        if permuted != nil { dGamma.update(repeating: 0, count: 2 * n) }
        Elementwise.layerNormBackward(
            rows: rows, features: n, x: io.x, gamma: gamma, mean: io.scratch, invStd: io.scratch + rows, dy: io.dy,
            dGamma: dGamma, dBeta: dBeta, dx: io.dx)
        if let v = permuted {
            // dγ, dβ [2 × L × C] → the parameters' [2 × C × L], accumulated.
            Layout.transposeAdd(batch: 2, rows: v.inner, cols: v.channels, dGamma, into: io.grads)
        }
    }

    /// γ and β in the activations' order: the parameters themselves, or permuted into scratch.
    func parametersInStorageOrder(_ io: LayerIO) -> (UnsafePointer<Float>, UnsafePointer<Float>) {
        let n = features
        guard let v = permuted else { return (UnsafePointer(io.params), UnsafePointer(io.params + n)) }
        let p = permutedScratch(io)
        v.toChannelsLast(batch: 2, io.params, into: p)
        return (UnsafePointer(p), UnsafePointer(p + n))
    }

    /// After the per-example statistics: γ, β, dγ, dβ in storage order.
    func permutedScratch(_ io: LayerIO) -> UnsafeMutablePointer<Float> {
        io.scratch + 2 * io.batch * groups
    }
}
