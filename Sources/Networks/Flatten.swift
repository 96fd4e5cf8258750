// Flatten: an example of any shape becomes one vector of its features in PyTorch's order
// (channel by channel, as torch.flatten does for NCL activations), so a following dense layer's
// weights mean exactly what PyTorch's would. Activations of shape [C, L] are stored
// channels-last, so this is where they turn back into (c, l) order.
import Kernels

/// Shapes (B batch, N = product of the example shape):
///   x [B × L × C] (channels-last; or [B × N] when C or L is 1) → y [B × N] in (c, l) order
///
/// A copy, not an alias: the stack gives every layer its own y and dy, and the transpose of a
/// batch of the MNIST-1D CNN's features (100 × 125 floats) costs a few microseconds.
public struct Flatten: Layer {
    public let inputShape: [Int]
    public let outputShape: [Int]
    /// Non-nil when channels-last storage differs from (c, l) order.
    let transposed: ChannelView?

    public init(inputShape: [Int]) {
        self.inputShape = inputShape
        self.outputShape = [inputShape.reduce(1, *)]
        self.transposed = ChannelView.transposed(inputShape)
    }

    public var kind: String { "flatten" }
    public var summary: String { "flatten" }

    /// y[b, c·L + l] = x[b, l, c]
    public func forward(_ io: LayerIO) {
        if let v = transposed {
            v.toChannelMajor(batch: io.batch, io.x, into: io.y)
        } else {
            io.y.update(from: io.x, count: io.batch * inputCount)
        }
    }

    /// dx[b, l, c] = dy[b, c·L + l]
    public func backward(_ io: LayerIO) {
        guard let dx = io.dx else { return }
        if let v = transposed {
            v.toChannelsLast(batch: io.batch, io.dy, into: dx)
        } else {
            dx.update(from: io.dy, count: io.batch * inputCount)
        }
    }
}
