// A sequence of layers run one after another, with its workspace layout computed once.
// Networks are a stack; a residual block holds a stack for its branch.
//
// Workspace layout for batch B: for each layer i, [y_i | dy_i | scratch_i], each sized linearly
// in B, so offsets are `perExample·B + fixed` pairs precomputed at construction and a training
// step allocates nothing.
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
    /// Each layer's outputCount, precomputed: a layer's `outputShape` may build an array on
    /// every call, and the hot path must not allocate.
    @usableFromInline let outputCounts: [Int]
    private let yOffsets: [ScratchSize]
    private let scratchOffsets: [ScratchSize]

    /// Lays out `layers`, which must already chain shapes (the builder checks that).
    public init(inputShape: [Int], layers: [any Layer]) {
        self.inputShape = inputShape
        self.layers = layers
        var p = 0, s = 0
        var ws = ScratchSize.none
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
    func io(_ i: Int, batch b: Int, x: UnsafeMutablePointer<Float>, dx: UnsafeMutablePointer<Float>?,
            buffers: StackBuffers) -> LayerIO {
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

    /// Output activations [B × outputCount] of the last layer (valid after `forward`).
    public func output(batch b: Int, workspace: UnsafeMutablePointer<Float>) -> UnsafeMutablePointer<Float> {
        guard let last = layers.indices.last else { return workspace }
        return workspace + yOffsetsAt(last, b)
    }

    /// Output activations of layer `i` [B × outputCount(i)] after `forward` (for diagnostics).
    public func layerOutput(_ i: Int, batch b: Int, workspace: UnsafeMutablePointer<Float>) -> UnsafeMutablePointer<Float> {
        workspace + yOffsetsAt(i, b)
    }

    /// Where the caller writes dLoss/dOutput [B × outputCount] before `backward`.
    public func outputGradient(batch b: Int, workspace: UnsafeMutablePointer<Float>) -> UnsafeMutablePointer<Float> {
        guard let last = layers.indices.last else { return workspace }
        return workspace + yOffsetsAt(last, b) + outputCounts[last] * b
    }

    /// Runs every layer forward on x [B × inputCount]; returns the output pointer.
    @discardableResult
    public func forward(x: UnsafeMutablePointer<Float>, batch b: Int, buffers: StackBuffers) -> UnsafeMutablePointer<Float> {
        var input = x
        for i in layers.indices {
            let io = io(i, batch: b, x: input, dx: nil, buffers: buffers)
            layers[i].forward(io)
            input = io.y
        }
        return input
    }

    /// Runs every layer backward, from the output gradient to `dx` (nil: input gradient unneeded).
    /// Parameter gradients are accumulated into `buffers.grads`.
    public func backward(x: UnsafeMutablePointer<Float>, dx: UnsafeMutablePointer<Float>?, batch b: Int, buffers: StackBuffers) {
        var i = layers.count - 1
        while i >= 0 {
            let input = i == 0 ? x : buffers.workspace + yOffsetsAt(i - 1, b)
            let inputGrad = i == 0 ? dx : input + outputCounts[i - 1] * b
            layers[i].backward(io(i, batch: b, x: input, dx: inputGrad, buffers: buffers))
            i -= 1
        }
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

    public init(params: UnsafeMutablePointer<Float>, grads: UnsafeMutablePointer<Float>,
                state: UnsafeMutablePointer<Float>, workspace: UnsafeMutablePointer<Float>,
                training: Bool, rng: UnsafeMutablePointer<RNG>) {
        self.params = params; self.grads = grads; self.state = state
        self.workspace = workspace; self.training = training; self.rng = rng
    }

    /// The same storage seen from inside a layer: its own params/grads/state and a scratch region.
    public init(layer io: LayerIO, workspace: UnsafeMutablePointer<Float>) {
        self.init(params: io.params, grads: io.grads, state: io.state, workspace: workspace,
                  training: io.training, rng: io.rng)
    }
}
