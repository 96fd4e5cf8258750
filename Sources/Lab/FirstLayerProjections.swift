// The first layer of a slice, precomputed. A dense first layer is linear in its weights, so at
// w = w₀ + α·d₁ + β·d₂ its pre-activations are X·W₀ᵀ + b₀ + α(X·D₁ᵀ + e₁) + β(X·D₂ᵀ + e₂): three
// products made once per slice, after which each grid point needs one fused pass instead of a
// matrix product and a bias pass. Exact up to Float32 rounding; used only when the three
// products fit in `limitBytes`.
import Datasets
import Kernels
import Networks

struct FirstLayerProjections: @unchecked Sendable {
    let units: Int
    let base: FloatBuffer
    let along1: FloatBuffer
    let along2: FloatBuffer?

    static let limitBytes = 64 << 20

    /// nil unless the network starts with a dense layer, has more layers, and the data fits.
    init?(network: Network, data: Dataset, d1: [Float], d2: [Float]?) {
        guard let dense = network.layers.first as? Dense, network.layers.count > 1,
            d1.count == network.parameterCount, d2.map({ $0.count == network.parameterCount }) ?? true,
            data.count * dense.units * 3 * 4 <= Self.limitBytes
        else { return nil }
        units = dense.units
        let x = FloatBuffer(data.inputs)
        base = Self.product(x, data.count, dense, network.parameters.base)
        let product = { (d: [Float]) -> FloatBuffer in
            let w = FloatBuffer(d)  // a copy: the direction's first-layer slice as weights
            return Self.product(x, data.count, dense, w.base)
        }
        along1 = product(d1)
        along2 = d2.map(product)
    }

    /// X·Wᵀ + b for the dense layer whose parameters start at `w`.
    static func product(_ x: FloatBuffer, _ n: Int, _ dense: Dense, _ w: UnsafeMutablePointer<Float>) -> FloatBuffer {
        let out = FloatBuffer(count: n * dense.units)
        BLAS.gemm(transB: true, m: n, n: dense.units, k: dense.inputCount, a: x.base, b: w, c: out.base)
        if dense.hasBias { Vec.addRowVector(n, dense.units, w + dense.units * dense.inputCount, out.base) }
        return out
    }

    /// Writes rows start..<start+count of the first layer's output at (α, β) into `y`.
    func combine(start: Int, count: Int, alpha: Float, beta: Float, into y: UnsafeMutablePointer<Float>) {
        let offset = start * units, n = count * units
        let second = along2 ?? along1
        Vec.combine(n, base.base + offset, alpha, along1.base + offset, along2 == nil ? 0 : beta, second.base + offset, into: y)
    }
}
