// The channels-last storage of [C, L] and [C, H, W] activations is invisible from outside: whole networks on
// channel-major inputs (as files hold them) against a direct channel-major reference of every
// layer, written here from the definitions; flatten's (c, l) order; and the stack's entry
// conversion in both directions.
import Foundation
import Kernels
import Networks
import TestSupport
import Testing

@Suite("Channels-last layout")
struct ChannelsLastTests {
    /// Flatten of a stored [L × C] example gives PyTorch's (c, l) order, and its backward undoes it.
    @Test("flatten reads channels-last and writes (c, l) order")
    func flattenOrder() {
        // One example of shape [2, 3] stored channels-last: positions (c0, c1) = (1, 4), (2, 5), (3, 6).
        let y = runForward(Flatten(inputShape: [2, 3]), x: [1, 4, 2, 5, 3, 6], batch: 1).y
        #expect(y == [1, 2, 3, 4, 5, 6])
    }

    /// A stack of one flatten (or one linear activation, whose [3, 4] output is converted back on
    /// exit) on a channel-major input is the identity both ways: the conversions cancel, and so
    /// do their adjoints in backward.
    @Test(
        "the stack converts channel-major inputs on entry and outputs on exit, gradients back",
        arguments: [[LayerSpec.flatten], [.activation(.linear)]])
    func boundaryConversions(_ specs: [LayerSpec]) throws {
        let stack = try NetworkBuilder.stack(inputShape: [3, 4], specs: specs)
        #expect(stack.inputConversion == ChannelView([3, 4]))
        #expect(stack.outputConversion == (specs == [.flatten] ? nil : ChannelView([3, 4])))
        let batch = 2, n = 12
        let x = FloatBuffer((0..<(batch * n)).map(Float.init)), dx = FloatBuffer(count: batch * n)
        let ws = FloatBuffer(count: stack.workspace.count(batch: batch)), none = FloatBuffer(count: 1)
        var rng = RNG(seed: 1)
        withUnsafeMutablePointer(to: &rng) { r in
            let buffers = StackBuffers(
                params: none.base, grads: none.base, state: none.base, workspace: ws.base,
                training: true, rng: r)
            let y = stack.forward(x: x.base, batch: batch, buffers: buffers)
            #expect(y == stack.output(batch: batch, workspace: ws.base))
            #expect(Array(UnsafeBufferPointer(start: y, count: batch * n)) == x.array)
            let dy = stack.outputGradient(batch: batch, workspace: ws.base)
            for i in 0..<(batch * n) { dy[i] = Float(100 + i) }
            stack.backward(x: x.base, dx: dx.base, batch: batch, buffers: buffers)
        }
        #expect(dx.array == (0..<(batch * n)).map { Float(100 + $0) })
    }

    @Test("flat inputs, single channels and residual branches convert nothing")
    func noConversion() throws {
        #expect(try NetworkBuilder.stack(inputShape: [1, 4], specs: [.flatten]).inputConversion == nil)
        #expect(try NetworkBuilder.stack(inputShape: [12], specs: [.conv(channels: 1, kernel: 3)]).outputConversion == nil)
        let stack = try NetworkBuilder.stack(inputShape: [2, 4], specs: [.residual([.conv(channels: 2, kernel: 1)])])
        let block = try #require(stack.layers.first as? Residual)
        #expect(block.body.inputConversion == nil && block.body.outputConversion == nil)
        #expect(stack.inputConversion != nil && stack.outputConversion != nil)
    }

    struct NetCase: CustomTestStringConvertible, Sendable {
        var name: String, input: [Int], specs: [LayerSpec], projections: [String] = []
        var testDescription: String { name }
    }

    /// Every layer that reads the [C, L] structure, on a multi-channel input; evaluation mode so
    /// batch norm uses (non-trivial) running statistics and dropout is the identity.
    static let netCases: [NetCase] = [
        NetCase(
            name: "the MNIST-1D CNN on 3 channels", input: [3, 40],
            specs: [
                .conv(channels: 25, kernel: 5, stride: 2, padding: 1), .activation(.relu),
                .conv(channels: 25, kernel: 3, stride: 2, padding: 1), .activation(.relu),
                .conv(channels: 25, kernel: 3, stride: 2, padding: 1), .activation(.relu),
                .flatten, .dense(units: 10),
            ]),
        NetCase(
            name: "conv, batch norm, pooling, layer norm, dense without flatten", input: [2, 11],
            specs: [
                .conv(channels: 4, kernel: 3, stride: 1, padding: 1), .batchnorm, .activation(.tanh), .dropout(0.3),
                .pool(.max, size: 2), .conv(channels: 3, kernel: 2, stride: 1, padding: 0), .pool(.avg, size: 2, stride: 1),
                .layernorm, .dense(units: 5),
            ]),
        NetCase(
            name: "residual blocks: conv and dense projections", input: [2, 9],
            specs: [
                .residual([.conv(channels: 3, kernel: 3, stride: 2, padding: 1), .activation(.tanh)]),
                .residual([.conv(channels: 2, kernel: 2)]),
                .flatten, .dense(units: 4),
            ], projections: ["conv", "dense"]),
        NetCase(
            name: "the 16×16 image CNN of peer_conv2d.py (8×8 here) on 2 channels", input: [2, 8, 8],
            specs: [
                .conv(channels: 4, kernel: 3, padding: 1, dimensions: 2), .activation(.relu),
                .pool(.max, size: 2, dimensions: 2),
                .conv(channels: 5, kernel: 3, padding: 1, dimensions: 2), .activation(.relu),
                .pool(.max, size: 2, dimensions: 2), .flatten, .dense(units: 3),
            ]),
        NetCase(
            name: "images: non-square, strided conv2d, batch norm, average pooling, residual projection", input: [3, 7, 9],
            specs: [
                .conv(channels: 4, kernel: 3, stride: 2, padding: 1, dimensions: 2), .batchnorm, .activation(.tanh),
                .residual([.conv(channels: 2, kernel: 3, stride: 2, padding: 1, dimensions: 2), .activation(.tanh)]),
                .pool(.avg, size: 2, stride: 1, dimensions: 2), .layernorm, .flatten, .dense(units: 3),
            ], projections: ["conv2d"]),
        NetCase(
            name: "a network that ends on a signal", input: [2, 8],
            specs: [
                .conv(channels: 3, kernel: 3, padding: 1), .activation(.tanh), .conv(channels: 2, kernel: 3, stride: 2),
            ]),
    ]

    @Test("a network's output on channel-major inputs matches a channel-major reference", arguments: netCases)
    func wholeNetwork(_ c: NetCase) throws {
        let net = try Network(inputShape: c.input, layers: c.specs)
        #expect(net.layers.compactMap { ($0 as? Residual)?.projection?.kind } == c.projections)
        net.initialize(seed: 7)
        // Normalization parameters and running statistics away from 1 and 0, so their order matters.
        var draw = RNG(seed: 8)
        for t in net.namedParameters where t.role == .normalization {
            for i in t.offset..<(t.offset + t.count) { net.parameters[i] = 0.5 + draw.uniformFloat() }
        }
        for (i, layer) in net.layers.enumerated() where layer is BatchNorm {
            let (at, c) = (net.stack.stateOffsets[i], layer.stateCount / 2)
            for j in 0..<c { net.state[at + j] = 0.3 * draw.normal(); net.state[at + c + j] = 0.5 + draw.uniformFloat() }
        }
        let batch = 3
        let x = checkerInputs(count: batch * net.inputCount, seed: 9)
        let ws = Workspace(network: net, capacity: batch)
        var rng = RNG(seed: 1)
        let y = x.withUnsafeBufferPointer {
            net.forward($0.baseAddress!, batch: batch, workspace: ws, training: false, rng: &rng)
        }
        let got = Array(UnsafeBufferPointer(start: y, count: batch * net.outputCount))
        let params = net.parameters.array, state = net.state.array
        let expected = ChannelMajorReference(params: params, state: state, batch: batch).run(net.stack, x: x)
        #expect(expected.allSatisfy { $0.isFinite })
        expectClose(got, expected, rtol: 1e-4, atol: 1e-4)
    }
}

/// The layers written directly from their definitions on channel-major [B × C × L] values, as
/// PyTorch computes them, reading parameters in their documented (PyTorch) layouts.
struct ChannelMajorReference {
    let params: [Float]
    let state: [Float]
    let batch: Int

    func run(_ stack: LayerStack, x: [Float], parameterBase: Int = 0, stateBase: Int = 0) -> [Float] {
        var a = x
        for (i, layer) in stack.layers.enumerated() {
            a = apply(layer, a, p: parameterBase + stack.parameterOffsets[i], s: stateBase + stack.stateOffsets[i])
        }
        return a
    }

    func slice(_ at: Int, _ count: Int) -> [Float] { Array(params[at..<(at + count)]) }

    func apply(_ layer: any Layer, _ x: [Float], p: Int, s: Int) -> [Float] {
        switch layer {
        case let conv as Convolution:
            let w = conv.parameters[0].count, g = conv.input, k = conv.kernel
            let planar = g.dimensions == 2
            return referenceConvolution(
                x: x, batch: batch, channels: g.channels, height: g.height, width: g.width,
                weights: slice(p, w), bias: conv.hasBias ? slice(p + w, conv.channels) : nil,
                outChannels: conv.channels, kernel: (planar ? k : 1, k), stride: (planar ? conv.stride : 1, conv.stride),
                padding: (planar ? conv.padding : 0, conv.padding))
        case let dense as Dense:
            let (i, o) = (dense.inputCount, dense.units)
            return (0..<batch).flatMap { b in
                (0..<o).map { u in
                    var sum = Double(dense.hasBias ? params[p + o * i + u] : 0)
                    for k in 0..<i { sum += Double(params[p + u * i + k]) * Double(x[b * i + k]) }
                    return Float(sum)
                }
            }
        case let a as Activation:
            return a.function == .relu ? x.map { max($0, 0) } : x.map { Float(tanh(Double($0))) }
        case let bn as BatchNorm:
            let v = ChannelView(bn.inputShape)
            return x.indices.map { i in
                let c = (i / v.inner) % v.channels
                let r = 1 / (Double(state[s + v.channels + c]) + 1e-5).squareRoot()
                return Float(
                    (Double(x[i]) - Double(state[s + c])) * r * Double(params[p + c]) + Double(params[p + v.channels + c]))
            }
        case let pool as Pooling where pool.input.dimensions == 2:
            let g = pool.input
            return referencePooling(
                x: x, batch: batch, channels: g.channels, height: g.height, width: g.width, size: pool.size,
                stride: pool.stride, max: pool.pool == .max)
        case let pool as Pooling:
            let (c, l, lo) = (pool.input.channels, pool.input.width, pool.output.width)
            return (0..<(batch * c)).flatMap { row in
                (0..<lo).map { t in
                    let w = (0..<pool.size).map { x[row * l + t * pool.stride + $0] }
                    return pool.pool == .max ? w.max()! : w.reduce(0, +) / Float(pool.size)
                }
            }
        case let ln as LayerNorm:
            let n = ln.inputCount
            return (0..<batch).flatMap { b in
                let e = x[(b * n)..<((b + 1) * n)].map(Double.init)
                let m = e.reduce(0, +) / Double(n)
                let r = 1 / (e.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(n) + 1e-5).squareRoot()
                return (0..<n).map { i in Float((e[i] - m) * r * Double(params[p + i]) + Double(params[p + n + i])) }
            }
        case let block as Residual:
            let fx = run(block.body, x: x, parameterBase: p, stateBase: s)
            guard let proj = block.projection else { return zip(fx, x).map(+) }
            let shortcut = apply(proj, x, p: p + block.body.parameterCount, s: s)
            return zip(fx, shortcut).map(+)
        default:  // flatten and evaluation-mode dropout: the identity on channel-major values
            return x
        }
    }
}
