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
            guard p >= 0 && p < 1 else { throw .layer(index, .dropoutOutOfRange(p)) }
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
        let (bytes, o4) = total.multipliedReportingOverflow(by: 4)
        throw .layer(
            index,
            .activationsTooLarge(
                kind: layer.kind, bytes: o1 || o2 || o3 || o4 ? -1 : bytes, limit: maxWorkspacePerExample * 4))
    }

    /// Refuses a size setting below 1 or above `maxDimension`.
    static func positive(_ value: Int, _ kind: String, _ setting: LayerProblem.Setting, index: Int) throws(NetworkError) {
        guard value > 0 else { throw .layer(index, .notPositive(kind: kind, setting: setting, value: value)) }
        guard value <= maxDimension else {
            throw .layer(index, .aboveLimit(kind: kind, setting: setting, value: value, limit: maxDimension))
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
        throw .layer(index, .notAGrid(kind: kind, dimensions: dimensions, input: input))
    }

    static func conv(
        _ channels: Int, _ kernel: Int, _ stride: Int, _ padding: Int, dimensions: Int,
        input: [Int], index: Int
    ) throws(NetworkError) -> any Layer {
        let kind = dimensions == 2 ? "conv2d" : "conv"
        try positive(channels, kind, .channels, index: index)
        try positive(kernel, kind, .kernel, index: index)
        try positive(stride, kind, .stride, index: index)
        guard padding >= 0, padding <= maxDimension else {
            throw .layer(index, .paddingOutOfRange(kind: kind, padding: padding, limit: maxDimension))
        }
        let g = try grid(input, kind, dimensions: dimensions, index: index)
        // ≤ 3·2²⁴: cannot overflow. An image's kernel must fit its shorter side.
        let (side, axis) = g.shortestSide(dimensions: dimensions)
        guard kernel <= side + 2 * padding else {
            throw .layer(index, .kernelTooLong(kind: kind, kernel: kernel, axis: axis, side: side, padding: padding))
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
        try positive(size, name, .size, index: index)
        if let stride { try positive(stride, name, .stride, index: index) }
        let g = try grid(input, dimensions == 2 ? "pool2d" : "pool", dimensions: dimensions, index: index)
        let (side, axis) = g.shortestSide(dimensions: dimensions)
        guard size <= side else { throw .layer(index, .windowTooLong(kind: name, size: size, axis: axis, side: side)) }
        return Pooling(inputShape: input, pool: kind, size: size, stride: stride, dimensions: dimensions)
    }

    /// Builds the branch as its own stack; errors inside it name the block's layer and the
    /// branch layer.
    static func residual(
        _ specs: [LayerSpec], input: [Int], index: Int, context: BuildContext
    ) throws(NetworkError) -> any Layer {
        guard !specs.isEmpty else { throw .layer(index, .emptyResidual) }
        let body: LayerStack
        do {
            var inner = context
            inner.atInput = false
            body = try stack(inputShape: input, specs: specs, convertsLayout: false, context: &inner)
        } catch {
            switch error {
            case .layer(let inner, let problem): throw .layer(index, .inResidualBranch(inner, problem))
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

extension GridShape {
    /// The side a kernel or window of a layer over `dimensions` must fit: a signal's length, an
    /// image's shorter side (its width when square).
    fileprivate func shortestSide(dimensions: Int) -> (Int, LayerProblem.Axis) {
        dimensions == 2 && height < width ? (height, .height) : (width, dimensions == 2 ? .width : .length)
    }
}
