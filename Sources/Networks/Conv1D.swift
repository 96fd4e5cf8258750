// 1-D convolution (cross-correlation, as PyTorch's nn.Conv1d) on channels-last activations, by
// im2col and ONE matrix product over the whole batch; col2im scatters the input gradient back.
//
// Why one product for the batch: per example the products are tiny (10×75×25 for the MNIST-1D
// CNN) and a call's overhead would dominate; with every output position of the batch as a row,
// the product has m = B·Lo (500–1900). Why channels-last: a window of K positions is then ONE
// contiguous run of K·C floats, so im2col is a copy per output position, the product's rows
// [B·Lo × O] ARE the output [B × Lo × O] (no permute), and col2im is one add per position.
import Kernels

/// Shapes (B batch, C input channels, L input length, O output channels, K kernel, Lo output
/// length = ⌊(L + 2P − K)/S⌋ + 1 for stride S and zero padding P):
///   x [B × L × C] (channels-last; an input of shape [L] is [L × 1]), y [B × Lo × O]
///   W [O × C × K] (PyTorch's layout, what exports and checkpoints hold), b [O]
///   scratch: cols [B·Lo × K·C] (patches in (k, c) order); W′ and dW′ [O × K·C] (the weight in
///   patch order and its gradient, when C, K > 1); dW′ᵀ [K·C × O] (when K·C < O)
///
/// NOTE: patches are ordered (k, c), so a window inside the signal is one copy; the weight is
/// permuted to match, W′[o, k·C + c] = W[o, c, k], once per forward (O·C·K floats — 1,875 for
/// the MNIST-1D CNN, against 75,000 floats of patches), and dW′ is permuted back in backward.
/// With C = 1 (or K = 1) the two orders coincide and W is used directly. The alternative, (c, k)
/// patches matching W, makes every patch a gather of K strided floats per channel: measured in C
/// on the MNIST-1D CNN's second conv (B = 100, C = 25, K = 3), im2col takes 54–77 µs instead of
/// 5 µs and col2im 23 µs instead of 8 µs, against well under 1 µs for both weight permutes.
///
/// NOTE: `backward` reuses `cols` for the column gradient when it needs dx, and reads the W′ the
/// forward wrote, so each backward must follow its own forward (as every training step and
/// gradient check does).
public struct Conv1D: Layer {
    public let inputShape: [Int]
    public let input: SignalShape
    public let channels: Int
    public let kernel: Int
    public let stride: Int
    public let padding: Int
    public let hasBias: Bool
    public let outputLength: Int
    public let outputShape: [Int]
    let geometry: Conv1DGeometry

    /// Settings are validated by the builder; here impossible ones give an empty output.
    public init(inputShape: [Int], channels: Int, kernel: Int, stride: Int = 1, padding: Int = 0, bias: Bool = true) {
        self.inputShape = inputShape
        self.input = SignalShape(inputShape) ?? SignalShape(channels: 1, length: inputShape.reduce(1, *))
        self.channels = channels
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.hasBias = bias
        self.outputLength = slidingOutputLength(length: input.length, kernel: kernel, stride: stride, padding: padding)
        self.outputShape = [channels, outputLength]
        self.geometry = Conv1DGeometry(
            length: input.length, channels: input.channels, kernel: kernel, stride: stride,
            padding: padding, outputLength: outputLength)
    }

    public var kind: String { "conv" }
    public var summary: String {
        "conv \(channels) k=\(kernel) s=\(stride) pad=\(padding)" + (hasBias ? "" : " (no bias)")
    }
    /// Columns of the patch matrix: one per (kernel tap, input channel).
    var patchSize: Int { input.channels * kernel }
    /// Whether W must be permuted to (k, c) order (it is already when C = 1).
    var permutesWeight: Bool { input.channels > 1 && kernel > 1 }
    public var scratch: ScratchSize {
        let weights = channels * patchSize
        let fixed = (permutesWeight ? 2 * weights : 0) + (patchSize < channels ? weights : 0)
        return ScratchSize(perExample: patchSize * outputLength, fixed: fixed)
    }

    public var parameters: [ParameterTensor] {
        let w = ParameterTensor(name: "weight", offset: 0, shape: [channels, input.channels, kernel], role: .weight)
        guard hasBias else { return [w] }
        return [w, ParameterTensor(name: "bias", offset: channels * patchSize, shape: [channels], role: .bias)]
    }

    /// fan_in = C·K and fan_out = O·K, as PyTorch computes them for convolutions.
    public func initialize(
        params: UnsafeMutablePointer<Float>, state: UnsafeMutablePointer<Float>,
        scheme: Initializer, rng: inout RNG
    ) {
        let n = channels * patchSize
        scheme.fillWeights(params, count: n, fanIn: patchSize, fanOut: channels * kernel, rng: &rng)
        if hasBias { scheme.fillBiases(params + n, count: channels, fanIn: patchSize, rng: &rng) }
    }

    /// cols = im2col(x);  y[B·Lo × O] = cols · W′ᵀ + b
    public func forward(_ io: LayerIO) {
        let rows = io.batch * outputLength
        let cols = io.scratch
        Layout.im2col(batch: io.batch, geometry, io.x, into: cols)
        let w = patchOrderedWeights(io)
        BLAS.gemm(transB: true, m: rows, n: channels, k: patchSize, a: cols, b: w, c: io.y)
        if hasBias { Vec.addRowVector(rows, channels, io.params + channels * patchSize, io.y) }
    }

    /// db += Σ_rows dy;  dW′ = dyᵀ · cols (dW += dW′ permuted back);  dcols = dy · W′;  dx = col2im(dcols)
    public func backward(_ io: LayerIO) {
        let rows = io.batch * outputLength
        let cols = io.scratch, dy = UnsafePointer(io.dy)
        if hasBias { Vec.accumulateColumnSums(rows, channels, dy, into: io.grads + channels * patchSize) }
        accumulateWeightGradient(io, rows: rows)
        guard let dx = io.dx else { return }
        let w = permutesWeight ? UnsafePointer(weightScratch(io)) : UnsafePointer(io.params)
        BLAS.gemm(m: rows, n: patchSize, k: channels, a: dy, b: w, c: cols)
        Layout.col2im(batch: io.batch, geometry, cols, into: dx)
    }

    /// dW += dW′ permuted back, with dW′ = dyᵀ · cols [O × K·C] or, when K·C < O, its transpose
    /// colsᵀ · dy [K·C × O]: the product's wider side runs along the vector lanes (measured on
    /// the MNIST-1D CNN: 2.4 instead of 8.8 µs for the first conv's K·C = 5, O = 25; the first
    /// way is 7% faster for the others' K·C = 75).
    func accumulateWeightGradient(_ io: LayerIO, rows: Int) {
        let (cols, dy) = (UnsafePointer(io.scratch), UnsafePointer(io.dy))
        let dwt = transposedGradientScratch(io), dw = permutedGradientScratch(io)
        if patchSize < channels {
            BLAS.gemm(transA: true, m: patchSize, n: channels, k: rows, a: cols, b: dy, c: dwt)
            guard permutesWeight else {
                return Layout.transposeAdd(batch: 1, rows: patchSize, cols: channels, dwt, into: io.grads)
            }
            Layout.transpose(batch: 1, rows: patchSize, cols: channels, dwt, into: dw)
        } else if permutesWeight {
            BLAS.gemm(transA: true, m: channels, n: patchSize, k: rows, a: dy, b: cols, c: dw)
        } else {
            return BLAS.gemm(transA: true, m: channels, n: patchSize, k: rows, a: dy, b: cols, beta: 1, c: io.grads)
        }
        // dW[o, c, k] += dW′[o, k, c]: per filter, a [K × C] → [C × K] transpose.
        Layout.transposeAdd(batch: channels, rows: kernel, cols: input.channels, dw, into: io.grads)
    }

    /// W′ [O × K·C]: W itself when C = 1 or K = 1, else W permuted into the scratch.
    func patchOrderedWeights(_ io: LayerIO) -> UnsafePointer<Float> {
        guard permutesWeight else { return UnsafePointer(io.params) }
        let w = weightScratch(io)
        Layout.transpose(batch: channels, rows: input.channels, cols: kernel, io.params, into: w)
        return UnsafePointer(w)
    }

    /// The fixed scratch after the batch's columns: W′ and dW′ when permuting, then dW′ᵀ when K·C < O.
    func weightScratch(_ io: LayerIO) -> UnsafeMutablePointer<Float> {
        io.scratch + io.batch * outputLength * patchSize
    }

    func permutedGradientScratch(_ io: LayerIO) -> UnsafeMutablePointer<Float> {
        weightScratch(io) + channels * patchSize
    }

    func transposedGradientScratch(_ io: LayerIO) -> UnsafeMutablePointer<Float> {
        weightScratch(io) + (permutesWeight ? 2 * channels * patchSize : 0)
    }
}
