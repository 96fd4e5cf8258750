// Forward values of the structural layers against hand-computed small cases and a direct
// reference convolution; batch-norm running statistics against PyTorch's update rule. Values are
// written channel-major, as PyTorch holds them; `runForwardChannelMajor` converts to and from the
// channels-last storage of [C, L] activations (the layout must not change any value).
import Kernels
import Networks
import TestSupport
import Testing

@Suite("Structural layer forward values")
struct StructuralForwardTests {
    /// Kernel [1, 0, −1], bias 0.5 on x = 1…5 with one zero of padding: y[t] = xpad[t] − xpad[t+2] + 0.5.
    @Test(
        "1-channel conv with a known kernel",
        arguments: [
            (stride: 1, expected: [Float](arrayLiteral: -1.5, -1.5, -1.5, -1.5, 4.5)),
            (stride: 2, expected: [-1.5, -1.5, 4.5]),
        ])
    func knownKernel(_ c: (stride: Int, expected: [Float])) {
        let conv = Convolution(inputShape: [5], channels: 1, kernel: 3, stride: c.stride, padding: 1)
        #expect(conv.outputShape == [1, c.expected.count])
        let y = runForward(conv, x: [1, 2, 3, 4, 5], params: [1, 0, -1, 0.5], batch: 1).y
        #expect(y == c.expected)
    }

    @Test("conv matches the direct definition", arguments: [(3, 1, 0), (3, 2, 1), (5, 2, 1), (4, 3, 2), (1, 1, 0)])
    func conv(_ s: (kernel: Int, stride: Int, padding: Int)) {
        let (b, c, l, o) = (3, 2, 11, 4)
        let conv = Convolution(inputShape: [c, l], channels: o, kernel: s.kernel, stride: s.stride, padding: s.padding)
        let x = checkerInputs(count: b * c * l, seed: 4), p = checkerInputs(count: conv.parameterCount, seed: 5)
        let w = Array(p[0..<(o * c * s.kernel)]), bias = Array(p[(o * c * s.kernel)...])
        let expected = referenceConvolution(
            x: x, batch: b, channels: c, length: l, weights: w, bias: bias,
            outChannels: o, kernel: s.kernel, stride: s.stride, padding: s.padding)
        expectClose(runForwardChannelMajor(conv, x: x, params: p, batch: b).y, expected, rtol: 1e-5, atol: 1e-5)
    }

    @Test(
        "conv2d matches the direct definition (nn.Conv2d)",
        arguments: [(3, 1, 1), (3, 2, 1), (2, 1, 0), (5, 2, 2), (1, 2, 0), (4, 3, 1)])
    func conv2d(_ s: (kernel: Int, stride: Int, padding: Int)) {
        let (b, c, h, w, o) = (2, 3, 6, 7, 4)
        let conv = Convolution(
            inputShape: [c, h, w], channels: o, kernel: s.kernel, stride: s.stride, padding: s.padding, dimensions: 2)
        let x = checkerInputs(count: b * c * h * w, seed: 4), p = checkerInputs(count: conv.parameterCount, seed: 5)
        let n = o * c * s.kernel * s.kernel
        let expected = referenceConvolution(
            x: x, batch: b, channels: c, height: h, width: w, weights: Array(p[0..<n]), bias: Array(p[n...]),
            outChannels: o, kernel: (s.kernel, s.kernel), stride: (s.stride, s.stride), padding: (s.padding, s.padding))
        #expect(
            conv.outputShape == [o, (h + 2 * s.padding - s.kernel) / s.stride + 1, (w + 2 * s.padding - s.kernel) / s.stride + 1])
        #expect(conv.parameters.map(\.shape) == [[o, c, s.kernel, s.kernel], [o]])
        expectClose(runForwardChannelMajor(conv, x: x, params: p, batch: b).y, expected, rtol: 1e-5, atol: 1e-5)
    }

    @Test("pool2d matches the direct definition", arguments: [(2, 2), (3, 1), (2, 3), (3, 2)])
    func pool2d(_ s: (size: Int, stride: Int)) {
        let (b, c, h, w) = (2, 3, 7, 8)
        let x = checkerInputs(count: b * c * h * w, seed: 6)
        for kind in [PoolKind.max, .avg] {
            let pool = Pooling(inputShape: [c, h, w], pool: kind, size: s.size, stride: s.stride, dimensions: 2)
            let expected = referencePooling(
                x: x, batch: b, channels: c, height: h, width: w, size: s.size, stride: s.stride, max: kind == .max)
            expectClose(runForwardChannelMajor(pool, x: x, batch: b).y, expected, rtol: 1e-6, atol: 1e-6)
        }
        // A known case: one 4×4 channel, 2×2 windows.
        let known: [Float] = [1, 2, 5, 0, 3, 4, 1, 1, 0, 0, 9, 8, 0, 1, 7, 6]
        #expect(
            runForward(Pooling(inputShape: [1, 4, 4], pool: .max, size: 2, dimensions: 2), x: known, batch: 1).y == [4, 5, 1, 9])
        #expect(
            runForward(Pooling(inputShape: [1, 4, 4], pool: .avg, size: 2, dimensions: 2), x: known, batch: 1).y == [
                2.5, 1.75, 0.25, 7.5,
            ])
    }

    @Test("pooling")
    func pooling() {
        let x: [Float] = [1, 3, 2, 5, 4, 0]
        #expect(runForward(Pooling(inputShape: [6], pool: .max, size: 2), x: x, batch: 1).y == [3, 5, 4])
        #expect(runForward(Pooling(inputShape: [6], pool: .max, size: 3, stride: 1), x: x, batch: 1).y == [3, 5, 5, 5])
        #expect(runForward(Pooling(inputShape: [6], pool: .avg, size: 2), x: x, batch: 1).y == [2, 3.5, 2])
        // Two channels, a trailing position that no window covers (L = 5, size 2 → 2 outputs).
        let y = runForwardChannelMajor(
            Pooling(inputShape: [2, 5], pool: .max, size: 2), x: [1, 2, 3, 4, 9, -1, -2, -3, -4, 9], batch: 1
        ).y
        #expect(y == [2, 4, -1, -3])
        let avg = runForwardChannelMajor(
            Pooling(inputShape: [2, 5], pool: .avg, size: 3, stride: 2), x: [1, 2, 3, 4, 9, -1, -2, -3, -4, 9], batch: 1
        ).y
        expectClose(avg, [2, 16 / 3, -2, 2 / 3], rtol: 1e-6)
    }

    @Test("dropout: identity in evaluation, inverted scaling in training")
    func dropout() {
        let x = (0..<1000).map { Float($0 % 10) + 1 }
        let layer = Dropout(inputShape: [100], rate: 0.5)
        #expect(runForward(layer, x: x, batch: 10).y == x)
        let y = runForward(layer, x: x, batch: 10, training: true).y
        #expect(zip(x, y).allSatisfy { $1 == 0 || $1 == 2 * $0 })
        let dropped = y.filter { $0 == 0 }.count
        #expect(dropped > 430 && dropped < 570, "dropped \(dropped) of 1000 at p = 0.5")
        #expect(runForward(Dropout(inputShape: [100], rate: 0), x: x, batch: 10, training: true).y == x)
    }

    /// x = 1, 2, 3, 4 for one feature: μ = 2.5, σ² = 1.25 (biased, to normalize) and 5/3
    /// (unbiased, into the running estimate): mean 0.9·0 + 0.1·2.5, var 0.9·1 + 0.1·5/3.
    @Test("batch norm: batch statistics and PyTorch's running update")
    func batchNormTraining() {
        let layer = BatchNorm(inputShape: [1])
        let (y, state) = runForward(layer, x: [1, 2, 3, 4], params: [2, 1], state: [0, 1], batch: 4, training: true)
        let r = 1 / (1.25 + 1e-5).squareRoot()
        expectClose(y, [1, 2, 3, 4].map { 2 * ($0 - 2.5) * Float(r) + 1 }, rtol: 1e-6)
        expectClose(state, [0.25, 0.9 + 0.1 * 5 / 3], rtol: 1e-6)
    }

    @Test("batch norm: per channel over batch and positions; running statistics in evaluation")
    func batchNormChannels() {
        // Channel 0 holds 1…4 over two examples × two positions, channel 1 holds 10 everywhere.
        let layer = BatchNorm(inputShape: [2, 2])
        let x: [Float] = [1, 2, 10, 10, 3, 4, 10, 10]
        let (y, state) = runForwardChannelMajor(
            layer, x: x, params: [1, 1, 0, 0], state: [0, 0, 1, 1], batch: 2, training: true)
        let r = Float(1 / (1.25 + 1e-5).squareRoot())
        expectClose(y, [-1.5 * r, -0.5 * r, 0, 0, 0.5 * r, 1.5 * r, 0, 0], rtol: 1e-5, atol: 1e-6)
        expectClose(state, [0.25, 1, 0.9 + 0.1 * 5 / 3, 0.9], rtol: 1e-6)
        let eval = runForwardChannelMajor(layer, x: x, params: [1, 1, 0, 0], state: [1, 10, 4, 1], batch: 2).y
        let s = Float(1 / (4 + 1e-5).squareRoot())
        expectClose(eval, [0, s, 0, 0, 2 * s, 3 * s, 0, 0], rtol: 1e-5, atol: 1e-4)
    }

    /// γ and β are in PyTorch's [C, L] order: γ[0, 1] = 2 and β[0, 1] = 1 scale and shift
    /// channel 0 at position 1 (not channel 1 at position 0, as reading them in the activations'
    /// channels-last order would), on a [2 × 3] example.
    @Test("layer norm normalizes each example over all its features")
    func layerNorm() {
        let layer = LayerNorm(inputShape: [2, 3])
        let x: [Float] = [1, 2, 3, 4, 5, 6, 5, 5, 5, 5, 5, 5]
        let y = runForwardChannelMajor(layer, x: x, params: [1, 2, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0], batch: 2).y
        let r = Float(1 / (35.0 / 12 + 1e-5).squareRoot())
        let xhat = [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5].map { Float($0) * r }
        expectClose(y, [xhat[0], 2 * xhat[1] + 1, xhat[2], xhat[3], xhat[4], xhat[5], 0, 1, 0, 0, 0, 0], rtol: 1e-5, atol: 1e-6)
    }

    @Test("residual adds the shortcut")
    func residual() throws {
        let stack = try NetworkBuilder.stack(inputShape: [3], specs: [.residual([.activation(.relu)])])
        #expect(runForward(stack.layers[0], x: [-1, 2, 0.5], batch: 1).y == [-1, 4, 1])
    }
}
