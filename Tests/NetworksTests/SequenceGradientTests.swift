// Gradient checks of the sequence layers (embedding, attention, per-position layer norm and
// dense, the transformer block) and of the per-position cross-entropy, against central
// differences. Tolerances as every layer's (`gradientTolerance`: 1e-2 relative, floor 1e-3):
// Float32 forward passes with eps = 1e-2 give errors near 1e-3, and a wrong term is O(1).
import Foundation
import Kernels
import Networks
import TestSupport
import Testing

@Suite("Sequence layer gradients")
struct SequenceGradientTests {
    /// Token inputs are indices, not numbers to differentiate: the tables' gradients are checked.
    @Test("embedding tables")
    func embedding() {
        let layer = Embedding(length: 5, vocabulary: 4, width: 3)
        let tokens: [Float] = [0, 3, 3, 1, 2, 2, 2, 0, 1, 3, 1, 1, 0, 0, 3]
        let report = checkLayerGradients(layer, batch: 3, inputs: tokens, checkInputs: false)
        #expect(report.worstError < gradientTolerance, "\(report)")
        #expect(report.checked == layer.parameterCount)
    }

    struct AttentionCase: CustomTestStringConvertible, Sendable {
        var width: Int, length: Int, heads: Int, causal: Bool
        var testDescription: String { "[\(width)×\(length)] heads=\(heads)\(causal ? " causal" : "")" }
    }

    static let attentionCases: [AttentionCase] = [
        AttentionCase(width: 4, length: 3, heads: 1, causal: false),
        AttentionCase(width: 6, length: 4, heads: 2, causal: false),
        AttentionCase(width: 6, length: 4, heads: 3, causal: true),
        AttentionCase(width: 4, length: 1, heads: 2, causal: false),
    ]

    /// Floor 1e-2: the key biases' gradient is exactly zero (adding q·b to every score of a row
    /// leaves its softmax unchanged), and there the central difference is Float32 noise near 1e-5.
    @Test("attention", arguments: attentionCases)
    func attention(_ c: AttentionCase) {
        let layer = Attention(inputShape: [c.width, c.length], heads: c.heads, causal: c.causal)
        let report = checkLayerGradients(layer, batch: 2, floor: 1e-2)
        #expect(report.worstError < gradientTolerance, "\(report)")
        #expect(report.checked == layer.parameterCount + 2 * layer.inputCount)
    }

    @Test("layer norm per position")
    func layerNormPerPosition() {
        let layer = LayerNorm(inputShape: [4, 3], perPosition: true)
        #expect(layer.parameterCount == 8)
        let report = checkLayerGradients(layer, batch: 2)
        #expect(report.worstError < gradientTolerance, "\(report)")
    }

    @Test("dense per position")
    func densePerPosition() {
        let layer = Dense(positionwise: [4, 3], units: 5)
        #expect(layer.outputShape == [5, 3])
        #expect(layer.parameterCount == 5 * 4 + 5)
        let report = checkLayerGradients(layer, batch: 2)
        #expect(report.worstError < gradientTolerance, "\(report)")
    }

    @Test("transformer block", arguments: [false, true])
    func transformer(causal: Bool) {
        let layer = TransformerBlock(inputShape: [4, 3], heads: 2, mlp: 6, causal: causal)
        let report = checkLayerGradients(layer, batch: 2, floor: 1e-2)
        #expect(report.worstError < gradientTolerance, "\(report)")
        #expect(report.checked == layer.parameterCount + 2 * layer.inputCount)
    }

    /// Outputs are [classes × positions] per example (channel-major, as a network hands them out).
    @Test("cross-entropy at every position")
    func positionCrossEntropy() {
        let labels: [Int32] = [2, 0, 1, 1, 1, 0, 2, 2]  // 2 examples × 4 positions, 3 classes
        let report = labels.withUnsafeBufferPointer { y in
            checkLossGradient(.crossEntropy, batch: 2, outputs: 12, targets: .labels(y.baseAddress!, positions: 4))
        }
        #expect(report.worstError < gradientTolerance, "\(report)")
    }
}

@Suite("GELU")
struct GELUTests {
    /// Against x·Φ(x) in Double (Φ by the C library's erfc): the kernel's Φ is within 1e-7
    /// (Abramowitz & Stegun 7.1.26) and the rest is Float32 rounding, so |error| ≤ 3e-7·max(1, |x|).
    @Test("forward and derivative match the exact form")
    func exactForm() {
        let xs = stride(from: -9.0, through: 9.0, by: 0.01).map { Float($0) }
        let layer = Activation(inputShape: [xs.count], function: .gelu)
        let y = runForward(layer, x: xs, batch: 1).y
        for (x, got) in zip(xs, y) {
            let v = Double(x), cdf = 0.5 * erfc(-v / 2.0.squareRoot())
            #expect(abs(Double(got) - v * cdf) <= 3e-7 * max(1, abs(v)), "gelu(\(x)) = \(got), exact \(v * cdf)")
        }
        let report = checkLayerGradients(Activation(inputShape: [40], function: .gelu), batch: 2)
        #expect(report.worstError < gradientTolerance, "\(report)")
    }
}
