// Fully connected layer: y = x·Wᵀ + b, with W stored [out × in] as PyTorch's nn.Linear does
// (so exported weights load unchanged and each output unit's row is one "filter").
import Kernels

/// Shapes (B batch, I inputs, O outputs):
///   x [B × I], W [O × I], b [O], y [B × O]
/// An input of any shape is read flattened.
public struct Dense: Layer {
    public let inputShape: [Int]
    public let units: Int
    public let hasBias: Bool

    public init(inputShape: [Int], units: Int, bias: Bool = true) {
        self.inputShape = inputShape
        self.units = units
        self.hasBias = bias
    }

    public var kind: String { "dense" }
    public var summary: String { hasBias ? "dense \(units)" : "dense \(units) (no bias)" }
    public var outputShape: [Int] { [units] }

    public var parameters: [ParameterTensor] {
        let w = ParameterTensor(name: "weight", offset: 0, shape: [units, inputCount], role: .weight)
        guard hasBias else { return [w] }
        return [w, ParameterTensor(name: "bias", offset: units * inputCount, shape: [units], role: .bias)]
    }

    public func initialize(params: UnsafeMutablePointer<Float>, state: UnsafeMutablePointer<Float>,
                           scheme: Initializer, rng: inout RNG) {
        let n = units * inputCount
        scheme.fillWeights(params, count: n, fanIn: inputCount, fanOut: units, rng: &rng)
        if hasBias { scheme.fillBiases(params + n, count: units, fanIn: inputCount, rng: &rng) }
    }

    /// y[B×O] = x[B×I] · Wᵀ + b
    public func forward(_ io: LayerIO) {
        let (b, i, o) = (io.batch, inputCount, units)
        BLAS.gemm(transB: true, m: b, n: o, k: i, a: io.x, b: io.params, c: io.y)
        if hasBias { Vec.addRowVector(b, o, io.params + o * i, io.y) }
    }

    /// dW[O×I] += dyᵀ · x;  db[O] += Σ_B dy;  dx[B×I] = dy · W
    public func backward(_ io: LayerIO) {
        let (b, i, o) = (io.batch, inputCount, units)
        BLAS.gemm(transA: true, m: o, n: i, k: b, a: io.dy, b: io.x, beta: 1, c: io.grads)
        if hasBias { Vec.accumulateColumnSums(b, o, io.dy, into: io.grads + o * i) }
        if let dx = io.dx {
            BLAS.gemm(m: b, n: i, k: o, a: io.dy, b: io.params, c: dx)
        }
    }
}
