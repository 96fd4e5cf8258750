// Building networks with structural layers: the reference models' parameter counts and shapes,
// each impossible setting's error message, parameter naming inside residual blocks, and default
// initialization through non-parametric layers and into residual branches.
import Kernels
import Networks
import TestSupport
import Testing

@Suite("Structural network building")
struct StructuralBuilderTests {
    static let cnn: [LayerSpec] = [
        .conv(channels: 25, kernel: 5, stride: 2, padding: 1), .activation(.relu),
        .conv(channels: 25, kernel: 3, stride: 2, padding: 1), .activation(.relu),
        .conv(channels: 25, kernel: 3, stride: 2, padding: 1), .activation(.relu),
        .flatten, .dense(units: 10),
    ]
    static let mlp: [LayerSpec] = [
        .dense(units: 100), .activation(.relu), .residual([.dense(units: 100), .activation(.relu)]), .dense(units: 10),
    ]

    @Test("the MNIST-1D CNN: 5,210 parameters, output [10]")
    func cnnShapes() throws {
        let net = try Network(inputShape: [40], layers: Self.cnn)
        #expect(net.parameterCount == 5210)
        #expect(net.outputShape == [10])
        #expect(net.layers.map(\.outputShape) == [[25, 19], [25, 19], [25, 10], [25, 10], [25, 5], [25, 5], [125], [10]])
        #expect(net.layers[0].summary == "conv 25 k=5 s=2 pad=1")
    }

    @Test("the residual MLP: 15,210 parameters, every tensor named and tiling the flat buffer")
    func mlpParameters() throws {
        let net = try Network(inputShape: [40], layers: Self.mlp)
        #expect(net.parameterCount == 15210)
        let named = net.namedParameters
        #expect(named.map(\.name) == ["0.weight", "0.bias", "2.f.0.weight", "2.f.0.bias", "3.weight", "3.bias"])
        var next = 0
        for t in named { #expect(t.offset == next, "\(t.name)"); next += t.count }
        #expect(next == net.parameterCount)
    }

    @Test("nested residuals and projections name every tensor")
    func nestedNames() throws {
        let stack = try NetworkBuilder.stack(
            inputShape: [2, 8],
            specs: [
                .residual([
                    .conv(channels: 3, kernel: 3, stride: 2, padding: 1), .batchnorm,
                    .residual([.dense(units: 5)]),
                ])
            ])
        let block = try #require(stack.layers.first as? Residual)
        #expect(
            block.parameters.map(\.name) == [
                "f.0.weight", "f.0.bias", "f.1.weight", "f.1.bias",
                "f.2.f.0.weight", "f.2.f.0.bias", "f.2.proj.weight", "proj.weight",
            ])
        var next = 0
        for t in block.parameters { #expect(t.offset == next, "\(t.name)"); next += t.count }
        #expect(next == block.parameterCount)
        #expect(block.stateCount == 6)
        #expect(block.children.count == 3)
    }

    struct BadCase: CustomTestStringConvertible, Sendable {
        var name: String, input: [Int] = [2, 10], specs: [LayerSpec], error: NetworkError
        var testDescription: String { name }
    }

    static let badCases: [BadCase] = [
        BadCase(
            name: "conv channels", specs: [.conv(channels: 0, kernel: 3)],
            error: .invalidSetting(layer: 1, message: "conv channels must be a positive integer, got 0")),
        BadCase(
            name: "conv kernel", specs: [.conv(channels: 4, kernel: -2)],
            error: .invalidSetting(layer: 1, message: "conv kernel size must be a positive integer, got -2")),
        BadCase(
            name: "conv stride", specs: [.conv(channels: 4, kernel: 3, stride: 0)],
            error: .invalidSetting(layer: 1, message: "conv stride must be a positive integer, got 0")),
        BadCase(
            name: "conv padding", specs: [.conv(channels: 4, kernel: 3, padding: -1)],
            error: .invalidSetting(layer: 1, message: "conv padding must be between 0 and 16777216, got -1")),
        BadCase(
            name: "conv kernel longer than the padded input", specs: [.conv(channels: 4, kernel: 13, padding: 1)],
            error: .invalidSetting(
                layer: 1, message: "conv kernel 13 is longer than the padded input (length 10 + 2×1 padding = 12)",
                hint: "use a kernel of at most 12 or more padding")),
        BadCase(
            name: "conv on a 3-D example", input: [2, 3, 4], specs: [.conv(channels: 4, kernel: 3)],
            error: .shapeMismatch(
                layer: 1, message: "conv expects examples of shape [L] or [C×L], got [2×3×4]",
                hint: "conv runs along a signal; on images [C×H×W] use 'conv2d'")),
        BadCase(
            name: "conv2d on a signal", input: [2, 10], specs: [.conv(channels: 4, kernel: 3, dimensions: 2)],
            error: .shapeMismatch(
                layer: 1, message: "conv2d expects examples of shape [C×H×W], got [2×10]",
                hint: "conv2d works on images [C×H×W]; along a signal use 'conv'")),
        BadCase(
            name: "pool2d after flatten", input: [1, 4, 4], specs: [.flatten, .pool(.max, size: 2, dimensions: 2)],
            error: .shapeMismatch(
                layer: 2, message: "pool2d expects examples of shape [C×H×W], got [16]",
                hint: "pool2d works on images [C×H×W]; along a signal use 'pool'")),
        BadCase(
            name: "conv2d kernel taller than the image", input: [1, 3, 8], specs: [.conv(channels: 2, kernel: 4, dimensions: 2)],
            error: .invalidSetting(
                layer: 1, message: "conv2d kernel 4 is longer than the padded input (height 3 + 2×0 padding = 3)",
                hint: "use a kernel of at most 3 or more padding")),
        BadCase(
            name: "pool2d window wider than the image", input: [1, 6, 3], specs: [.pool(.avg, size: 4, dimensions: 2)],
            error: .invalidSetting(
                layer: 1, message: "avg pool2d size 4 is longer than the input (width 3)", hint: "use a size of at most 3")),
        BadCase(
            name: "pool size", specs: [.activation(.relu), .pool(.max, size: 0)],
            error: .invalidSetting(layer: 2, message: "max pool size must be a positive integer, got 0")),
        BadCase(
            name: "pool stride", specs: [.pool(.avg, size: 2, stride: -1)],
            error: .invalidSetting(layer: 1, message: "avg pool stride must be a positive integer, got -1")),
        BadCase(
            name: "pool longer than the input", specs: [.pool(.max, size: 11)],
            error: .invalidSetting(
                layer: 1, message: "max pool size 11 is longer than the input (length 10)", hint: "use a size of at most 10")),
        BadCase(
            name: "dropout 1", specs: [.dropout(1)],
            error: .invalidSetting(
                layer: 1, message: "dropout probability must be in [0, 1), got 1.0", hint: "p = 0.5 drops half the inputs")),
        BadCase(
            name: "dropout negative", specs: [.dropout(-0.1)],
            error: .invalidSetting(
                layer: 1, message: "dropout probability must be in [0, 1), got -0.1", hint: "p = 0.5 drops half the inputs")),
        BadCase(
            name: "dropout NaN", specs: [.dropout(.nan)],
            error: .invalidSetting(
                layer: 1, message: "dropout probability must be in [0, 1), got nan", hint: "p = 0.5 drops half the inputs")),
        BadCase(
            name: "empty residual", specs: [.flatten, .residual([])],
            error: .invalidSetting(
                layer: 2, message: "a residual block needs at least one layer in its branch", hint: "res { dense 100 relu }")),
        BadCase(
            name: "error inside a residual", specs: [.residual([.activation(.relu), .dense(units: 0)])],
            error: .invalidSetting(
                layer: 1, message: "in the residual branch, layer 2: dense width must be a positive integer, got 0")),
        BadCase(
            name: "too many parameters", specs: [.conv(channels: 1 << 24, kernel: 1 << 20, padding: 1 << 20)],
            error: .tooLarge(parameters: 35184388866048, bytes: 562950221856768, limit: NetworkBuilder.memoryLimit)),
        BadCase(
            name: "too many activations", specs: [.conv(channels: 1 << 23, kernel: 1)],
            error: .invalidSetting(
                layer: 1, message: "conv would need 705 MiB of activations per example; the limit is 256 MiB",
                hint: "use fewer channels or a larger stride")),
    ]

    @Test("impossible settings are refused with a message", arguments: badCases)
    func refused(_ c: BadCase) {
        #expect(throws: c.error) { try NetworkBuilder.stack(inputShape: c.input, specs: c.specs) }
    }

    @Test("a conv on a flat input reads it as one channel")
    func convOnFlat() throws {
        let stack = try NetworkBuilder.stack(inputShape: [2, 10], specs: [.flatten, .conv(channels: 3, kernel: 4, stride: 4)])
        #expect(stack.outputShape == [3, 5])
    }

    @Test("He before ReLU-like activations, looking through pooling, dropout and norms")
    func defaultSchemes() throws {
        let stack = try NetworkBuilder.stack(
            inputShape: [1, 16],
            specs: [
                .conv(channels: 4, kernel: 3), .batchnorm, .pool(.max, size: 2), .activation(.relu),
                .flatten, .dense(units: 8), .dropout(0.2), .layernorm, .activation(.gelu),
                .dense(units: 6), .activation(.tanh), .dense(units: 3),
            ])
        let schemes = NetworkBuilder.defaultSchemes(stack.layers)
        #expect(schemes[0] == .he)
        #expect(schemes[5] == .he)
        #expect(schemes[9] == .xavierNormal)
        #expect(schemes[11] == .xavierNormal)
    }

    /// The branch's dense is followed by a ReLU inside the branch, so it gets He: std √(2/100).
    @Test("default initialization reaches into residual branches")
    func residualInit() throws {
        let net = try Network(inputShape: [40], layers: Self.mlp + [.batchnorm])
        net.initialize(seed: 3)
        let inner = try #require(net.namedParameters.first { $0.name == "2.f.0.weight" })
        let w = Array(net.parameters.array[inner.offset..<(inner.offset + inner.count)])
        let std = (w.map { Double($0) * Double($0) }.reduce(0, +) / Double(w.count)).squareRoot()
        expectClose(std, (2.0 / 100).squareRoot(), rtol: 0.03, atol: 0)
        #expect(net.state.array == [Float](repeating: 0, count: 10) + [Float](repeating: 1, count: 10))
        let gamma = try #require(net.namedParameters.first { $0.name == "4.weight" })
        #expect(net.parameters[gamma.offset] == 1)
    }
}
