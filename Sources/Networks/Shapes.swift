// How structural layers read an example's shape, and how it is STORED between layers.
//
// Shapes are written as PyTorch writes them: `[C, L]` is C channels of L positions. Storage is
// channels-last: inside a network an example of shape [C, …] is kept as [positions × C]
// (position-major, the C values of one position adjacent), so one convolution window is one
// contiguous run and im2col is a copy per output position. `[F]` is F features, stored as is
// (one position of F channels, or F positions of one channel: the same memory). The layout is
// invisible from outside: a network's input arrives channel-major as files store it and the
// stack converts it at entry; flatten and dense read features in PyTorch's (c, l) order; the
// parameters keep PyTorch's layouts.
//
// Images are the same: `[C, H, W]` is stored [H·W × C] (NHWC), and im2col copies a (kh, kw)
// window as kh runs of kw·C floats; everything channel-wise (batch norm's columns, layer norm,
// flatten, the residual's 1×1 projection) reads "positions × C" and needs nothing else.
import Kernels

/// An example seen as C channels over an H × W grid of positions: `[L]` is one channel of
/// 1 × L, `[C, L]` is C channels of 1 × L (a signal), `[C, H, W]` is C channels of H × W (an
/// image). Stored channels-last, [H × W × C]: row-major positions, the C values of one adjacent.
public struct GridShape: Sendable, Equatable {
    public var channels: Int
    public var height: Int
    public var width: Int
    /// 1 for a signal, 2 for an image: how the shape is written back ([C, L] or [C, H, W]).
    public var dimensions: Int

    public init(channels: Int, length: Int) {
        self.channels = channels; height = 1; width = length; dimensions = 1
    }

    public init(channels: Int, height: Int, width: Int) {
        self.channels = channels; self.height = height; self.width = width; dimensions = 2
    }

    /// A 1-D signal: nil for shapes that are not one (rank 0 or above 2).
    public init?(signal shape: [Int]) {
        switch shape.count {
        case 1: self.init(channels: 1, length: shape[0])
        case 2: self.init(channels: shape[0], length: shape[1])
        default: return nil
        }
    }

    /// An image: nil unless the shape is [C, H, W].
    public init?(image shape: [Int]) {
        guard shape.count == 3 else { return nil }
        self.init(channels: shape[0], height: shape[1], width: shape[2])
    }

    /// The shape as a signal for `dimensions` 1, as an image for 2; nil when it is not one.
    public init?(_ shape: [Int], dimensions: Int) {
        if dimensions == 2 { self.init(image: shape) } else { self.init(signal: shape) }
    }

    /// The shape read as `dimensions` asks, else as one channel of all its values in a row (a
    /// layer built directly, not by the builder, which refuses such shapes).
    public static func reading(_ shape: [Int], dimensions: Int) -> GridShape {
        GridShape(shape, dimensions: dimensions) ?? GridShape(channels: 1, length: shape.reduce(1, *))
    }

    /// Positions per channel.
    public var positions: Int { height * width }
    /// [C, L] or [C, H, W].
    public var shape: [Int] { dimensions == 2 ? [channels, height, width] : [channels, width] }

    /// The same kind of shape with other sizes.
    public func with(channels: Int, height: Int, width: Int) -> GridShape {
        var g = self
        g.channels = channels; g.height = height; g.width = width
        return g
    }
}

/// An example as channels × positions: the first dimension is the channel (or feature),
/// everything after it is positions. `[F]` is F features of 1 position; `[C, L]` is C channels of
/// L positions (and `[C, H, W]` would be C of H·W). Stored channels-last: [inner × channels].
public struct ChannelView: Sendable, Equatable {
    public var channels: Int
    public var inner: Int

    public init(_ shape: [Int]) {
        channels = shape.first ?? 1
        inner = shape.dropFirst().reduce(1, *)
    }

    /// True when channel-major [C × inner] and channels-last [inner × C] differ in memory
    /// (C > 1 and more than one position); false for `[F]`, `[1, L]` and `[C, 1]`.
    public var isTransposed: Bool { channels > 1 && inner > 1 }

    /// nil when the two layouts coincide, so callers skip the copy.
    public static func transposed(_ shape: [Int]) -> ChannelView? {
        let v = ChannelView(shape)
        return v.isTransposed ? v : nil
    }

    /// x channel-major [B × C × inner] → y channels-last [B × inner × C].
    public func toChannelsLast(batch: Int, _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>) {
        Layout.transpose(batch: batch, rows: channels, cols: inner, x, into: y)
    }

    /// x channels-last [B × inner × C] → y channel-major [B × C × inner], PyTorch's (c, l) order.
    public func toChannelMajor(batch: Int, _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>) {
        Layout.transpose(batch: batch, rows: inner, cols: channels, x, into: y)
    }
}

/// Output length of a sliding window: ⌊(L + 2p − k) / s⌋ + 1, or 0 when the window does not fit
/// (the builder refuses those settings; this keeps direct construction from trapping).
public func slidingOutputLength(length: Int, kernel: Int, stride: Int, padding: Int) -> Int {
    let span = length + 2 * padding - kernel
    guard stride > 0, span >= 0 else { return 0 }
    return span / stride + 1
}
