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

    /// The backward pass reads the derivative the forward pass saved: the same bits as recomputing it.
    @Test("the saved derivative is the recomputed one")
    func savedSlope() {
        let x = checkerInputs(count: 100, seed: 9).map { $0 * 4 }, dy = checkerInputs(count: 100, seed: 10)
        var y = [Float](repeating: 0, count: 100), slope = y, saved = y, recomputed = y
        Elementwise.geluForward(100, x, &y, slope: &slope)
        Elementwise.geluBackward(100, x, slope: slope, dy, &saved)
        Elementwise.geluBackward(100, x, slope: nil, dy, &recomputed)
        #expect(saved.map(\.bitPattern) == recomputed.map(\.bitPattern))
    }
}

@Suite("Attention forward values")
struct AttentionForwardTests {
    /// nn.MultiheadAttention's computation written out naively in Double: q, k, v = x·W_inᵀ + b_in
    /// split in three; per head softmax(q kᵀ/√d) (entries after the query −∞ when causal) times v;
    /// heads concatenated; y = o·W_outᵀ + b_out. x is [L × W] per example (a [W, L] signal stored
    /// channels-last). Tolerance 1e-5 relative: Float32 against Double over sums of ≤ 3W terms.
    func reference(_ x: [Float], _ p: [Float], batch: Int, l: Int, w: Int, heads: Int, causal: Bool) -> [Float] {
        let d = w / heads
        let inB = 3 * w * w, outW = inB + 3 * w, outB = outW + w * w
        var y = [Float](repeating: 0, count: batch * l * w)
        for e in 0..<batch {
            var qkv = [[Double]](repeating: [Double](repeating: 0, count: 3 * w), count: l)
            for i in 0..<l {
                for r in 0..<(3 * w) {
                    var s = Double(p[inB + r])
                    for c in 0..<w { s += Double(p[r * w + c]) * Double(x[(e * l + i) * w + c]) }
                    qkv[i][r] = s
                }
            }
            var o = [[Double]](repeating: [Double](repeating: 0, count: w), count: l)
            for h in 0..<heads {
                for i in 0..<l {
                    let keys = causal ? Array(0...i) : Array(0..<l)
                    let scores = keys.map { j in
                        (0..<d).reduce(0.0) { $0 + qkv[i][h * d + $1] * qkv[j][w + h * d + $1] } / Double(d).squareRoot()
                    }
                    let top = scores.max() ?? 0
                    let ex = scores.map { exp($0 - top) }, total = ex.reduce(0, +)
                    for (n, j) in keys.enumerated() {
                        for t in 0..<d { o[i][h * d + t] += ex[n] / total * qkv[j][2 * w + h * d + t] }
                    }
                }
            }
            for i in 0..<l {
                for r in 0..<w {
                    var s = Double(p[outB + r])
                    for c in 0..<w { s += Double(p[outW + r * w + c]) * o[i][c] }
                    y[(e * l + i) * w + r] = Float(s)
                }
            }
        }
        return y
    }

    @Test("attention matches nn.MultiheadAttention's formula", arguments: [(1, false), (2, false), (3, true), (6, true)])
    func matchesReference(_ c: (heads: Int, causal: Bool)) {
        let (batch, l, w) = (2, 5, 6)
        let layer = Attention(inputShape: [w, l], heads: c.heads, causal: c.causal)
        let x = checkerInputs(count: batch * l * w, seed: 3)
        let p = checkerInputs(count: layer.parameterCount, seed: 4).map { $0 * 0.5 }
        let y = runForward(layer, x: x, params: p, batch: batch).y
        expectClose(y, reference(x, p, batch: batch, l: l, w: w, heads: c.heads, causal: c.causal), rtol: 1e-5, atol: 1e-5)
    }

    /// Causal: changing the last token's vector changes no earlier position's output.
    @Test("causal attention does not look ahead")
    func causalIgnoresTheFuture() {
        let (l, w) = (4, 4)
        let layer = Attention(inputShape: [w, l], heads: 2, causal: true)
        var x = checkerInputs(count: l * w, seed: 5)
        let p = checkerInputs(count: layer.parameterCount, seed: 6)
        let before = runForward(layer, x: x, params: p, batch: 1).y
        for c in 0..<w { x[(l - 1) * w + c] += 3 }
        let after = runForward(layer, x: x, params: p, batch: 1).y
        #expect(Array(before[0..<((l - 1) * w)]) == Array(after[0..<((l - 1) * w)]))
        #expect(before[(l - 1) * w] != after[(l - 1) * w])
    }
}
