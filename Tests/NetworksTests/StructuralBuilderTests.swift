// Building networks with structural layers: the reference models' parameter counts and shapes,
// each impossible setting's typed refusal, parameter naming inside residual blocks, and default
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
            error: .layer(1, .notPositive(kind: "conv", setting: .channels, value: 0))),
        BadCase(
            name: "conv kernel", specs: [.conv(channels: 4, kernel: -2)],
            error: .layer(1, .notPositive(kind: "conv", setting: .kernel, value: -2))),
        BadCase(
            name: "conv stride", specs: [.conv(channels: 4, kernel: 3, stride: 0)],
            error: .layer(1, .notPositive(kind: "conv", setting: .stride, value: 0))),
        BadCase(
            name: "conv padding", specs: [.conv(channels: 4, kernel: 3, padding: -1)],
            error: .layer(1, .paddingOutOfRange(kind: "conv", padding: -1, limit: 16_777_216))),
        BadCase(
            name: "conv kernel longer than the padded input", specs: [.conv(channels: 4, kernel: 13, padding: 1)],
            error: .layer(1, .kernelTooLong(kind: "conv", kernel: 13, axis: .length, side: 10, padding: 1))),
        BadCase(
            name: "conv on a 3-D example", input: [2, 3, 4], specs: [.conv(channels: 4, kernel: 3)],
            error: .layer(1, .notAGrid(kind: "conv", dimensions: 1, input: [2, 3, 4]))),
        BadCase(
            name: "conv2d on a signal", input: [2, 10], specs: [.conv(channels: 4, kernel: 3, dimensions: 2)],
            error: .layer(1, .notAGrid(kind: "conv2d", dimensions: 2, input: [2, 10]))),
        BadCase(
            name: "pool2d after flatten", input: [1, 4, 4], specs: [.flatten, .pool(.max, size: 2, dimensions: 2)],
            error: .layer(2, .notAGrid(kind: "pool2d", dimensions: 2, input: [16]))),
        BadCase(
            name: "conv2d kernel taller than the image", input: [1, 3, 8], specs: [.conv(channels: 2, kernel: 4, dimensions: 2)],
            error: .layer(1, .kernelTooLong(kind: "conv2d", kernel: 4, axis: .height, side: 3, padding: 0))),
        BadCase(
            name: "pool2d window wider than the image", input: [1, 6, 3], specs: [.pool(.avg, size: 4, dimensions: 2)],
            error: .layer(1, .windowTooLong(kind: "avg pool2d", size: 4, axis: .width, side: 3))),
        BadCase(
            name: "pool size", specs: [.activation(.relu), .pool(.max, size: 0)],
            error: .layer(2, .notPositive(kind: "max pool", setting: .size, value: 0))),
        BadCase(
            name: "pool stride", specs: [.pool(.avg, size: 2, stride: -1)],
            error: .layer(1, .notPositive(kind: "avg pool", setting: .stride, value: -1))),
        BadCase(
            name: "pool longer than the input", specs: [.pool(.max, size: 11)],
            error: .layer(1, .windowTooLong(kind: "max pool", size: 11, axis: .length, side: 10))),
        BadCase(name: "dropout 1", specs: [.dropout(1)], error: .layer(1, .dropoutOutOfRange(1))),
        BadCase(name: "dropout negative", specs: [.dropout(-0.1)], error: .layer(1, .dropoutOutOfRange(-0.1))),
        BadCase(name: "empty residual", specs: [.flatten, .residual([])], error: .layer(2, .emptyResidual)),
        BadCase(
            name: "error inside a residual", specs: [.residual([.activation(.relu), .dense(units: 0)])],
            error: .layer(1, .inResidualBranch(2, .notPositive(kind: "dense", setting: .width, value: 0)))),
        BadCase(
            name: "too many parameters", specs: [.conv(channels: 1 << 24, kernel: 1 << 20, padding: 1 << 20)],
            error: .tooLarge(parameters: 35184388866048, bytes: 562950221856768, limit: NetworkBuilder.memoryLimit)),
        BadCase(
            name: "too many activations", specs: [.conv(channels: 1 << 23, kernel: 1)],
            error: .layer(1, .activationsTooLarge(kind: "conv", bytes: 739_246_064, limit: 268_435_456))),
    ]

    @Test("impossible settings are refused with what and the numbers", arguments: badCases)
    func refused(_ c: BadCase) {
        #expect(throws: c.error) { try NetworkBuilder.stack(inputShape: c.input, specs: c.specs) }
    }

    /// NaN is refused too (a NaN in the case would never equal the thrown one).
    @Test func dropoutNaN() {
        #expect {
            try NetworkBuilder.stack(inputShape: [2, 10], specs: [.dropout(.nan)])
        } throws: { error in
            guard case .layer(1, .dropoutOutOfRange(let p)) = error as? NetworkError else { return false }
            return p.isNaN
        }
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
