// Token and learned position embedding (as GPT's wte + wpe): a sequence of L tokens becomes L
// vectors of W features, token t at position l giving E[t] + P[l]. The output is a [W, L] signal
// (W channels over L positions) stored channels-last, [L × W] — each position's vector
// contiguous, the layout attention and position-wise layers read.
import Kernels

/// Shapes (B batch, L positions, V tokens, W width):
///   x [B × L] token ids as floats, y [B × L × W] (shape [W, L])
///   parameters: token table E [V × W], position table P [L × W] (PyTorch's nn.Embedding weights)
/// Tokens are checked against V when a net meets its data; a token outside 0..<V that slips
/// through reads row 0 rather than memory outside the table.
public struct Embedding: Layer {
    public let inputShape: [Int]
    public let vocabulary: Int
    public let width: Int

    public init(length: Int, vocabulary: Int, width: Int) {
        inputShape = [length]
        self.vocabulary = vocabulary
        self.width = width
    }

    public var length: Int { inputShape[0] }
    public var kind: String { "embed" }
    public var summary: String { "embed \(width) (\(vocabulary) tokens, \(length) positions)" }
    public var outputShape: [Int] { [width, length] }

    public var parameters: [ParameterTensor] {
        [
            ParameterTensor(name: "token.weight", offset: 0, shape: [vocabulary, width], role: .weight),
            ParameterTensor(name: "position.weight", offset: vocabulary * width, shape: [length, width], role: .weight),
        ]
    }

    /// N(0, 1) for both tables, as PyTorch's nn.Embedding, unless a scheme is chosen (`init`).
    public func initialize(
        params: UnsafeMutablePointer<Float>, state: UnsafeMutablePointer<Float>,
        scheme: Initializer, rng: inout RNG
    ) {
        let n = (vocabulary + length) * width
        switch scheme {
        case .normal, .zeros: scheme.fillWeights(params, count: n, fanIn: width, fanOut: width, rng: &rng)
        default: Initializer.normal(std: 1).fillWeights(params, count: n, fanIn: width, fanOut: width, rng: &rng)
        }
    }

    @inline(__always) func token(_ value: Float) -> Int {
        value >= 0 && value < Float(vocabulary) ? Int(value) : 0
    }

    /// y[b, l, :] = E[x[b, l], :] + P[l, :]
    public func forward(_ io: LayerIO) {
        let (l, w) = (length, width)
        let positions = io.params + vocabulary * w
        for b in 0..<io.batch {
            for i in 0..<l {
                let row = io.params + token(io.x[b * l + i]) * w, pos = positions + i * w
                let y = io.y + (b * l + i) * w
                for j in 0..<w { y[j] = row[j] + pos[j] }
            }
        }
    }

    /// dE[x[b, l]] += dy[b, l];  dP[l] += dy[b, l];  tokens have no gradient (dx = 0).
    public func backward(_ io: LayerIO) {
        let (l, w) = (length, width)
        let dPositions = io.grads + vocabulary * w
        for b in 0..<io.batch {
            for i in 0..<l {
                let dy = io.dy + (b * l + i) * w
                let dRow = io.grads + token(io.x[b * l + i]) * w, dPos = dPositions + i * w
                for j in 0..<w {
                    dRow[j] += dy[j]
                    dPos[j] += dy[j]
                }
            }
        }
        io.dx?.update(repeating: 0, count: io.batch * l)
    }
}
