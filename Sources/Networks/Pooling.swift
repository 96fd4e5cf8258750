// Max and average pooling over windows of each channel (PyTorch's MaxPool1d / MaxPool2d and
// AvgPool1d / AvgPool2d with no padding), on channels-last activations: a window is a block of
// positions whose C values are adjacent, so every inner loop runs over the C channels of one
// position (CKernels layout.c). Max pooling keeps each window's argmax in scratch for the
// backward pass. A signal is an image one row high, so pool and pool2d are one layer.
import Kernels

/// Shapes (B batch, C channels; windows K × K with stride S for pool2d, K with stride S along a
/// signal for pool, Ho = ⌊(H − K)/S⌋ + 1 and Wo alike):
///   x [B × H × W × C], y [B × Ho × Wo × C] (channels-last; a signal [C, L] has H = Ho = 1)
///   scratch (max only): argmax [B × Ho × Wo × C], the input position (y·W + x) of each
///   maximum as Float (exact below 2²⁴, which the builder's dimension limit guarantees)
/// Ties go to the first maximum in the window, in row-major order.
public struct Pooling: Layer {
    public let inputShape: [Int]
    public let input: GridShape
    public let pool: PoolKind
    public let size: Int
    public let stride: Int
    public let output: GridShape
    public let outputShape: [Int]
    /// The window's height (1 along a signal, `size` on an image) and the stride between rows.
    let windowHeight: Int
    let strideHeight: Int

    /// `stride` nil means non-overlapping windows (stride = size), as PyTorch defaults.
    public init(inputShape: [Int], pool: PoolKind, size: Int, stride: Int? = nil, dimensions: Int = 1) {
        self.inputShape = inputShape
        let input = GridShape.reading(inputShape, dimensions: dimensions)
        self.input = input
        self.pool = pool
        self.size = size
        let stride = stride ?? size
        self.stride = stride
        let planar = input.dimensions == 2
        windowHeight = planar ? size : 1
        strideHeight = planar ? stride : 1
        let wo = slidingOutputLength(length: input.width, kernel: size, stride: stride, padding: 0)
        let ho = planar ? slidingOutputLength(length: input.height, kernel: size, stride: stride, padding: 0) : 1
        self.output = input.with(channels: input.channels, height: ho, width: wo)
        self.outputShape = output.shape
    }

    public var kind: String { input.dimensions == 2 ? "pool2d" : "pool" }
    public var summary: String {
        "\(pool.rawValue)pool\(input.dimensions == 2 ? "2d" : "") \(size)" + (stride == size ? "" : " s=\(stride)")
    }
    public var scratch: ScratchSize {
        pool == .max ? ScratchSize(perExample: output.channels * output.positions) : .none
    }

    /// The window's geometry as the pooling kernels read it (no padding).
    var geometry: ConvGeometry {
        ConvGeometry(
            height: input.height, width: input.width, channels: input.channels, kernel: (windowHeight, size),
            stride: (strideHeight, stride), padding: (0, 0), output: (output.height, output.width))
    }

    /// y[b, oy, ox, c] = max or mean of x[b, oy·S + i, ox·S + j, c] over the window's (i, j).
    public func forward(_ io: LayerIO) {
        switch pool {
        case .max: Layout.maxPoolForward(batch: io.batch, geometry, io.x, into: io.y, argmax: io.scratch)
        case .avg: Layout.avgPoolForward(batch: io.batch, geometry, io.x, into: io.y)
        }
    }

    /// dx[b, p, c] = Σ over windows containing p of dy[b, window, c] · (p is its argmax | 1/K²).
    public func backward(_ io: LayerIO) {
        guard let dx = io.dx else { return }
        switch pool {
        case .max: Layout.maxPoolBackward(batch: io.batch, geometry, io.dy, argmax: io.scratch, into: dx)
        case .avg: Layout.avgPoolBackward(batch: io.batch, geometry, io.dy, into: dx)
        }
    }
}
