// Flatten: an example of any shape becomes one vector of its features, in memory order (channel
// by channel, as torch.flatten does for NCL activations).
import Kernels

/// Shapes (B batch, N = product of the example shape): x [B × …] → y [B × N].
///
/// A copy, not an alias: the stack gives every layer its own y and dy, and the copy of a batch of
/// the MNIST-1D CNN's features (100 × 125 floats) costs well under a microsecond. Dense layers
/// read any input flattened anyway, so this layer exists to make the shape change explicit.
public struct Flatten: Layer {
    public let inputShape: [Int]
    public let outputShape: [Int]

    public init(inputShape: [Int]) {
        self.inputShape = inputShape
        self.outputShape = [inputShape.reduce(1, *)]
    }

    public var kind: String { "flatten" }
    public var summary: String { "flatten" }

    /// y = x
    public func forward(_ io: LayerIO) {
        io.y.update(from: io.x, count: io.batch * inputCount)
    }

    /// dx = dy
    public func backward(_ io: LayerIO) {
        io.dx?.update(from: io.dy, count: io.batch * inputCount)
    }
}
