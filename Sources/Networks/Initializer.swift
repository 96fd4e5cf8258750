// Weight initialization schemes. Biases start at zero except under the PyTorch default, which
// draws them from the same uniform as the weights (so reference results reproduce).
import Kernels

public enum Initializer: Sendable, Equatable {
    /// N(0, 2/fan_in) — He et al. 2015; keeps ReLU activations' variance constant with depth.
    case he
    /// N(0, 2/(fan_in + fan_out)) — Glorot & Bengio 2010.
    case xavierNormal
    /// U(±√(6/(fan_in + fan_out))).
    case xavierUniform
    /// N(0, std²).
    case normal(std: Float)
    case zeros
    /// PyTorch's nn.Linear / nn.Conv1d default: weights and biases U(±1/√fan_in).
    case pytorchDefault

    /// Fills `count` weights of a layer with the given fans.
    public func fillWeights(_ w: UnsafeMutablePointer<Float>, count: Int, fanIn: Int, fanOut: Int, rng: inout RNG) {
        let fi = Float(max(fanIn, 1)), fo = Float(max(fanOut, 1))
        switch self {
        case .he: gaussian(w, count, std: (2 / fi).squareRoot(), &rng)
        case .xavierNormal: gaussian(w, count, std: (2 / (fi + fo)).squareRoot(), &rng)
        case .xavierUniform: uniform(w, count, bound: (6 / (fi + fo)).squareRoot(), &rng)
        case .normal(let std): gaussian(w, count, std: std, &rng)
        case .zeros: w.update(repeating: 0, count: count)
        case .pytorchDefault: uniform(w, count, bound: 1 / fi.squareRoot(), &rng)
        }
    }

    /// Fills `count` biases.
    public func fillBiases(_ b: UnsafeMutablePointer<Float>, count: Int, fanIn: Int, rng: inout RNG) {
        if case .pytorchDefault = self {
            uniform(b, count, bound: 1 / Float(max(fanIn, 1)).squareRoot(), &rng)
        } else {
            b.update(repeating: 0, count: count)
        }
    }

    private func gaussian(_ w: UnsafeMutablePointer<Float>, _ n: Int, std: Float, _ rng: inout RNG) {
        for i in 0..<n { w[i] = std * rng.normal() }
    }

    private func uniform(_ w: UnsafeMutablePointer<Float>, _ n: Int, bound: Float, _ rng: inout RNG) {
        for i in 0..<n { w[i] = rng.uniform(-bound, bound) }
    }
}
