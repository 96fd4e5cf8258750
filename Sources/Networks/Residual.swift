// Residual block (He et al. 2016): y = f(x) + x, or y = f(x) + P·x with a learned, bias-free
// projection P when the branch f changes the shape. The branch is a LayerStack run inside this
// layer's scratch, so blocks nest to any depth.
import Kernels

/// Shapes (B batch, N = input features, M = output features, both of any example shape and
/// stored as every activation is, channels-last for [C, L]):
///   x [B × N], y [B × M]; f: the branch stack; P: none (M-shape = N-shape), a 1×1 conv
///   [O × C × 1] (signals with a matching stride; channels-last in and out) or a dense [M × N]
///   (whose rows and columns are features in PyTorch's (c, l) order; it permutes both sides)
///   parameters: [f's parameters | P's]; state: f's state
///   scratch: f's workspace | P·x [B × M] | P's input gradient [B × N] | P's scratch
public struct Residual: Layer {
    public let inputShape: [Int]
    public let body: LayerStack
    public let projection: (any Layer)?
    public let outputShape: [Int]
    private let projectionOutput: ScratchSize
    private let projectionGradient: ScratchSize
    private let projectionScratch: ScratchSize
    private let totalScratch: ScratchSize

    /// `body` must take `inputShape` (the builder checks that the branch chains).
    public init(inputShape: [Int], body: LayerStack) {
        self.inputShape = inputShape
        self.body = body
        self.outputShape = body.outputShape
        projection = Residual.projection(from: inputShape, to: body.outputShape)
        let m = body.outputCount, n = inputShape.reduce(1, *)
        let hasProjection = projection != nil
        projectionOutput = body.workspace
        projectionGradient = projectionOutput + ScratchSize(perExample: hasProjection ? m : 0)
        projectionScratch = projectionGradient + ScratchSize(perExample: hasProjection ? n : 0)
        totalScratch = projectionScratch + (projection?.scratch ?? .none)
    }

    /// None when shapes agree; a strided 1×1 conv when both are signals (or both images) whose
    /// sides one stride maps onto each other ((L − 1)/S + 1 = Lo, as ResNet's downsampling
    /// shortcut); else dense.
    public static func projection(from input: [Int], to output: [Int]) -> (any Layer)? {
        if input == output { return nil }
        if output.count == 2, let signal = GridShape(signal: input), let s = shortcutStride(signal.width, output[1]) {
            return Convolution(inputShape: input, channels: output[0], kernel: 1, stride: s, bias: false)
        }
        if output.count == 3, let image = GridShape(image: input), let s = shortcutStride(image.width, output[2]),
            (image.height - 1) / s + 1 == output[1]
        {
            return Convolution(inputShape: input, channels: output[0], kernel: 1, stride: s, bias: false, dimensions: 2)
        }
        return Dense(inputShape: input, units: output.reduce(1, *), bias: false, outputShape: output)
    }

    /// The largest stride S with ⌊(L − 1)/S⌋ + 1 = Lo, if any.
    static func shortcutStride(_ length: Int, _ outputLength: Int) -> Int? {
        guard length >= 1, outputLength >= 1, outputLength <= length else { return nil }
        let s = outputLength == 1 ? length : (length - 1) / (outputLength - 1)
        return (length - 1) / s + 1 == outputLength ? s : nil
    }

    public var kind: String { "residual" }
    public var summary: String {
        "residual (\(body.layers.count) layer\(body.layers.count == 1 ? "" : "s")"
            + (projection.map { "; projection \($0.kind)" } ?? "") + ")"
    }
    public var stateCount: Int { body.stateCount }
    public var scratch: ScratchSize { totalScratch }
    public var children: [any Layer] { body.layers }

    /// The branch's tensors as "f.<i>.<name>", then the projection's as "proj.<name>", with
    /// offsets within this block's slice.
    public var parameters: [ParameterTensor] {
        var all: [ParameterTensor] = []
        for (i, layer) in body.layers.enumerated() {
            for var t in layer.parameters {
                t.name = "f.\(i).\(t.name)"; t.offset += body.parameterOffsets[i]
                all.append(t)
            }
        }
        for var t in projection?.parameters ?? [] {
            t.name = "proj.\(t.name)"; t.offset += body.parameterCount
            all.append(t)
        }
        return all
    }

    /// Every layer inside gets `scheme` (an explicit choice applies throughout).
    public func initialize(
        params: UnsafeMutablePointer<Float>, state: UnsafeMutablePointer<Float>,
        scheme: Initializer, rng: inout RNG
    ) {
        body.initialize(params: params, state: state, scheme: scheme, rng: &rng)
        projection?.initialize(params: params + body.parameterCount, state: state, scheme: scheme, rng: &rng)
    }

    /// Default initialization: the branch picks per layer as a network does; P gets `scheme`.
    func initializeDefault(
        params: UnsafeMutablePointer<Float>, state: UnsafeMutablePointer<Float>,
        projectionScheme scheme: Initializer, rng: inout RNG
    ) {
        body.initialize(params: params, state: state, scheme: nil, rng: &rng)
        projection?.initialize(params: params + body.parameterCount, state: state, scheme: scheme, rng: &rng)
    }

    /// y = f(x) + (x | P·x)
    public func forward(_ io: LayerIO) {
        let n = io.batch * outputCount
        let fx = body.forward(x: io.x, batch: io.batch, buffers: StackBuffers(layer: io, workspace: io.scratch))
        var shortcut = UnsafePointer(io.x)
        if let p = projection {
            let pio = projectionIO(io)
            p.forward(pio)
            shortcut = UnsafePointer(pio.y)
        }
        Vec.sum(n, fx, shortcut, into: io.y)
    }

    /// df = dy through the branch (writes dx);  dx += dy (identity) or dx += Pᵀ·dy, dP += dy·xᵀ
    public func backward(_ io: LayerIO) {
        let buffers = StackBuffers(layer: io, workspace: io.scratch)
        body.outputGradient(batch: io.batch, workspace: io.scratch).update(from: io.dy, count: io.batch * outputCount)
        body.backward(x: io.x, dx: io.dx, batch: io.batch, buffers: buffers)
        let inputs = io.batch * inputCount
        if let p = projection {
            var pio = projectionIO(io)
            if io.dx == nil { pio.dx = nil }
            p.backward(pio)
            if let dx = io.dx, let pdx = pio.dx { Vec.add(inputs, pdx, into: dx) }
        } else if let dx = io.dx {
            Vec.add(inputs, io.dy, into: dx)
        }
    }

    /// The projection's buffers: it reads x and dy, and writes into this block's scratch.
    private func projectionIO(_ io: LayerIO) -> LayerIO {
        let b = io.batch
        return LayerIO(
            batch: b, x: io.x, y: io.scratch + projectionOutput.count(batch: b),
            dx: io.scratch + projectionGradient.count(batch: b), dy: io.dy,
            params: io.params + body.parameterCount, grads: io.grads + body.parameterCount,
            state: io.state + body.stateCount, scratch: io.scratch + projectionScratch.count(batch: b),
            training: io.training, rng: io.rng)
    }
}

extension LayerStack {
    /// Initializes every layer of the stack. `scheme` nil picks per layer (He before ReLU-like
    /// activations, Xavier otherwise — `NetworkBuilder.defaultSchemes`), also inside residual
    /// branches; an explicit scheme applies to every layer at every depth.
    public func initialize(
        params: UnsafeMutablePointer<Float>, state: UnsafeMutablePointer<Float>,
        scheme: Initializer?, rng: inout RNG
    ) {
        let defaults = NetworkBuilder.defaultSchemes(layers)
        for (i, layer) in layers.enumerated() {
            let (p, s) = (params + parameterOffsets[i], state + stateOffsets[i])
            if scheme == nil, let block = layer as? Residual {
                block.initializeDefault(params: p, state: s, projectionScheme: defaults[i], rng: &rng)
            } else if scheme == nil, let block = layer as? TransformerBlock {
                block.initializeDefault(params: p, state: s, rng: &rng)
            } else {
                layer.initialize(params: p, state: s, scheme: scheme ?? defaults[i], rng: &rng)
            }
        }
    }
}
