// Data movement between activation layouts, forwarded to CKernels (layout.c): batched
// transposes and the channels-last im2col / col2im of convolutions. Networks calls these;
// it never imports CKernels itself.
import CKernels

/// One convolution's geometry, as the channels-last im2col and col2im read it: an input of
/// H × W positions with C channels, a KH × KW kernel, strides, zero padding on each side, and the
/// Ho × Wo output. A 1-D convolution over L positions is the H = 1 case (`init(length:…)`).
public struct ConvGeometry: Sendable, Equatable {
    public var height, width, channels: Int
    public var kernelHeight, kernelWidth, strideHeight, strideWidth, padHeight, padWidth: Int
    public var outputHeight, outputWidth: Int

    public init(
        height: Int, width: Int, channels: Int, kernel: (Int, Int), stride: (Int, Int),
        padding: (Int, Int), output: (Int, Int)
    ) {
        self.height = height; self.width = width; self.channels = channels
        (kernelHeight, kernelWidth) = kernel
        (strideHeight, strideWidth) = stride
        (padHeight, padWidth) = padding
        (outputHeight, outputWidth) = output
    }

    /// A 1-D convolution: L input positions, kernel K, stride S, padding P, Lo outputs.
    public init(length: Int, channels: Int, kernel: Int, stride: Int, padding: Int, outputLength: Int) {
        self.init(
            height: 1, width: length, channels: channels, kernel: (1, kernel), stride: (1, stride),
            padding: (0, padding), output: (1, outputLength))
    }

    /// Output positions per example.
    public var outputPositions: Int { outputHeight * outputWidth }
    /// Columns of a patch: one per (kernel tap, input channel).
    public var patchSize: Int { kernelHeight * kernelWidth * channels }

    @usableFromInline var c: basin_conv_geometry {
        basin_conv_geometry(
            height: height, width: width, channels: channels, kernel_h: kernelHeight, kernel_w: kernelWidth,
            stride_h: strideHeight, stride_w: strideWidth, pad_h: padHeight, pad_w: padWidth,
            out_height: outputHeight, out_width: outputWidth)
    }
}

public enum Layout {
    /// dst[b, j, i] = src[b, i, j]: `batch` matrices [rows × cols] → [cols × rows].
    public static func transpose(
        batch: Int, rows: Int, cols: Int, _ src: UnsafePointer<Float>,
        into dst: UnsafeMutablePointer<Float>
    ) {
        basin_transpose_batch(batch, rows, cols, src, dst)
    }

    /// dst[b, j, i] += src[b, i, j].
    public static func transposeAdd(
        batch: Int, rows: Int, cols: Int, _ src: UnsafePointer<Float>,
        into dst: UnsafeMutablePointer<Float>
    ) {
        basin_transpose_add_batch(batch, rows, cols, src, dst)
    }

    /// cols[b·Ho·Wo + oy·Wo + ox, (ky·KW + kx)·C + c] = x[b, oy·SH − PH + ky, ox·SW − PW + kx, c]
    /// (0 in the padding): x [B × H × W × C] → cols [B·Ho·Wo × KH·KW·C], one contiguous run per
    /// window row. For a signal (H = 1): cols[b·Lo + t, k·C + c] = x[b, t·S − P + k, c].
    public static func im2col(
        batch: Int, _ g: ConvGeometry, _ x: UnsafePointer<Float>,
        into cols: UnsafeMutablePointer<Float>
    ) {
        basin_im2col_cl(batch, g.c, x, cols)
    }

    /// The adjoint of `im2col`: each column entry added back to the pixel it was copied from
    /// (OVERWRITES dx [B × H × W × C]).
    public static func col2im(
        batch: Int, _ g: ConvGeometry, _ dcols: UnsafePointer<Float>,
        into dx: UnsafeMutablePointer<Float>
    ) {
        basin_col2im_cl(batch, g.c, dcols, dx)
    }

    /// Max pooling over KH × KW windows (the geometry's kernel and strides; no padding):
    /// y = each window's largest value per channel, arg = its position (y·W + x) as Float.
    public static func maxPoolForward(
        batch: Int, _ g: ConvGeometry, _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>,
        argmax: UnsafeMutablePointer<Float>
    ) {
        basin_maxpool_forward_cl(batch, g.c, x, y, argmax)
    }

    /// dx (OVERWRITTEN) = each dy added at its window's argmax.
    public static func maxPoolBackward(
        batch: Int, _ g: ConvGeometry, _ dy: UnsafePointer<Float>, argmax: UnsafePointer<Float>,
        into dx: UnsafeMutablePointer<Float>
    ) {
        basin_maxpool_backward_cl(batch, g.c, dy, argmax, dx)
    }

    /// Average pooling over KH × KW windows: y = each window's mean per channel.
    public static func avgPoolForward(
        batch: Int, _ g: ConvGeometry, _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>
    ) {
        basin_avgpool_forward_cl(batch, g.c, x, y)
    }

    /// dx (OVERWRITTEN) = Σ over the windows holding each position of dy / (KH·KW).
    public static func avgPoolBackward(
        batch: Int, _ g: ConvGeometry, _ dy: UnsafePointer<Float>, into dx: UnsafeMutablePointer<Float>
    ) {
        basin_avgpool_backward_cl(batch, g.c, dy, dx)
    }
}
