// Builders for the structural layers (conv, pooling, flatten, dropout, normalization, residual):
// every setting a user can type is checked here, before anything is allocated, so the layers
// themselves never see an impossible one.
import Kernels

extension NetworkBuilder {
    /// Floats of activations and scratch one example may need in one layer (256 MiB): a batch's
    /// workspace is this times the batch size, so anything larger is a typo, not a network.
    public static let maxWorkspacePerExample = 1 << 26

    static func buildStructural(
        _ spec: LayerSpec, input: [Int], index: Int, context: inout BuildContext
    ) throws(NetworkError) -> any Layer {
        let layer: any Layer
        switch spec {
        case .conv(let channels, let kernel, let stride, let padding):
            layer = try conv(channels, kernel, stride, padding, input: input, index: index)
        case .pool(let kind, let size, let stride):
            layer = try pool(kind, size, stride, input: input, index: index)
        case .flatten:
            layer = Flatten(inputShape: input)
            context.sequence = false
        case .dropout(let p):
            // NOTE: written so that NaN fails too.
            guard p >= 0 && p < 1 else {
                throw .invalidSetting(
                    layer: index, message: "dropout probability must be in [0, 1), got \(p)",
                    hint: "p = 0.5 drops half the inputs")
            }
            layer = Dropout(inputShape: input, rate: p)
        case .batchnorm:
            layer = BatchNorm(inputShape: input)
        case .layernorm:
            layer = LayerNorm(inputShape: input)
        case .residual(let specs):
            layer = try residual(specs, input: input, index: index, context: context)
        case .dense, .activation, .embed, .attention, .transformer:
            layer = try build(spec, input: input, index: index, context: &context)
        }
        try checkWorkspace(layer, index: index)
        return layer
    }

    /// Refuses a layer whose per-example activations and scratch exceed `maxWorkspacePerExample`.
    static func checkWorkspace(_ layer: any Layer, index: Int) throws(NetworkError) {
        let (twice, o1) = layer.outputCount.multipliedReportingOverflow(by: 2)
        let (floats, o2) = twice.addingReportingOverflow(layer.scratch.perExample)
        guard o1 || o2 || floats > maxWorkspacePerExample else { return }
        let size = o1 || o2 ? "more than 8 EiB" : formatBytes(floats * 4)
        throw .invalidSetting(
            layer: index,
            message: "\(layer.kind) would need \(size) of activations per example; "
                + "the limit is \(formatBytes(maxWorkspacePerExample * 4))", hint: "use fewer channels or a larger stride")
    }

    static func positive(_ value: Int, _ what: String, index: Int) throws(NetworkError) {
        guard value > 0 else { throw .invalidSetting(layer: index, message: "\(what) must be a positive integer, got \(value)") }
        guard value <= maxDimension else {
            throw .invalidSetting(layer: index, message: "\(what) \(value) is above the limit of \(maxDimension)")
        }
    }

    /// [L] or [C × L], or a shape mismatch naming what was found.
    static func signal(_ input: [Int], _ kind: String, index: Int) throws(NetworkError) -> SignalShape {
        guard let s = SignalShape(input), s.channels > 0, s.length > 0, s.length <= maxDimension else {
            throw .shapeMismatch(
                layer: index, message: "\(kind) expects examples of shape [L] or [C×L], got \(describeShape(input))",
                hint: "convolutions and pooling run along a signal, so remove a flatten before them")
        }
        return s
    }

    static func conv(
        _ channels: Int, _ kernel: Int, _ stride: Int, _ padding: Int,
        input: [Int], index: Int
    ) throws(NetworkError) -> any Layer {
        try positive(channels, "conv channels", index: index)
        try positive(kernel, "conv kernel size", index: index)
        try positive(stride, "conv stride", index: index)
        guard padding >= 0, padding <= maxDimension else {
            throw .invalidSetting(layer: index, message: "conv padding must be between 0 and \(maxDimension), got \(padding)")
        }
        let s = try signal(input, "conv", index: index)
        let padded = s.length + 2 * padding  // ≤ 3·2²⁴: cannot overflow
        guard kernel <= padded else {
            throw .invalidSetting(
                layer: index,
                message: "conv kernel \(kernel) is longer than the padded input "
                    + "(length \(s.length) + 2×\(padding) padding = \(padded))",
                hint: "use a kernel of at most \(padded) or more padding")
        }
        guard let weights = product(channels, s.channels, kernel) else {
            throw .tooLarge(parameters: -1, bytes: -1, limit: memoryLimit)
        }
        try checkBudget(weights + channels)
        return Conv1D(inputShape: input, channels: channels, kernel: kernel, stride: stride, padding: padding)
    }

    static func pool(_ kind: PoolKind, _ size: Int, _ stride: Int?, input: [Int], index: Int) throws(NetworkError) -> any Layer {
        try positive(size, "\(kind.rawValue) pool size", index: index)
        if let stride { try positive(stride, "\(kind.rawValue) pool stride", index: index) }
        let s = try signal(input, "\(kind.rawValue) pool", index: index)
        guard size <= s.length else {
            throw .invalidSetting(
                layer: index,
                message: "\(kind.rawValue) pool size \(size) is longer than the input "
                    + "(length \(s.length))", hint: "use a size of at most \(s.length)")
        }
        return Pool1D(inputShape: input, pool: kind, size: size, stride: stride)
    }

    /// Builds the branch as its own stack; errors inside it name the block's layer and the
    /// branch layer ("layer 3: in the residual branch, layer 2: …").
    static func residual(
        _ specs: [LayerSpec], input: [Int], index: Int, context: BuildContext
    ) throws(NetworkError) -> any Layer {
        guard !specs.isEmpty else {
            throw .invalidSetting(
                layer: index, message: "a residual block needs at least one layer in its branch", hint: "res { dense 100 relu }")
        }
        let body: LayerStack
        do {
            var inner = context
            inner.atInput = false
            body = try stack(inputShape: input, specs: specs, convertsLayout: false, context: &inner)
        } catch {
            switch error {
            case .invalidSetting(let inner, let m, let hint):
                throw .invalidSetting(layer: index, message: "in the residual branch, layer \(inner): \(m)", hint: hint)
            case .shapeMismatch(let inner, let m, let hint):
                throw .shapeMismatch(layer: index, message: "in the residual branch, layer \(inner): \(m)", hint: hint)
            case .tooLarge, .empty: throw error
            }
        }
        if let p = Residual.projection(from: input, to: body.outputShape) {
            // A dense projection's count is checked before anything multiplies it unchecked.
            guard let count = p is Dense ? product(body.outputCount, input.reduce(1, *)) : p.parameterCount else {
                throw .tooLarge(parameters: -1, bytes: -1, limit: memoryLimit)
            }
            try checkBudget(body.parameterCount + count)
        }
        return Residual(inputShape: input, body: body)
    }
}
