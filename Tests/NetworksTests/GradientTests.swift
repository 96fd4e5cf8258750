// Every layer's and loss's analytic gradient against central differences.
import Foundation
import Kernels
import Networks
import TestSupport
import Testing

/// Float32 forward passes with eps = 1e-2: relative errors of ~1e-3 are expected (see
/// `checkLayerGradients`); 1e-2 leaves margin while still catching any wrong term (which is O(1)).
let gradientTolerance = 1e-2

@Suite("Gradients")
struct GradientTests {
    @Test("dense layer", arguments: [true, false])
    func dense(bias: Bool) {
        let report = checkLayerGradients(Dense(inputShape: [5], units: 4, bias: bias))
        #expect(report.worstError < gradientTolerance, "\(report)")
        #expect(report.checked == (bias ? 24 : 20) + 15)
    }

    @Test("dense layer reads a [C×L] input flattened")
    func denseOnSignal() {
        let report = checkLayerGradients(Dense(inputShape: [2, 3], units: 2))
        #expect(report.worstError < gradientTolerance, "\(report)")
    }

    /// eps = 1e-3 keeps ReLU-like kinks from being crossed: with these seeds no input lies within
    /// 1e-3 of 0 (a crossing would show as an O(1) error, not a small one).
    @Test("activations", arguments: ActivationFunction.allCases)
    func activation(_ f: ActivationFunction) {
        let report = checkLayerGradients(Activation(inputShape: [7], function: f), batch: 4, eps: 1e-3)
        #expect(report.worstError < gradientTolerance, "\(report)")
    }

    @Test("softmax cross-entropy")
    func crossEntropy() {
        let labels: [Int32] = [0, 3, 2, 1]
        let report = labels.withUnsafeBufferPointer {
            checkLossGradient(.crossEntropy, batch: 4, outputs: 4, targets: .labels($0.baseAddress!))
        }
        #expect(report.worstError < gradientTolerance, "\(report)")
    }

    @Test("mean squared error and binary cross-entropy", arguments: [Loss.meanSquared, .binaryCrossEntropy])
    func valueLosses(_ loss: Loss) {
        var rng = RNG(seed: 9)
        let t = (0..<12).map { _ in loss == .binaryCrossEntropy ? Float(rng.int(below: 2)) : rng.normal() }
        let report = t.withUnsafeBufferPointer {
            checkLossGradient(loss, batch: 4, outputs: 3, targets: .values($0.baseAddress!))
        }
        #expect(report.worstError < gradientTolerance, "\(report)")
    }

    @Test("cross-entropy is stable for huge logits")
    func crossEntropyStable() {
        let z: [Float] = [1e30, -1e30, 0, 88, 89, 90]
        let y: [Int32] = [0, 2]
        let r = z.withUnsafeBufferPointer { zp in
            y.withUnsafeBufferPointer { yp in
                Loss.crossEntropy.evaluate(
                    logits: zp.baseAddress!, targets: .labels(yp.baseAddress!), batch: 2, outputs: 3, gradient: nil)
            }
        }
        #expect(r.loss.isFinite)
        // Row 2: log(e^0 + e^1 + e^2) − 2 with the max shift; row 1 is exactly right.
        expectClose(r.loss, (0 + (log(1 + exp(-1.0) + exp(-2.0)))) / 2, rtol: 1e-5, atol: 1e-6)
        #expect(r.correct == 2)
    }
}
