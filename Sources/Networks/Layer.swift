// The layer contract. Every layer is a forward/backward pair over raw buffers that the network
// owns: parameters and gradients are views into the network's two flat buffers, activations and
// scratch are views into a workspace allocated once per batch size.
//
// Shapes: B is the batch size; a layer maps an example of shape `inputShape` to `outputShape`
// (`[F]` for F features, `[C, L]` for C channels of length L, written in PyTorch's order). An
// example of shape [C, L] is STORED channels-last, [L × C] (see Shapes.swift): every layer reads
// and writes that layout, and only a stack's entry, flatten and dense convert to PyTorch's order.
import Kernels

/// The buffers one call of a layer works on. All pointers are views; the layer owns none of them.
public struct LayerIO {
    /// Examples in this call (≤ the workspace capacity).
    public var batch: Int
    /// Input activations [B × inputCount].
    public var x: UnsafeMutablePointer<Float>
    /// Output activations [B × outputCount], written by `forward`.
    public var y: UnsafeMutablePointer<Float>
    /// Gradient of the loss w.r.t. the input [B × inputCount], OVERWRITTEN by `backward`;
    /// nil when nobody needs it (the first layer of a network).
    public var dx: UnsafeMutablePointer<Float>?
    /// Gradient of the loss w.r.t. the output [B × outputCount], read by `backward`.
    public var dy: UnsafeMutablePointer<Float>
    /// This layer's parameters, in the layout of `parameters`.
    public var params: UnsafeMutablePointer<Float>
    /// This layer's parameter gradients, ACCUMULATED (+=) by `backward`.
    public var grads: UnsafeMutablePointer<Float>
    /// Non-trained state (batch-norm running statistics), `stateCount` floats.
    public var state: UnsafeMutablePointer<Float>
    /// Scratch of `scratch.count(batch:)` floats, kept from forward to backward.
    public var scratch: UnsafeMutablePointer<Float>
    /// Training mode (dropout active, batch statistics) or evaluation mode.
    public var training: Bool
    /// Randomness for this step (dropout masks).
    public var rng: UnsafeMutablePointer<RNG>

    public init(
        batch: Int, x: UnsafeMutablePointer<Float>, y: UnsafeMutablePointer<Float>,
        dx: UnsafeMutablePointer<Float>?, dy: UnsafeMutablePointer<Float>,
        params: UnsafeMutablePointer<Float>, grads: UnsafeMutablePointer<Float>,
        state: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>,
        training: Bool, rng: UnsafeMutablePointer<RNG>
    ) {
        self.batch = batch; self.x = x; self.y = y; self.dx = dx; self.dy = dy
        self.params = params; self.grads = grads; self.state = state; self.scratch = scratch
        self.training = training; self.rng = rng
    }
}

/// Scratch a layer needs, linear in the batch size so a network's whole workspace layout can be
/// computed once at construction: `perExample · B + fixed` floats.
public struct ScratchSize: Sendable, Equatable {
    public var perExample: Int
    public var fixed: Int
    public init(perExample: Int = 0, fixed: Int = 0) { self.perExample = perExample; self.fixed = fixed }
    public func count(batch: Int) -> Int { perExample * batch + fixed }
    public static let none = ScratchSize()
    public static func + (a: ScratchSize, b: ScratchSize) -> ScratchSize {
        ScratchSize(perExample: a.perExample + b.perExample, fixed: a.fixed + b.fixed)
    }
}

/// What a block of parameters is, so flat-vector tools (filter normalization, weight decay,
/// export) can treat weights, biases and normalization parameters differently.
public enum ParameterRole: String, Sendable, Equatable {
    /// A weight whose first dimension indexes filters (output units or output channels).
    case weight
    case bias
    /// Scale and shift of a normalization layer.
    case normalization
}

/// One named tensor inside a layer's parameter slice.
public struct ParameterTensor: Sendable, Equatable {
    public var name: String
    /// Offset within the layer's slice.
    public var offset: Int
    public var shape: [Int]
    public var role: ParameterRole
    public var count: Int { shape.reduce(1, *) }
    public init(name: String, offset: Int, shape: [Int], role: ParameterRole) {
        self.name = name; self.offset = offset; self.shape = shape; self.role = role
    }
}

/// A layer: immutable configuration plus a forward/backward pair. Storage lives elsewhere.
public protocol Layer: Sendable {
    /// The layer's kind as a user types it: "dense", "conv", "relu", …
    var kind: String { get }
    /// A one-line description for tables: "dense 100", "conv 25 k=5 s=2 pad=1".
    var summary: String { get }
    var inputShape: [Int] { get }
    var outputShape: [Int] { get }
    /// Trainable parameters, laid out contiguously in this order.
    var parameters: [ParameterTensor] { get }
    /// Floats of non-trained state (running statistics).
    var stateCount: Int { get }
    var scratch: ScratchSize { get }
    /// Sub-layers (residual blocks); empty for primitives.
    var children: [any Layer] { get }

    /// Writes initial parameters (and state) for this layer.
    func initialize(
        params: UnsafeMutablePointer<Float>, state: UnsafeMutablePointer<Float>,
        scheme: Initializer, rng: inout RNG)
    func forward(_ io: LayerIO)
    func backward(_ io: LayerIO)
}

extension Layer {
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }
    public var inputCount: Int { inputShape.reduce(1, *) }
    public var outputCount: Int { outputShape.reduce(1, *) }
    public var stateCount: Int { 0 }
    public var scratch: ScratchSize { .none }
    public var parameters: [ParameterTensor] { [] }
    public var children: [any Layer] { [] }
    public func initialize(
        params: UnsafeMutablePointer<Float>, state: UnsafeMutablePointer<Float>,
        scheme: Initializer, rng: inout RNG
    ) {}
}

/// Formats a shape as users read it: `[40]`, `[25×19]`.
public func describeShape(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: "×") + "]"
}
