// Elementwise activations as layers. Each backward reads whichever of x (input) or y (output)
// gives the cheapest exact derivative.
import Kernels

#if canImport(Glibc)
import Glibc
#endif

public enum ActivationFunction: String, Sendable, CaseIterable {
    case relu, leaky, tanh, sigmoid, gelu, linear

    /// The leaky ReLU's slope for negative inputs (PyTorch's default).
    public static let leakySlope: Float = 0.01
}

/// Shapes: x [B × N], y [B × N] for any example shape; GELU keeps its derivative [B × N] in
/// scratch from forward to backward.
public struct Activation: Layer {
    public let inputShape: [Int]
    public let function: ActivationFunction

    public init(inputShape: [Int], function: ActivationFunction) {
        self.inputShape = inputShape
        self.function = function
    }

    public var kind: String { function.rawValue }
    public var summary: String { function.rawValue }
    public var outputShape: [Int] { inputShape }
    public var scratch: ScratchSize { function == .gelu ? ScratchSize(perExample: inputCount) : .none }

    public func forward(_ io: LayerIO) {
        let n = io.batch * inputCount
        let x = io.x, y = io.y
        switch function {
        case .relu: Elementwise.reluForward(n, x, y)
        case .leaky: Elementwise.leakyForward(n, ActivationFunction.leakySlope, x, y)
        case .tanh: for i in 0..<n { y[i] = tanhf(x[i]) }
        case .sigmoid: for i in 0..<n { y[i] = Activation.sigmoid(x[i]) }
        case .gelu: Elementwise.geluForward(n, x, y, slope: io.scratch)
        case .linear: y.update(from: x, count: n)
        }
    }

    public func backward(_ io: LayerIO) {
        guard let dx = io.dx else { return }
        let n = io.batch * inputCount
        let x = io.x, y = io.y, dy = io.dy
        switch function {
        case .relu: Elementwise.reluBackward(n, x, dy, dx)
        case .leaky: Elementwise.leakyBackward(n, ActivationFunction.leakySlope, x, dy, dx)
        case .tanh: for i in 0..<n { dx[i] = dy[i] * (1 - y[i] * y[i]) }
        case .sigmoid: for i in 0..<n { dx[i] = dy[i] * y[i] * (1 - y[i]) }
        case .gelu: Elementwise.geluBackward(n, x, slope: io.scratch, dy, dx)
        case .linear: dx.update(from: dy, count: n)
        }
    }

    /// NOTE: written as 1/(1+e^-x) for x ≥ 0 and e^x/(1+e^x) otherwise, so neither side overflows.
    @inlinable static func sigmoid(_ x: Float) -> Float {
        if x >= 0 { return 1 / (1 + expf(-x)) }
        let e = expf(x)
        return e / (1 + e)
    }
}
