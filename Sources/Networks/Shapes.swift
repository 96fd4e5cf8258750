// How structural layers read an example's shape. Activations are channel-major as in PyTorch
// (NCL), so an example is always "channels, then positions within a channel".
//
// Adding conv2d: `SignalShape` would grow a spatial extent ([C, H, W] → positions H·W) and the
// im2col walk in Conv1D would run over a (kh, kw) window instead of k; everything channel-wise
// (batch norm, pooling's per-channel rows, the residual's 1×1 projection) already reads
// "C channels of `length` positions" and carries over unchanged.

/// An example seen as C channels × L positions: `[L]` is one channel, `[C, L]` is itself.
public struct SignalShape: Sendable, Equatable {
    public var channels: Int
    public var length: Int

    public init(channels: Int, length: Int) {
        self.channels = channels
        self.length = length
    }

    /// nil for shapes that are not a 1-D signal (rank 0 or above 2).
    public init?(_ shape: [Int]) {
        switch shape.count {
        case 1: self.init(channels: 1, length: shape[0])
        case 2: self.init(channels: shape[0], length: shape[1])
        default: return nil
        }
    }

    public var shape: [Int] { [channels, length] }
}

/// Batch-norm's view of an example: the first dimension is the normalized feature or channel,
/// everything after it is positions within that channel. `[F]` is F features of 1 position;
/// `[C, L]` is C channels of L positions (and `[C, H, W]` would be C of H·W).
public struct ChannelView: Sendable, Equatable {
    public var channels: Int
    public var inner: Int

    public init(_ shape: [Int]) {
        channels = shape.first ?? 1
        inner = shape.dropFirst().reduce(1, *)
    }
}

/// Output length of a sliding window: ⌊(L + 2p − k) / s⌋ + 1, or 0 when the window does not fit
/// (the builder refuses those settings; this keeps direct construction from trapping).
public func slidingOutputLength(length: Int, kernel: Int, stride: Int, padding: Int) -> Int {
    let span = length + 2 * padding - kernel
    guard stride > 0, span >= 0 else { return 0 }
    return span / stride + 1
}
