// A sequence of layers run one after another, with its workspace layout computed once.
// Networks are a stack; a residual block holds a stack for its branch.
//
// Workspace layout for batch B: for each layer i, [y_i | dy_i | scratch_i], each sized linearly
// in B, so offsets are `perExample·B + fixed` pairs precomputed at construction and a training
// step allocates nothing.
//
// A network's stack is where the channels-last storage of [C, L] activations (Shapes.swift)
// meets the outside, which holds examples channel-major as files do: an input of shape [C, L]
// with C > 1 is converted on entry (into [x | dx] regions before the layers' ones), and an output
// of that shape back on exit (into [y | dy] regions after them). The conversions are part of the
// stack, not layers, so layer numbers stay what users typed (`show`, `hist layer=3`, parameter
// names). A residual branch's stack exchanges channels-last activations and converts nothing.
import Kernels

public struct LayerStack: Sendable {
    public let layers: [any Layer]
    public let inputShape: [Int]
    public let parameterOffsets: [Int]
    public let stateOffsets: [Int]
    public let parameterCount: Int
    public let stateCount: Int
    /// Floats of workspace the whole stack needs for a batch.
    public let workspace: ScratchSize
    /// Non-nil when the input arrives channel-major and is converted to channels-last on entry.
    public let inputConversion: ChannelView?
    /// Non-nil when the last layer's channels-last output is converted to channel-major on exit.
    public let outputConversion: ChannelView?
    /// Each layer's outputCount, precomputed: a layer's `outputShape` may build an array on
    /// every call, and the hot path must not allocate.
    @usableFromInline let outputCounts: [Int]
    private let yOffsets: [ScratchSize]
    private let scratchOffsets: [ScratchSize]
    /// Where the converted output and its gradient live (when `outputConversion` is set).
    private let exitOffset: ScratchSize

    /// Lays out `layers`, which must already chain shapes (the builder checks that).
    /// `convertsLayout`: true for a network's stack, whose inputs and outputs are channel-major
    /// as files hold them; false for a residual branch (or a test of layers on their own storage).
    public init(inputShape: [Int], layers: [any Layer], convertsLayout: Bool = false) {
        self.inputShape = inputShape
        self.layers = layers
        inputConversion = convertsLayout ? ChannelView.transposed(inputShape) : nil
        outputConversion = convertsLayout ? ChannelView.transposed(layers.last?.outputShape ?? []) : nil
        var p = 0, s = 0
        var ws = ScratchSize.none
        if inputConversion != nil {
            let n = ScratchSize(perExample: inputShape.reduce(1, *))
            ws = n + n  // x then dx, channels-last
        }
        var pOff: [Int] = [], sOff: [Int] = [], yOff: [ScratchSize] = [], scOff: [ScratchSize] = []
        for layer in layers {
            pOff.append(p); sOff.append(s)
            p += layer.parameterCount; s += layer.stateCount
            let out = ScratchSize(perExample: layer.outputCount)
            yOff.append(ws)
            ws = ws + out + out  // y then dy
            scOff.append(ws)
            ws = ws + layer.scratch
        }
        exitOffset = ws
        if outputConversion != nil, let last = layers.last {
            let out = ScratchSize(perExample: last.outputCount)
            ws = ws + out + out  // y then dy, channel-major
        }
        outputCounts = layers.map(\.outputCount)
        parameterOffsets = pOff; stateOffsets = sOff
        parameterCount = p; stateCount = s
        yOffsets = yOff; scratchOffsets = scOff
        workspace = ws
    }

    public var outputShape: [Int] { layers.last?.outputShape ?? inputShape }
    public var outputCount: Int { outputShape.reduce(1, *) }

    /// The buffers of layer `i` for batch `b`, wired to its input `x` and input gradient `dx`.
    @inlinable
    func io(
        _ i: Int, batch b: Int, x: UnsafeMutablePointer<Float>, dx: UnsafeMutablePointer<Float>?,
        buffers: StackBuffers
    ) -> LayerIO {
        let y = buffers.workspace + yOffsetsAt(i, b)
        let n = outputCounts[i] * b
        return LayerIO(
            batch: b, x: x, y: y, dx: dx, dy: y + n,
            params: buffers.params + parameterOffsets[i], grads: buffers.grads + parameterOffsets[i],
            state: buffers.state + stateOffsets[i], scratch: buffers.workspace + scratchOffsetsAt(i, b),
            training: buffers.training, rng: buffers.rng)
    }

    @usableFromInline func yOffsetsAt(_ i: Int, _ b: Int) -> Int { yOffsets[i].count(batch: b) }
    @usableFromInline func scratchOffsetsAt(_ i: Int, _ b: Int) -> Int { scratchOffsets[i].count(batch: b) }

    /// Output activations [B × outputCount] of the stack (valid after `forward`): the last
    /// layer's, or their channel-major copy when the stack converts its output.
    public func output(batch b: Int, workspace: UnsafeMutablePointer<Float>) -> UnsafeMutablePointer<Float> {
        guard let last = layers.indices.last else { return workspace }
        if outputConversion != nil { return workspace + exitOffset.count(batch: b) }
        return workspace + yOffsetsAt(last, b)
    }

    /// Output activations of layer `i` [B × outputCount(i)] after `forward`, as stored
    /// (channels-last for [C, L]; for diagnostics).
    public func layerOutput(_ i: Int, batch b: Int, workspace: UnsafeMutablePointer<Float>) -> UnsafeMutablePointer<Float> {
        workspace + yOffsetsAt(i, b)
    }

    /// Where the caller writes dLoss/dOutput [B × outputCount] before `backward`.
    public func outputGradient(batch b: Int, workspace: UnsafeMutablePointer<Float>) -> UnsafeMutablePointer<Float> {
        guard let last = layers.indices.last else { return workspace }
        return output(batch: b, workspace: workspace) + outputCounts[last] * b
    }

    /// Runs every layer forward on x [B × inputCount]; returns the output pointer.
    @discardableResult
    public func forward(x: UnsafeMutablePointer<Float>, batch b: Int, buffers: StackBuffers) -> UnsafeMutablePointer<Float> {
        forward(x: x, batch: b, buffers: buffers, from: 0)
    }

    /// Runs layers `from…` forward, with `x` as the input of layer `from` (the output of the
    /// layer before it). Loss-surface evaluation computes the first layer itself.
    @discardableResult
    public func forward(
        x: UnsafeMutablePointer<Float>, batch b: Int, buffers: StackBuffers, from start: Int
    ) -> UnsafeMutablePointer<Float> {
        var input = x
        if start == 0, let v = inputConversion {
            v.toChannelsLast(batch: b, x, into: buffers.workspace)
            input = buffers.workspace
        }
        for i in layers.indices where i >= start {
            let io = io(i, batch: b, x: input, dx: nil, buffers: buffers)
            layers[i].forward(io)
            input = io.y
        }
        guard let v = outputConversion else { return input }
        let y = output(batch: b, workspace: buffers.workspace)
        v.toChannelMajor(batch: b, input, into: y)
        return y
    }

    /// Runs every layer backward, from the output gradient to `dx` (nil: input gradient unneeded).
    /// Parameter gradients are accumulated into `buffers.grads`.
    public func backward(x: UnsafeMutablePointer<Float>, dx: UnsafeMutablePointer<Float>?, batch b: Int, buffers: StackBuffers) {
        // With an entry conversion, layer 0 reads the converted x and writes dx channels-last.
        let converted = buffers.workspace, convertedGrad = buffers.workspace + inputShape.reduce(1, *) * b
        let entry = inputConversion == nil ? x : converted
        let entryGrad = inputConversion == nil ? dx : dx.map { _ in convertedGrad }
        if let v = outputConversion, let last = layers.indices.last {
            let dy = buffers.workspace + yOffsetsAt(last, b) + outputCounts[last] * b
            v.toChannelsLast(batch: b, outputGradient(batch: b, workspace: buffers.workspace), into: dy)
        }
        var i = layers.count - 1
        while i >= 0 {
            let input = i == 0 ? entry : buffers.workspace + yOffsetsAt(i - 1, b)
            let inputGrad = i == 0 ? entryGrad : input + outputCounts[i - 1] * b
            layers[i].backward(io(i, batch: b, x: input, dx: inputGrad, buffers: buffers))
            i -= 1
        }
        if let v = inputConversion, let dx { v.toChannelMajor(batch: b, convertedGrad, into: dx) }
    }
}

/// The storage a stack runs on: views into a network's parameter, gradient and state buffers and
/// a workspace, plus the mode and randomness of this call.
public struct StackBuffers {
    public var params: UnsafeMutablePointer<Float>
    public var grads: UnsafeMutablePointer<Float>
    public var state: UnsafeMutablePointer<Float>
    public var workspace: UnsafeMutablePointer<Float>
    public var training: Bool
    public var rng: UnsafeMutablePointer<RNG>

    public init(
        params: UnsafeMutablePointer<Float>, grads: UnsafeMutablePointer<Float>,
        state: UnsafeMutablePointer<Float>, workspace: UnsafeMutablePointer<Float>,
        training: Bool, rng: UnsafeMutablePointer<RNG>
    ) {
        self.params = params; self.grads = grads; self.state = state
        self.workspace = workspace; self.training = training; self.rng = rng
    }

    /// The same storage seen from inside a layer: its own params/grads/state and a scratch region.
    public init(layer io: LayerIO, workspace: UnsafeMutablePointer<Float>) {
        self.init(
            params: io.params, grads: io.grads, state: io.state, workspace: workspace,
            training: io.training, rng: io.rng)
    }
}
