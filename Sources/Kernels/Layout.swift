// Data movement between activation layouts, forwarded to CKernels (layout.c): batched
// transposes and the channels-last im2col / col2im of 1-D convolutions. Networks calls these;
// it never imports CKernels itself.
import CKernels

/// One 1-D convolution's geometry (L input length, C input channels, K kernel, S stride,
/// P zero padding, Lo output length), as the channels-last im2col and col2im read it.
public struct Conv1DGeometry: Sendable, Equatable {
    public var length, channels, kernel, stride, padding, outputLength: Int

    public init(length: Int, channels: Int, kernel: Int, stride: Int, padding: Int, outputLength: Int) {
        self.length = length; self.channels = channels; self.kernel = kernel
        self.stride = stride; self.padding = padding; self.outputLength = outputLength
    }

    @usableFromInline var c: basin_conv1d_geometry {
        basin_conv1d_geometry(
            length: length, channels: channels, kernel: kernel, stride: stride,
            padding: padding, out_length: outputLength)
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

    /// cols[b·Lo + t, k·C + c] = x[b, t·S − P + k, c] (0 outside the signal):
    /// x [B × L × C] → cols [B·Lo × K·C], one contiguous run per output position.
    public static func im2col(
        batch: Int, _ g: Conv1DGeometry, _ x: UnsafePointer<Float>,
        into cols: UnsafeMutablePointer<Float>
    ) {
        basin_im2col_cl(batch, g.c, x, cols)
    }

    /// dx[b, t·S − P + k, c] = Σ_{t,k} dcols[b·Lo + t, k·C + c]: the adjoint of `im2col`
    /// (OVERWRITES dx [B × L × C]).
    public static func col2im(
        batch: Int, _ g: Conv1DGeometry, _ dcols: UnsafePointer<Float>,
        into dx: UnsafeMutablePointer<Float>
    ) {
        basin_col2im_cl(batch, g.c, dcols, dx)
    }
}
