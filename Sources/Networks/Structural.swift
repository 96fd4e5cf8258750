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
        case .conv(let channels, let kernel, let stride, let padding, let dimensions):
            layer = try conv(channels, kernel, stride, padding, dimensions: dimensions, input: input, index: index)
        case .pool(let kind, let size, let stride, let dimensions):
            layer = try pool(kind, size, stride, dimensions: dimensions, input: input, index: index)
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

    /// Refuses a layer whose per-example activations and scratch (with its fixed scratch, which a
    /// convolution's one chunk of patches is) exceed `maxWorkspacePerExample`.
    static func checkWorkspace(_ layer: any Layer, index: Int) throws(NetworkError) {
        let (twice, o1) = layer.outputCount.multipliedReportingOverflow(by: 2)
        let (floats, o2) = twice.addingReportingOverflow(layer.scratch.perExample)
        let (total, o3) = floats.addingReportingOverflow(layer.scratch.fixed)
        guard o1 || o2 || o3 || total > maxWorkspacePerExample else { return }
        let size = o1 || o2 || o3 ? "more than 8 EiB" : formatBytes(total * 4)
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

    /// [L] or [C × L] for `dimensions` 1, [C × H × W] for 2, or a shape mismatch naming what was
    /// found and the layer that would take it.
    static func grid(_ input: [Int], _ kind: String, dimensions: Int, index: Int) throws(NetworkError) -> GridShape {
        if let g = GridShape(input, dimensions: dimensions), g.channels > 0, g.positions > 0,
            g.positions <= maxDimension
        {
            return g
        }
        let image = dimensions == 2
        let other = image ? String(kind.dropLast(2)) : kind + "2d"
        let hint: String
        if image && input.count <= 2 {
            hint = "\(kind) works on images [C×H×W]; along a signal use '\(other)'"
        } else if !image && input.count == 3 {
            hint = "\(kind) runs along a signal; on images [C×H×W] use '\(other)'"
        } else {
            hint = "remove a flatten before it: \(kind) needs the \(image ? "image's rows and columns" : "signal's positions")"
        }
        throw .shapeMismatch(
            layer: index,
            message: "\(kind) expects examples of shape \(image ? "[C×H×W]" : "[L] or [C×L]"), got \(describeShape(input))",
            hint: hint)
    }

    static func conv(
        _ channels: Int, _ kernel: Int, _ stride: Int, _ padding: Int, dimensions: Int,
        input: [Int], index: Int
    ) throws(NetworkError) -> any Layer {
        let kind = dimensions == 2 ? "conv2d" : "conv"
        try positive(channels, "\(kind) channels", index: index)
        try positive(kernel, "\(kind) kernel size", index: index)
        try positive(stride, "\(kind) stride", index: index)
        guard padding >= 0, padding <= maxDimension else {
            throw .invalidSetting(layer: index, message: "\(kind) padding must be between 0 and \(maxDimension), got \(padding)")
        }
        let g = try grid(input, kind, dimensions: dimensions, index: index)
        // ≤ 3·2²⁴: cannot overflow. An image's kernel must fit its shorter side.
        let (side, what) =
            dimensions == 2 && g.height < g.width ? (g.height, "height") : (g.width, dimensions == 2 ? "width" : "length")
        let padded = side + 2 * padding
        guard kernel <= padded else {
            throw .invalidSetting(
                layer: index,
                message: "\(kind) kernel \(kernel) is longer than the padded input "
                    + "(\(what) \(side) + 2×\(padding) padding = \(padded))",
                hint: "use a kernel of at most \(padded) or more padding")
        }
        guard let weights = product(channels, g.channels, kernel, dimensions == 2 ? kernel : 1) else {
            throw .tooLarge(parameters: -1, bytes: -1, limit: memoryLimit)
        }
        try checkBudget(weights + channels)
        return Convolution(
            inputShape: input, channels: channels, kernel: kernel, stride: stride, padding: padding, dimensions: dimensions)
    }

    static func pool(
        _ kind: PoolKind, _ size: Int, _ stride: Int?, dimensions: Int, input: [Int], index: Int
    ) throws(NetworkError) -> any Layer {
        let name = "\(kind.rawValue) pool\(dimensions == 2 ? "2d" : "")"
        try positive(size, "\(name) size", index: index)
        if let stride { try positive(stride, "\(name) stride", index: index) }
        let g = try grid(input, dimensions == 2 ? "pool2d" : "pool", dimensions: dimensions, index: index)
        let (side, what) =
            dimensions == 2 && g.height < g.width ? (g.height, "height") : (g.width, dimensions == 2 ? "width" : "length")
        guard size <= side else {
            throw .invalidSetting(
                layer: index,
                message: "\(name) size \(size) is longer than the input (\(what) \(side))",
                hint: "use a size of at most \(side)")
        }
        return Pooling(inputShape: input, pool: kind, size: size, stride: stride, dimensions: dimensions)
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
