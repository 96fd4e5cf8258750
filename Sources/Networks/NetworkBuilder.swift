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

public enum NetworkError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A setting no layer can have, e.g. a negative width. `layer` counts from 1 in the spec
    /// list; `hint` says what would work, when there is one thing to say.
    case invalidSetting(layer: Int, message: String, hint: String? = nil)
    /// A layer cannot take the shape the previous one produces.
    case shapeMismatch(layer: Int, message: String, hint: String? = nil)
    /// The network would need more memory than Basin allows.
    case tooLarge(parameters: Int, bytes: Int, limit: Int)
    case empty

    public var message: String {
        switch self {
        case .invalidSetting(let layer, let m, _): return "layer \(layer): \(m)"
        case .shapeMismatch(let layer, let m, _): return "layer \(layer): \(m)"
        case .tooLarge(let p, let bytes, let limit):
            let what = p < 0 ? "more parameters than can be counted" : "\(p) parameters"
            return "this network has \(what) and would need \(formatBytes(bytes)) "
                + "(parameters, gradients and optimizer state); the limit is \(formatBytes(limit))"
        case .empty: return "a network needs at least one layer"
        }
    }

    /// What would work instead.
    public var hint: String? {
        switch self {
        case .invalidSetting(_, _, let hint): return hint
        case .shapeMismatch(_, _, let hint):
            return hint ?? "check each layer's input against the previous layer's output ('show NET' lists shapes)"
        case .tooLarge: return "use fewer or narrower layers"
        case .empty: return nil
        }
    }

    public var description: String { message }
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
    /// The most memory a network may ask for (parameters, gradients, optimizer state).
    public static let memoryLimit = 4 << 30
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
            try positive(units, "dense width", index: index)
            guard let n = product(units, input[0] + (bias ? 1 : 0)) else {
                throw .tooLarge(parameters: -1, bytes: -1, limit: memoryLimit)
            }
            try checkBudget(n)
            let layer = Dense(positionwise: input, units: units, bias: bias)
            try checkWorkspace(layer, index: index)
            return layer
        case .dense(let units, let bias):
            guard units > 0 else {
                throw .invalidSetting(layer: index, message: "dense width must be a positive integer, got \(units)")
            }
            // The parameter count first, so a refusal can say how much memory it would need.
            guard let n = product(units, input.reduce(1, *) + (bias ? 1 : 0)) else {
                throw .tooLarge(parameters: -1, bytes: -1, limit: memoryLimit)
            }
            try checkBudget(n)
            guard units <= maxDimension else {
                throw .invalidSetting(layer: index, message: "dense width \(units) is above the limit of \(maxDimension)")
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
