// A network: a layer stack plus its storage. ALL parameters live in one contiguous Float buffer
// with per-layer views, and their gradients in another, so optimizers are one loop and
// checkpoints, landscape directions, power iteration and export all work on flat vectors.
import Kernels

/// Ownership: a Network is used by one thread at a time (the training run that owns it);
/// others read snapshots. `copy()` gives an independent network with identical values.
public final class Network: @unchecked Sendable {
    public let stack: LayerStack
    public let parameters: FloatBuffer
    public let gradients: FloatBuffer
    /// Non-trained state: batch-norm running statistics.
    public let state: FloatBuffer

    public init(stack: LayerStack) {
        self.stack = stack
        parameters = FloatBuffer(count: stack.parameterCount)
        gradients = FloatBuffer(count: stack.parameterCount)
        state = FloatBuffer(count: stack.stateCount)
    }

    private init(stack: LayerStack, parameters: FloatBuffer, gradients: FloatBuffer, state: FloatBuffer) {
        self.stack = stack
        self.parameters = parameters
        self.gradients = gradients
        self.state = state
    }

    /// Builds a network from layer specifications for examples of `inputShape`.
    /// `vocabulary`: the tokens of sequence inputs, for an `embed` that does not say.
    public convenience init(inputShape: [Int], layers specs: [LayerSpec], vocabulary: Int? = nil) throws(NetworkError) {
        self.init(
            stack: try NetworkBuilder.stack(inputShape: inputShape, specs: specs, context: BuildContext(vocabulary: vocabulary)))
    }

    public var layers: [any Layer] { stack.layers }
    public var inputShape: [Int] { stack.inputShape }
    public var outputShape: [Int] { stack.outputShape }
    public var inputCount: Int { stack.inputShape.reduce(1, *) }
    public var outputCount: Int { stack.outputCount }
    public var parameterCount: Int { stack.parameterCount }

    /// An independent copy: parameters, state (and gradients) duplicated, layers shared (immutable).
    public func copy() -> Network {
        Network(stack: stack, parameters: parameters.copy(), gradients: gradients.copy(), state: state.copy())
    }

    /// Fresh weights. `scheme` nil picks per layer: He before ReLU-like activations, Xavier otherwise.
    public func initialize(scheme: Initializer? = nil, seed: UInt64) {
        var rng = RNG(seed: seed, stream: "init")
        stack.initialize(params: parameters.base, state: state.base, scheme: scheme, rng: &rng)
    }

    /// Every parameter tensor with its absolute offset in the flat buffer, named "2.weight" by
    /// top-level layer index (composite layers name their children's tensors themselves).
    public var namedParameters: [ParameterTensor] {
        stack.layers.indices.flatMap { i in
            stack.layers[i].parameters.map { t in
                var t = t
                t.name = "\(i).\(t.name)"
                t.offset += stack.parameterOffsets[i]
                return t
            }
        }
    }
}

/// Activation storage for batches of up to `capacity` examples: allocated once, reused every step.
public final class Workspace: @unchecked Sendable {
    public let capacity: Int
    public let buffer: FloatBuffer
    public init(stack: LayerStack, capacity: Int) {
        self.capacity = capacity
        buffer = FloatBuffer(count: stack.workspace.count(batch: capacity))
    }
    public convenience init(network: Network, capacity: Int) {
        self.init(stack: network.stack, capacity: capacity)
    }
}

extension Network {
    /// Forward pass of `batch` examples x [B × inputCount]; returns the outputs [B × outputCount].
    @discardableResult
    public func forward(
        _ x: UnsafePointer<Float>, batch: Int, workspace: Workspace, training: Bool,
        rng: inout RNG
    ) -> UnsafeMutablePointer<Float> {
        withUnsafeMutablePointer(to: &rng) { r in
            stack.forward(
                x: UnsafeMutablePointer(mutating: x), batch: batch,
                buffers: buffers(workspace, training: training, rng: r))
        }
    }

    /// Forward pass of layers `from…` (evaluation mode), `x` being layer `from`'s input.
    @discardableResult
    public func forward(
        _ x: UnsafePointer<Float>, batch: Int, workspace: Workspace, fromLayer start: Int,
        rng: inout RNG
    ) -> UnsafeMutablePointer<Float> {
        withUnsafeMutablePointer(to: &rng) { r in
            stack.forward(
                x: UnsafeMutablePointer(mutating: x), batch: batch,
                buffers: buffers(workspace, training: false, rng: r), from: start)
        }
    }

    /// Where the loss writes dL/dOutput before `backward`.
    public func outputGradient(batch: Int, workspace: Workspace) -> UnsafeMutablePointer<Float> {
        stack.outputGradient(batch: batch, workspace: workspace.buffer.base)
    }

    /// Backward pass after `forward` on the same x; ACCUMULATES into `gradients`.
    public func backward(
        _ x: UnsafePointer<Float>, batch: Int, workspace: Workspace, training: Bool,
        rng: inout RNG
    ) {
        withUnsafeMutablePointer(to: &rng) { r in
            stack.backward(
                x: UnsafeMutablePointer(mutating: x), dx: nil, batch: batch,
                buffers: buffers(workspace, training: training, rng: r))
        }
    }

    private func buffers(_ ws: Workspace, training: Bool, rng: UnsafeMutablePointer<RNG>) -> StackBuffers {
        StackBuffers(
            params: parameters.base, grads: gradients.base, state: state.base,
            workspace: ws.buffer.base, training: training, rng: rng)
    }
}
