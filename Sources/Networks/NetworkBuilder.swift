// Turns layer specifications (what a user wrote, language-independent) into layers whose
// shapes chain, refusing impossible settings and networks too large to allocate — before
// anything is allocated.
import Kernels

public enum PoolKind: String, Sendable { case max, avg }

/// A layer as specified, before shapes are known.
public indirect enum LayerSpec: Sendable, Equatable {
    case dense(units: Int, bias: Bool = true)
    /// `dimensions` 1: along a signal [L] or [C, L] (conv); 2: over an image [C, H, W] (conv2d).
    case conv(channels: Int, kernel: Int, stride: Int = 1, padding: Int = 0, dimensions: Int = 1)
    case pool(PoolKind, size: Int, stride: Int? = nil, dimensions: Int = 1)
    case flatten
    case dropout(Float)
    case batchnorm
    case layernorm
    case activation(ActivationFunction)
    /// x + f(x), with a learned projection of x when f changes the shape.
    case residual([LayerSpec])
    /// Token + position embedding of width W; `vocabulary` nil: the data's.
    case embed(width: Int, vocabulary: Int? = nil)
    /// Multi-head self-attention over the positions of a [W, L] sequence.
    case attention(heads: Int, causal: Bool = false)
    /// A pre-LayerNorm transformer block; `mlp` nil: 4 × the width.
    case transformer(heads: Int, mlp: Int? = nil, causal: Bool = false)
}

/// What a network is built for beyond its input shape.
public struct BuildContext: Sendable, Equatable {
    /// Tokens the inputs hold (sequence data), for `embed` without `vocab=`.
    public var vocabulary: Int?
    /// True once an `embed` has turned tokens into vectors, until a `flatten`: `dense` then
    /// maps each position on its own (as PyTorch's nn.Linear on [B, L, W]).
    var sequence = false
    /// True for the first layer of a network (where `embed` must be).
    var atInput = true

    public init(vocabulary: Int? = nil) { self.vocabulary = vocabulary }
}

/// Why a network cannot be built, found before anything is allocated. Worded in the
/// Interpreter (Wording/NetworkError+Wording.swift).
public enum NetworkError: Error, Equatable, Sendable {
    /// Layer `index` (counting from 1 in the spec list) cannot be built as written.
    case layer(Int, LayerProblem)
    /// The network would need `bytes` for `parameters` (both -1: more than can be counted),
    /// parameters, gradients and optimizer state, over the `limit` in bytes.
    case tooLarge(parameters: Int, bytes: Int, limit: Int)
    /// A network with no layers.
    case empty
}

/// Why one layer cannot be built. `kind` names the layer as written ("conv2d", "max pool");
/// every number is as written or as the shapes make it.
public indirect enum LayerProblem: Equatable, Sendable {
    /// A size setting below 1.
    case notPositive(kind: String, setting: Setting, value: Int)
    /// A size setting above `limit` (`NetworkBuilder.maxDimension`).
    case aboveLimit(kind: String, setting: Setting, value: Int, limit: Int)
    /// A convolution's padding outside 0…`limit`.
    case paddingOutOfRange(kind: String, padding: Int, limit: Int)
    /// A dropout probability outside [0, 1), or NaN.
    case dropoutOutOfRange(Float)
    /// A kernel longer than the input's `side` along `axis` plus 2 × `padding`.
    case kernelTooLong(kind: String, kernel: Int, axis: Axis, side: Int, padding: Int)
    /// A pooling window longer than the input's `side` along `axis`.
    case windowTooLong(kind: String, size: Int, axis: Axis, side: Int)
    /// One example's activations and scratch would take `bytes` (-1: more than can be counted),
    /// over the `limit` in bytes.
    case activationsTooLarge(kind: String, bytes: Int, limit: Int)
    /// A layer over `dimensions` (1: signals [L] or [C, L]; 2: images [C, H, W]) met examples
    /// shaped `input`.
    case notAGrid(kind: String, dimensions: Int, input: [Int])
    /// A residual block whose branch has no layers.
    case emptyResidual
    /// Layer `index` (from 1) of a residual block's branch cannot be built.
    case inResidualBranch(Int, LayerProblem)
    /// An embed of `width` that is not the net's first layer.
    case embedNotFirst(width: Int)
    /// An embed whose examples, shaped `input`, are not a sequence [L].
    case embedNeedsSequence(input: [Int])
    /// An embed of `width` without vocab= on real-valued examples shaped `input`.
    case embedNeedsTokens(width: Int, input: [Int])
    /// An embed vocab= outside 1…`limit`.
    case vocabularyOutOfRange(Int, limit: Int)
    /// An embed vocab= below the `tokens` the inputs hold.
    case vocabularyTooSmall(Int, tokens: Int)
    /// Attention or a transformer on examples shaped `input`, not a sequence [W, L].
    case notASequence(kind: String, input: [Int])
    /// `heads` that do not divide the sequence's `width`.
    case headsDoNotDivide(kind: String, heads: Int, width: Int)

    /// A layer's size setting.
    public enum Setting: Equatable, Sendable {
        /// dense and embed: features out.
        case width
        /// conv: output channels.
        case channels
        /// conv: the kernel's side.
        case kernel
        /// conv and pool: the step between windows.
        case stride
        /// pool: the window's side.
        case size
        /// attention and transformer: heads.
        case heads
        /// transformer: the hidden width of its MLP.
        case mlpWidth
    }

    /// The side of an input a kernel or window spans.
    public enum Axis: Equatable, Sendable {
        /// A signal's positions.
        case length
        /// An image's rows.
        case height
        /// An image's columns.
        case width
    }
}

/// Formats a byte count as "1.5 GiB".
public func formatBytes(_ bytes: Int) -> String {
    if bytes < 0 { return "more than 8 EiB" }
    let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
    var value = Double(bytes), u = 0
    while value >= 1024 && u < units.count - 1 { value /= 1024; u += 1 }
    return u == 0 ? "\(bytes) B" : String(format1(value)) + " " + units[u]
}

private func format1(_ v: Double) -> String {
    let r = (v * 10).rounded() / 10
    return r == r.rounded() ? String(Int(r)) : String(r)
}

public enum NetworkBuilder {
    /// Parameters, gradients and two optimizer moments: 16 bytes per parameter.
    public static let bytesPerParameter = 16
    /// The most memory a network may ask for (parameters, gradients, optimizer state): 4 GiB,
    /// or half of BASIN_MEMORY when that is set (the rest is for data and activations).
    public static var memoryLimit: Int { MemoryBudget.capped(ownLimit, fraction: 0.5) }
    /// Basin's own limit, without BASIN_MEMORY.
    public static let ownLimit = 4 << 30
    /// Widths, channels and kernel sizes above this are refused outright.
    public static let maxDimension = 1 << 24

    /// A network's stack: inputs and outputs are channel-major (as files store them), and
    /// [C, L] ones with C > 1 are converted to and from channels-last (see LayerStack).
    public static func stack(
        inputShape: [Int], specs: [LayerSpec], context: BuildContext = BuildContext()
    ) throws(NetworkError) -> LayerStack {
        var context = context
        return try stack(inputShape: inputShape, specs: specs, convertsLayout: true, context: &context)
    }

    /// `convertsLayout` false for a residual branch, which exchanges channels-last activations.
    static func stack(
        inputShape: [Int], specs: [LayerSpec], convertsLayout: Bool, context: inout BuildContext
    ) throws(NetworkError) -> LayerStack {
        guard !specs.isEmpty else { throw .empty }
        var shape = inputShape
        var layers: [any Layer] = []
        var total = 0
        for (i, spec) in specs.enumerated() {
            let layer = try build(spec, input: shape, index: i + 1, context: &context)
            context.atInput = false
            let (sum, overflow) = total.addingReportingOverflow(layer.parameterCount)
            total = overflow ? Int.max : sum
            try checkBudget(total)
            layers.append(layer)
            shape = layer.outputShape
        }
        return LayerStack(inputShape: inputShape, layers: layers, convertsLayout: convertsLayout)
    }

    static func checkBudget(_ parameters: Int) throws(NetworkError) {
        let (bytes, overflow) = parameters.multipliedReportingOverflow(by: bytesPerParameter)
        if overflow || bytes > memoryLimit {
            throw .tooLarge(parameters: overflow ? -1 : parameters, bytes: overflow ? -1 : bytes, limit: memoryLimit)
        }
    }

    /// Checked product of sizes: nil on overflow or beyond the dimension limit.
    static func product(_ values: Int...) -> Int? {
        var p = 1
        for v in values {
            let (r, o) = p.multipliedReportingOverflow(by: v)
            if o { return nil }
            p = r
        }
        return p
    }

    static func build(_ spec: LayerSpec, input: [Int], index: Int, context: inout BuildContext) throws(NetworkError) -> any Layer
    {
        switch spec {
        case .dense(let units, let bias) where context.sequence && input.count == 2:
            try positive(units, "dense", .width, index: index)
            guard let n = product(units, input[0] + (bias ? 1 : 0)) else {
                throw .tooLarge(parameters: -1, bytes: -1, limit: memoryLimit)
            }
            try checkBudget(n)
            let layer = Dense(positionwise: input, units: units, bias: bias)
            try checkWorkspace(layer, index: index)
            return layer
        case .dense(let units, let bias):
            guard units > 0 else { throw .layer(index, .notPositive(kind: "dense", setting: .width, value: units)) }
            // The parameter count first, so a refusal can say how much memory it would need.
            guard let n = product(units, input.reduce(1, *) + (bias ? 1 : 0)) else {
                throw .tooLarge(parameters: -1, bytes: -1, limit: memoryLimit)
            }
            try checkBudget(n)
            guard units <= maxDimension else {
                throw .layer(index, .aboveLimit(kind: "dense", setting: .width, value: units, limit: maxDimension))
            }
            return Dense(inputShape: input, units: units, bias: bias)
        case .activation(let f):
            return Activation(inputShape: input, function: f)
        case .embed, .attention, .transformer:
            return try buildSequence(spec, input: input, index: index, context: &context)
        default:
            return try buildStructural(spec, input: input, index: index, context: &context)
        }
    }

    /// Per-layer default initializers: He for a parametric layer followed by a ReLU-like
    /// activation, Xavier otherwise (tanh, sigmoid, linear, output layers). The search for the
    /// activation looks through layers that do not mix features — pooling, flatten, dropout and
    /// normalization (whose only parameters are a scale and shift) — so `conv, batchnorm, relu`
    /// and `dense, dropout, relu` still get He.
    public static func defaultSchemes(_ layers: [any Layer]) -> [Initializer] {
        layers.indices.map { i in
            for next in layers[(i + 1)...] {
                if let a = next as? Activation {
                    return [.relu, .leaky, .gelu].contains(a.function) ? .he : .xavierNormal
                }
                if next is Residual || next is TransformerBlock || next is Attention || next is Embedding
                    || next.parameters.contains(where: { $0.role != .normalization })
                {
                    break
                }
            }
            return .xavierNormal
        }
    }
}
