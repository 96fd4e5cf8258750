// Fully connected layer: y = x·Wᵀ + b, with W stored [out × in] as PyTorch's nn.Linear does
// (so exported weights load unchanged and each output unit's row is one "filter").
import Kernels

/// Shapes (B batch, I inputs, O outputs):
///   x [B × I], W [O × I], b [O], y [B × O]
/// An input of any shape is read flattened in PyTorch's order: a [C, L] input, stored
/// channels-last, is first permuted to (c, l) order in scratch, so W means what it would after a
/// flatten (and what PyTorch's would). The residual block's projection may give the output a
/// shape too (`outputShape`); a [C, L] output's features are (c, l)-ordered rows of W and are
/// permuted into channels-last storage.
/// Position-wise (after `embed`, as PyTorch's nn.Linear on [B, L, C]): a [C, L] input is L
/// vectors of C features, each mapped on its own by the same W [O × C] to a [O, L] output —
/// one product over B·L rows of the channels-last storage, nothing permuted.
///   scratch: x in (c, l) order [B × I] kept for backward, and dx in (c, l) order [B × I], when
///   the input is permuted; y and dy in (c, l) order [B × O] when the output is
public struct Dense: Layer {
    public let inputShape: [Int]
    public let units: Int
    public let hasBias: Bool
    public let outputShape: [Int]
    /// Non-nil when the input's / output's storage differs from (c, l) order.
    let inputView: ChannelView?
    let outputView: ChannelView?
    /// Vectors mapped on their own per example: 1, or L for a position-wise layer on [C, L].
    public let positions: Int

    /// `outputShape` defaults to [units]; if given, its element count must be `units`.
    public init(inputShape: [Int], units: Int, bias: Bool = true, outputShape: [Int]? = nil) {
        self.inputShape = inputShape
        self.units = units
        self.hasBias = bias
        let shape = outputShape.flatMap { $0.reduce(1, *) == units ? $0 : nil } ?? [units]
        self.outputShape = shape
        self.inputView = ChannelView.transposed(inputShape)
        self.outputView = ChannelView.transposed(shape)
        self.positions = 1
    }

    /// A position-wise layer on a [C, L] input: [units, L] out.
    public init(positionwise inputShape: [Int], units: Int, bias: Bool = true) {
        let view = ChannelView(inputShape)
        self.inputShape = inputShape
        self.units = units
        self.hasBias = bias
        self.outputShape = [units, view.inner]
        self.inputView = nil
        self.outputView = nil
        self.positions = view.inner
    }

    /// Inputs of one vector (a row of W's product).
    var rowWidth: Int { inputCount / positions }
    public var kind: String { "dense" }
    public var summary: String {
        "dense \(units)" + (hasBias ? "" : " (no bias)") + (positions > 1 ? " (per position)" : "")
    }
    public var scratch: ScratchSize {
        ScratchSize(perExample: (inputView == nil ? 0 : 2 * inputCount) + (outputView == nil ? 0 : units))
    }

    public var parameters: [ParameterTensor] {
        let w = ParameterTensor(name: "weight", offset: 0, shape: [units, rowWidth], role: .weight)
        guard hasBias else { return [w] }
        return [w, ParameterTensor(name: "bias", offset: units * rowWidth, shape: [units], role: .bias)]
    }

    public func initialize(
        params: UnsafeMutablePointer<Float>, state: UnsafeMutablePointer<Float>,
        scheme: Initializer, rng: inout RNG
    ) {
        let n = units * rowWidth
        scheme.fillWeights(params, count: n, fanIn: rowWidth, fanOut: units, rng: &rng)
        if hasBias { scheme.fillBiases(params + n, count: units, fanIn: rowWidth, rng: &rng) }
    }

    /// y[B×O] = x[B×I] · Wᵀ + b
    public func forward(_ io: LayerIO) {
        let (b, i, o) = (io.batch * positions, rowWidth, units)
        let x = orderedInput(io), y = outputView == nil ? io.y : outputScratch(io)
        BLAS.gemm(transB: true, m: b, n: o, k: i, a: x, b: io.params, c: y)
        if hasBias { Vec.addRowVector(b, o, io.params + o * i, y) }
        outputView?.toChannelsLast(batch: b, y, into: io.y)
    }

    /// dW[O×I] += dyᵀ · x;  db[O] += Σ_B dy;  dx[B×I] = dy · W
    public func backward(_ io: LayerIO) {
        let (b, i, o) = (io.batch * positions, rowWidth, units)
        let x = inputView == nil ? UnsafePointer(io.x) : UnsafePointer(inputScratch(io))
        var dy = UnsafePointer(io.dy)
        if let v = outputView {
            v.toChannelMajor(batch: b, io.dy, into: outputScratch(io))
            dy = UnsafePointer(outputScratch(io))
        }
        BLAS.gemm(transA: true, m: o, n: i, k: b, a: dy, b: x, beta: 1, c: io.grads)
        if hasBias { Vec.accumulateColumnSums(b, o, dy, into: io.grads + o * i) }
        guard let dx = io.dx else { return }
        guard let v = inputView else { return BLAS.gemm(m: b, n: i, k: o, a: dy, b: io.params, c: dx) }
        let dxOrdered = inputScratch(io) + b * i
        BLAS.gemm(m: b, n: i, k: o, a: dy, b: io.params, c: dxOrdered)
        v.toChannelsLast(batch: b, dxOrdered, into: dx)
    }

    /// x in (c, l) order: x itself, or permuted into scratch.
    func orderedInput(_ io: LayerIO) -> UnsafePointer<Float> {
        guard let v = inputView else { return UnsafePointer(io.x) }
        v.toChannelMajor(batch: io.batch, io.x, into: inputScratch(io))
        return UnsafePointer(inputScratch(io))
    }

    /// Scratch: [x in (c, l) order | dx in (c, l) order] when the input is permuted, then y or dy
    /// in (c, l) order when the output is.
    func inputScratch(_ io: LayerIO) -> UnsafeMutablePointer<Float> { io.scratch }
    func outputScratch(_ io: LayerIO) -> UnsafeMutablePointer<Float> {
        io.scratch + (inputView == nil ? 0 : 2 * io.batch * inputCount)
    }
}
