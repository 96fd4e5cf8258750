// Convolution (cross-correlation, as PyTorch's nn.Conv1d and nn.Conv2d) on channels-last
// activations, by im2col and ONE matrix product over the whole batch; col2im scatters the input
// gradient back. A signal is an image one row high, so conv and conv2d are one layer.
//
// Why one product for the batch: per example the products are tiny (10×75×25 for the MNIST-1D
// CNN) and a call's overhead would dominate; with every output position of the batch as a row,
// the product has m = B·Lo (500–1900). Why channels-last: a window of K positions is then ONE
// contiguous run of K·C floats, so im2col is a copy per output position, the product's rows
// [B·Lo × O] ARE the output [B × Lo × O] (no permute), and col2im is one add per position.
import Kernels

/// Shapes (B batch, C input channels, O output channels; a signal [C, L] is an image of height 1):
///   x [B × H × W × C] (channels-last; an input of shape [L] is [1 × L × 1]), y [B × Ho × Wo × O]
///   with Ho = ⌊(H + 2P − K)/S⌋ + 1 and Wo alike for conv2d (kernel K × K, stride S, padding P
///   on both axes); for conv, H = Ho = 1, a kernel of 1 × K and Lo = Wo
///   W [O × C × K] (conv) or [O × C × K × K] (conv2d): PyTorch's layouts, what exports and
///   checkpoints hold; b [O]
///   scratch: cols [E·Ho·Wo × T·C] for a chunk of E examples (`chunkExamples`) with T the
///   kernel's taps (K or K²), in (tap, c) order; W′ and
///   dW′ [O × T·C] (the weight in patch order and its gradient, when C, T > 1); dW′ᵀ [T·C × O]
///   (when T·C < O)
///
/// NOTE: patches are ordered (tap, c), so a window row inside the input is one copy; the weight
/// is permuted to match, W′[o, t·C + c] = W[o, c, t], once per forward (O·C·T floats — 1,875 for
/// the MNIST-1D CNN, against 75,000 floats of patches), and dW′ is permuted back in backward.
/// With C = 1 (or T = 1) the two orders coincide and W is used directly. The alternative, (c, t)
/// patches matching W, makes every patch a gather of T strided floats per channel: measured in C
/// on the MNIST-1D CNN's second conv (B = 100, C = 25, K = 3), im2col takes 54–77 µs instead of
/// 5 µs and col2im 23 µs instead of 8 µs, against well under 1 µs for both weight permutes.
///
/// NOTE: `backward` reuses `cols` for the column gradient when it needs dx, and reads the W′ the
/// forward wrote, so each backward must follow its own forward (as every training step and
/// gradient check does).
public struct Convolution: Layer {
    public let inputShape: [Int]
    public let input: GridShape
    public let channels: Int
    public let kernel: Int
    public let stride: Int
    public let padding: Int
    public let hasBias: Bool
    public let output: GridShape
    public let outputShape: [Int]
    let geometry: ConvGeometry

    /// `dimensions` 1: nn.Conv1d over [L] or [C, L]; 2: nn.Conv2d over [C, H, W] with a square
    /// kernel, the same stride and padding on both axes. Settings are validated by the builder;
    /// here impossible ones give an empty output.
    public init(
        inputShape: [Int], channels: Int, kernel: Int, stride: Int = 1, padding: Int = 0, bias: Bool = true,
        dimensions: Int = 1
    ) {
        self.inputShape = inputShape
        let input = GridShape.reading(inputShape, dimensions: dimensions)
        self.input = input
        self.channels = channels
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.hasBias = bias
        let wo = slidingOutputLength(length: input.width, kernel: kernel, stride: stride, padding: padding)
        let planar = input.dimensions == 2
        let ho = planar ? slidingOutputLength(length: input.height, kernel: kernel, stride: stride, padding: padding) : 1
        self.output = input.with(channels: channels, height: ho, width: wo)
        self.outputShape = output.shape
        self.geometry = ConvGeometry(
            height: input.height, width: input.width, channels: input.channels,
            kernel: (planar ? kernel : 1, kernel), stride: (planar ? stride : 1, stride),
            padding: (planar ? padding : 0, padding), output: (ho, wo))
    }

    public var kind: String { input.dimensions == 2 ? "conv2d" : "conv" }
    public var summary: String {
        "\(kind) \(channels) k=\(kernel) s=\(stride) pad=\(padding)" + (hasBias ? "" : " (no bias)")
    }
    /// Kernel taps: K, or K² for conv2d.
    var taps: Int { geometry.kernelHeight * geometry.kernelWidth }
    /// Columns of the patch matrix: one per (kernel tap, input channel).
    var patchSize: Int { geometry.patchSize }
    /// Output positions per example (Lo, or Ho·Wo).
    var outputPositions: Int { geometry.outputPositions }
    /// Whether W must be permuted to (tap, c) order (it is already when C = 1).
    var permutesWeight: Bool { input.channels > 1 && taps > 1 }
    public var scratch: ScratchSize {
        let weights = channels * patchSize
        let fixed = (permutesWeight ? 2 * weights : 0) + (patchSize < channels ? weights : 0)
        // Columns for one chunk of examples, whatever the batch.
        return ScratchSize(fixed: chunkExamples * patchSize * outputPositions + fixed)
    }

    public var parameters: [ParameterTensor] {
        let shape = [channels, input.channels] + (input.dimensions == 2 ? [kernel, kernel] : [kernel])
        let w = ParameterTensor(name: "weight", offset: 0, shape: shape, role: .weight)
        guard hasBias else { return [w] }
        return [w, ParameterTensor(name: "bias", offset: channels * patchSize, shape: [channels], role: .bias)]
    }

    /// fan_in = C·T and fan_out = O·T, as PyTorch computes them for convolutions.
    public func initialize(
        params: UnsafeMutablePointer<Float>, state: UnsafeMutablePointer<Float>,
        scheme: Initializer, rng: inout RNG
    ) {
        let n = channels * patchSize
        scheme.fillWeights(params, count: n, fanIn: patchSize, fanOut: channels * taps, rng: &rng)
        if hasBias { scheme.fillBiases(params + n, count: channels, fanIn: patchSize, rng: &rng) }
    }

    /// Floats of patches one chunk of examples may hold: 1 MiB, so im2col writes, and the
    /// products read, a buffer that stays in the L2 cache. Measured on peer_conv2d.py's CNN (its
    /// second conv: 64 positions × 144 patch entries a 16×16 example, 3.7 MB for a batch of 100):
    /// 294–304 steps/s with the whole batch's patches, 313–319 in chunks of 28 examples (1 MiB),
    /// 285–288 in chunks of 7 (256 KiB) — although backward forms each chunk's patches again.
    /// Convolutions whose batch fits in one chunk (the MNIST-1D CNN: 95 floats an example) run as
    /// one product, their patches kept from forward to backward.
    static let chunkFloats = 1 << 18

    /// Examples per chunk: as many as fit in `chunkFloats`, at least one.
    var chunkExamples: Int { max(1, Self.chunkFloats / max(1, outputPositions * patchSize)) }

    /// Calls `body(first, count)` for consecutive chunks of the batch's examples.
    func forEachChunk(_ batch: Int, _ body: (Int, Int) -> Void) {
        var first = 0
        while first < batch {
            let count = min(chunkExamples, batch - first)
            body(first, count)
            first += count
        }
    }

    /// Per chunk: cols = im2col(x);  y[rows × O] = cols · W′ᵀ;  then y += b.
    public func forward(_ io: LayerIO) {
        let w = patchOrderedWeights(io), cols = io.scratch
        let inputs = inputCount, outputs = outputPositions * channels
        forEachChunk(io.batch) { first, count in
            Layout.im2col(batch: count, geometry, io.x + first * inputs, into: cols)
            BLAS.gemm(
                transB: true, m: count * outputPositions, n: channels, k: patchSize, a: cols, b: w,
                c: io.y + first * outputs)
        }
        if hasBias { Vec.addRowVector(io.batch * outputPositions, channels, io.params + channels * patchSize, io.y) }
    }

    /// db += Σ_rows dy; per chunk (patches formed again): dW′ += dyᵀ · cols, dcols = dy · W′,
    /// dx = col2im(dcols); then dW += dW′ permuted back.
    public func backward(_ io: LayerIO) {
        let dy = UnsafePointer(io.dy), cols = io.scratch
        if hasBias {
            Vec.accumulateColumnSums(io.batch * outputPositions, channels, dy, into: io.grads + channels * patchSize)
        }
        let inputs = inputCount, outputs = outputPositions * channels
        let single = io.batch <= chunkExamples
        let w = permutesWeight ? UnsafePointer(weightScratch(io)) : UnsafePointer(io.params)
        forEachChunk(io.batch) { first, count in
            let rows = count * outputPositions, dyChunk = dy + first * outputs
            // A single chunk's patches are still there from forward.
            if !single { Layout.im2col(batch: count, geometry, io.x + first * inputs, into: cols) }
            accumulateWeightGradient(io, cols: cols, dy: dyChunk, rows: rows, beta: first == 0 ? 0 : 1)
            guard let dx = io.dx else { return }
            BLAS.gemm(m: rows, n: patchSize, k: channels, a: dyChunk, b: w, c: cols)
            Layout.col2im(batch: count, geometry, cols, into: dx + first * inputs)
        }
        finishWeightGradient(io)
    }

    /// dW′ = dyᵀ · cols [O × T·C] or, when T·C < O, its transpose colsᵀ · dy [T·C × O] (the
    /// product's wider side along the vector lanes: measured on the MNIST-1D CNN, 2.4 instead of
    /// 8.8 µs for the first conv's K·C = 5, O = 25; the first way is 7% faster for K·C = 75),
    /// `beta` 1 adding to the chunks before. With neither a transpose nor a permute, straight
    /// into dW.
    func accumulateWeightGradient(
        _ io: LayerIO, cols: UnsafePointer<Float>, dy: UnsafePointer<Float>, rows: Int, beta: Float
    ) {
        if patchSize < channels {
            BLAS.gemm(
                transA: true, m: patchSize, n: channels, k: rows, a: cols, b: dy, beta: beta,
                c: transposedGradientScratch(io))
        } else if permutesWeight {
            BLAS.gemm(
                transA: true, m: channels, n: patchSize, k: rows, a: dy, b: cols, beta: beta,
                c: permutedGradientScratch(io))
        } else {
            BLAS.gemm(transA: true, m: channels, n: patchSize, k: rows, a: dy, b: cols, beta: 1, c: io.grads)
        }
    }

    /// dW += the chunks' dW′ in W's layout.
    func finishWeightGradient(_ io: LayerIO) {
        let dwt = transposedGradientScratch(io), dw = permutedGradientScratch(io)
        if patchSize < channels {
            guard permutesWeight else {
                return Layout.transposeAdd(batch: 1, rows: patchSize, cols: channels, dwt, into: io.grads)
            }
            Layout.transpose(batch: 1, rows: patchSize, cols: channels, dwt, into: dw)
        } else if !permutesWeight {
            return
        }
        // dW[o, c, t] += dW′[o, t, c]: per filter, a [T × C] → [C × T] transpose.
        Layout.transposeAdd(batch: channels, rows: taps, cols: input.channels, dw, into: io.grads)
    }

    /// W′ [O × T·C]: W itself when C = 1 or T = 1, else W permuted into the scratch.
    func patchOrderedWeights(_ io: LayerIO) -> UnsafePointer<Float> {
        guard permutesWeight else { return UnsafePointer(io.params) }
        let w = weightScratch(io)
        Layout.transpose(batch: channels, rows: input.channels, cols: taps, io.params, into: w)
        return UnsafePointer(w)
    }

    /// The scratch after one chunk's columns: W′ and dW′ when permuting, then dW′ᵀ when T·C < O.

    func weightScratch(_ io: LayerIO) -> UnsafeMutablePointer<Float> {
        io.scratch + chunkExamples * outputPositions * patchSize
    }

    func permutedGradientScratch(_ io: LayerIO) -> UnsafeMutablePointer<Float> {
        weightScratch(io) + channels * patchSize
    }

    func transposedGradientScratch(_ io: LayerIO) -> UnsafeMutablePointer<Float> {
        weightScratch(io) + (permutesWeight ? 2 * channels * patchSize : 0)
    }
}
