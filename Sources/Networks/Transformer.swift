// A pre-LayerNorm transformer block (UDL 12.4; GPT-2's arrangement): x + attention(LN(x)), then
// x + MLP(LN(x)) with the MLP position-wise, dense M → GELU → dense W. Built from the layers it
// is made of — two residual blocks run as a stack inside this layer's scratch — so its gradients
// are theirs, and `show` counts it as the one layer the user wrote.
import Kernels

/// Shapes (B batch, L positions, W width, M the MLP's width):
///   x, y [B × L × W] (a [W, L] signal, channels-last)
///   parameters, in PyTorch's names: ln1.weight|bias [W], attn.in_proj_weight [3W × W],
///   attn.in_proj_bias [3W], attn.out_proj.weight [W × W], attn.out_proj.bias [W],
///   ln2.weight|bias [W], mlp.0.weight [M × W], mlp.0.bias [M], mlp.2.weight [W × M], mlp.2.bias [W]
///   scratch: the body stack's workspace
public struct TransformerBlock: Layer {
    public let inputShape: [Int]
    public let heads: Int
    public let mlp: Int
    public let causal: Bool
    public let body: LayerStack

    /// `inputShape` is [W, L] with W a multiple of `heads` (the builder checks).
    public init(inputShape: [Int], heads: Int, mlp: Int, causal: Bool = false) {
        self.inputShape = inputShape
        self.heads = heads
        self.mlp = mlp
        self.causal = causal
        let w = inputShape[0]
        let attention = LayerStack(
            inputShape: inputShape,
            layers: [
                LayerNorm(inputShape: inputShape, perPosition: true),
                Attention(inputShape: inputShape, heads: heads, causal: causal),
            ])
        let hidden = [mlp] + inputShape.dropFirst()
        let feedForward = LayerStack(
            inputShape: inputShape,
            layers: [
                LayerNorm(inputShape: inputShape, perPosition: true),
                Dense(positionwise: inputShape, units: mlp),
                Activation(inputShape: hidden, function: .gelu),
                Dense(positionwise: hidden, units: w),
            ])
        body = LayerStack(
            inputShape: inputShape,
            layers: [Residual(inputShape: inputShape, body: attention), Residual(inputShape: inputShape, body: feedForward)])
    }

    public var kind: String { "transformer" }
    public var summary: String { "transformer heads=\(heads) mlp=\(mlp)" + (causal ? " causal" : "") }
    public var outputShape: [Int] { inputShape }
    public var scratch: ScratchSize { body.workspace }
    public var stateCount: Int { body.stateCount }
    public var children: [any Layer] { body.layers }

    /// The body's tensors under PyTorch-style names (see the shapes above).
    public var parameters: [ParameterTensor] {
        let names = [["ln1", "attn"], ["ln2", "mlp.0", "", "mlp.2"]]
        var all: [ParameterTensor] = []
        for (i, block) in body.layers.enumerated() {
            guard let residual = block as? Residual else { continue }
            for (j, layer) in residual.body.layers.enumerated() {
                for var t in layer.parameters {
                    t.name = "\(names[i][j]).\(t.name)"
                    t.offset += body.parameterOffsets[i] + residual.body.parameterOffsets[j]
                    all.append(t)
                }
            }
        }
        return all
    }

    public func initialize(
        params: UnsafeMutablePointer<Float>, state: UnsafeMutablePointer<Float>,
        scheme: Initializer, rng: inout RNG
    ) {
        body.initialize(params: params, state: state, scheme: scheme, rng: &rng)
    }

    /// Default initialization: each layer inside picks as a network's layers do.
    func initializeDefault(params: UnsafeMutablePointer<Float>, state: UnsafeMutablePointer<Float>, rng: inout RNG) {
        body.initialize(params: params, state: state, scheme: nil, rng: &rng)
    }

    public func forward(_ io: LayerIO) {
        let y = body.forward(x: io.x, batch: io.batch, buffers: StackBuffers(layer: io, workspace: io.scratch))
        io.y.update(from: y, count: io.batch * outputCount)
    }

    public func backward(_ io: LayerIO) {
        body.outputGradient(batch: io.batch, workspace: io.scratch).update(from: io.dy, count: io.batch * outputCount)
        body.backward(x: io.x, dx: io.dx, batch: io.batch, buffers: StackBuffers(layer: io, workspace: io.scratch))
    }

    /// The attention weights [B × H × L × L] a forward pass left in this block's `scratch`.
    public func attentionWeights(scratch: UnsafeMutablePointer<Float>, batch b: Int) -> UnsafeMutablePointer<Float>? {
        guard let residual = body.layers.first as? Residual, let attention = residual.body.layers.last as? Attention
        else { return nil }
        let inner = scratch + body.scratchOffsetsAt(0, b)
        return attention.attentionWeights(scratch: inner + residual.body.scratchOffsetsAt(1, b), batch: b)
    }
}

/// One attention layer's weights for one example: `weights[h][i][j]` (flattened H × L × L) is how
/// much position i attends to position j in head h.
public struct AttentionMap: Sendable, Equatable {
    /// The top-level layer, counted from 1 as `show NET` numbers it.
    public var layer: Int
    public var summary: String
    public var heads: Int
    public var length: Int
    public var weights: [Float]
    /// The predicted outputs (the network's output for the example, channel-major).
    public var outputs: [Float]

    public func weight(head: Int, query: Int, key: Int) -> Float { weights[(head * length + query) * length + key] }
}

extension Network {
    /// The attention weights of every attention and transformer layer when the network reads one
    /// example `x` (evaluation mode), in layer order; empty for a net without attention.
    public func attentionMaps(example x: [Float]) -> [AttentionMap] {
        guard x.count == inputCount else { return [] }
        let workspace = Workspace(network: self, capacity: 1)
        var rng = RNG(seed: 0)
        let out = x.withUnsafeBufferPointer { p in
            forward(p.baseAddress!, batch: 1, workspace: workspace, training: false, rng: &rng)
        }
        let outputs = Array(UnsafeBufferPointer(start: out, count: outputCount))
        var maps: [AttentionMap] = []
        for (i, layer) in layers.enumerated() {
            let scratch = workspace.buffer.base + stack.scratchOffsetsAt(i, 1)
            let found: (heads: Int, length: Int, weights: UnsafeMutablePointer<Float>)?
            if let a = layer as? Attention {
                found = (a.heads, a.length, a.attentionWeights(scratch: scratch, batch: 1))
            } else if let t = layer as? TransformerBlock, let w = t.attentionWeights(scratch: scratch, batch: 1) {
                found = (t.heads, t.inputShape[1], w)
            } else {
                found = nil
            }
            guard let found else { continue }
            let count = found.heads * found.length * found.length
            maps.append(
                AttentionMap(
                    layer: i + 1, summary: layer.summary, heads: found.heads, length: found.length,
                    weights: Array(UnsafeBufferPointer(start: found.weights, count: count)), outputs: outputs))
        }
        return maps
    }
}
