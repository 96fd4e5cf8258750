// Whole networks of mixed layers: every buffer stays inside its bounds (guard regions here, and
// the address sanitizer when the suite is built with --sanitize=address), smaller batches than
// the workspace capacity work, and a whole mixed stack inside a residual passes the gradient check
// (which would catch two layers' workspace regions overlapping).
import Kernels
import Networks
import TestSupport
import Testing

@Suite("Mixed networks")
struct MixedNetworkTests {
    static let mixed: [LayerSpec] = [
        .conv(channels: 4, kernel: 3, padding: 1), .batchnorm, .activation(.relu), .pool(.max, size: 2),
        .dropout(0.25),
        .residual([
            .conv(channels: 4, kernel: 3, padding: 1), .activation(.relu),
            .residual([.conv(channels: 6, kernel: 3, stride: 2, padding: 1), .activation(.gelu)]),
        ]),
        .layernorm, .pool(.avg, size: 2, stride: 1), .flatten, .dense(units: 8), .activation(.relu), .dense(units: 3),
    ]

    @Test("forward and backward write only inside their buffers", arguments: [(1, 4, true), (3, 4, true), (4, 4, false)])
    func guarded(_ c: (batch: Int, capacity: Int, training: Bool)) throws {
        let stack = try NetworkBuilder.stack(inputShape: [2, 16], specs: Self.mixed)
        #expect(stack.outputShape == [3])
        let run = runWithGuards(stack, batch: c.batch, capacity: c.capacity, training: c.training)
        #expect(run.intact)
        #expect(run.output.count == 3 * c.batch && run.output.allSatisfy(\.isFinite))
    }

    @Test("a Network trains a step: finite loss and gradients, evaluation is deterministic")
    func networkStep() throws {
        let net = try Network(inputShape: [2, 16], layers: Self.mixed)
        net.initialize(seed: 1)
        let ws = Workspace(network: net, capacity: 8)
        var rng = RNG(seed: 2)
        let x = FloatBuffer((0..<(5 * 32)).map { _ in rng.normal() })
        let labels: [Int32] = [0, 1, 2, 1, 0]
        net.forward(x.base, batch: 5, workspace: ws, training: true, rng: &rng)
        let logits = net.stack.output(batch: 5, workspace: ws.buffer.base)
        let loss = labels.withUnsafeBufferPointer {
            Loss.crossEntropy.evaluate(
                logits: logits, targets: .labels($0.baseAddress!), batch: 5, outputs: 3,
                gradient: net.outputGradient(batch: 5, workspace: ws))
        }
        #expect(loss.loss.isFinite)
        net.backward(x.base, batch: 5, workspace: ws, training: true, rng: &rng)
        #expect(Vec.allFinite(net.parameterCount, net.gradients.base))
        #expect(Vec.norm(net.parameterCount, net.gradients.base) > 0)
        func evaluate() -> [Float] {
            let y = net.forward(x.base, batch: 5, workspace: ws, training: false, rng: &rng)
            return Array(UnsafeBufferPointer(start: y, count: 15))
        }
        #expect(evaluate() == evaluate())
    }

    /// The mixed stack (minus the kinked layers) as one residual branch, gradient-checked whole.
    @Test("a whole mixed stack inside a residual passes the gradient check")
    func mixedGradient() throws {
        let stack = try NetworkBuilder.stack(
            inputShape: [2, 8],
            specs: [
                .residual([
                    .conv(channels: 3, kernel: 3, padding: 1), .activation(.tanh), .batchnorm, .dropout(0.25),
                    .residual([.conv(channels: 3, kernel: 3, stride: 2, padding: 1), .activation(.gelu)]),
                    .pool(.avg, size: 2, stride: 1), .flatten, .dense(units: 5), .activation(.tanh), .dense(units: 3),
                ])
            ])
        let report = checkLayerGradients(stack.layers[0], batch: 3)
        #expect(report.worstError < gradientTolerance, "\(report)")
    }
}
