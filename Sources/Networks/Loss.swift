// Losses over a batch of network outputs. Each returns the mean loss and, when asked, writes
// dLoss/dOutput (already divided by the batch size) for the backward pass.
import Kernels

#if canImport(Glibc)
import Glibc
#endif

public enum Loss: String, Sendable, CaseIterable {
    /// Softmax cross-entropy over class logits (labels as targets).
    case crossEntropy = "xent"
    /// Mean squared error over all outputs (values as targets).
    case meanSquared = "mse"
    /// Sigmoid binary cross-entropy on one logit per output (0/1 labels or values as targets).
    case binaryCrossEntropy = "bce"
}

/// Targets for a batch: class labels [B × positions] or regression values [B × outputs].
/// With `positions` P > 1 (a sequence target), each example's K outputs are P positions of
/// K / P classes, channel-major as the network hands them out ([classes × P]); an example counts
/// as correct only when every position is.
public enum LossTargets {
    case labels(UnsafePointer<Int32>, positions: Int)
    case values(UnsafePointer<Float>)

    public static func labels(_ y: UnsafePointer<Int32>) -> LossTargets { .labels(y, positions: 1) }
}

/// The loss over a batch, and how many examples were classified correctly (classification).
public struct LossResult: Sendable, Equatable {
    public var loss: Double
    public var correct: Int
    public init(loss: Double, correct: Int) { self.loss = loss; self.correct = correct }
}

extension Loss {
    /// Mean loss of `logits` [B × K] against `targets`; writes dL/dlogits into `gradient` if given.
    public func evaluate(
        logits: UnsafePointer<Float>, targets: LossTargets, batch b: Int, outputs k: Int,
        gradient: UnsafeMutablePointer<Float>?
    ) -> LossResult {
        switch (self, targets) {
        case (.crossEntropy, .labels(let y, let p)) where p > 1:
            return positionCrossEntropy(logits, y, b, k / p, p, gradient)
        case (.crossEntropy, .labels(let y, _)):
            return softmaxCrossEntropy(logits, y, b, k, gradient)
        case (.meanSquared, .values(let t)):
            return meanSquaredError(logits, t, b, k, gradient)
        case (.meanSquared, .labels(let y, let p)):
            return oneHotSquaredError(logits, y, b, k, p, gradient)
        case (.binaryCrossEntropy, .labels(let y, let p)) where p > 1:
            // One logit per position (k = p), each against its own 0/1 label; the interpreter
            // refuses other shapes, and the index stays inside the example's labels regardless.
            return binaryCrossEntropy(logits, b, k, gradient) { i, j in Float(y[i * p + j % p]) }
        case (.binaryCrossEntropy, .labels(let y, _)):
            return binaryCrossEntropy(logits, b, k, gradient) { i, _ in Float(y[i]) }
        case (.binaryCrossEntropy, .values(let t)):
            return binaryCrossEntropy(logits, b, k, gradient) { i, j in t[i * k + j] }
        case (.crossEntropy, .values(let t)):
            // Soft targets (rows of class probabilities) — the general form of cross-entropy.
            return softCrossEntropy(logits, t, b, k, gradient)
        }
    }

    /// NOTE: fused softmax + cross-entropy (CKernels), each row shifted by its max so exp never
    /// overflows; the gradient is (softmax − onehot)/B, exact and stable. Labels outside 0..<K
    /// cannot reach here: datasets validate them.
    private func softmaxCrossEntropy(
        _ z: UnsafePointer<Float>, _ y: UnsafePointer<Int32>, _ b: Int, _ k: Int,
        _ g: UnsafeMutablePointer<Float>?
    ) -> LossResult {
        let r = Elementwise.softmaxCrossEntropy(rows: b, classes: k, logits: z, labels: y, gradient: g, invBatch: 1 / Float(b))
        return LossResult(loss: r.sum / Double(b), correct: r.correct)
    }

    /// Cross-entropy at every position of a sequence, averaged over the B·P positions. Logits of
    /// example i, class c, position t at z[i·C·P + c·P + t]. Each position's logits are shifted by
    /// their max; the gradient is (softmax − onehot)/(B·P).
    private func positionCrossEntropy(
        _ z: UnsafePointer<Float>, _ y: UnsafePointer<Int32>, _ b: Int, _ classes: Int, _ p: Int,
        _ g: UnsafeMutablePointer<Float>?
    ) -> LossResult {
        var total = 0.0
        var correct = 0
        let scale = 1 / Float(b * p)
        for i in 0..<b {
            var allRight = true
            for t in 0..<p {
                let base = z + i * classes * p + t, label = Int(y[i * p + t])
                let best = Self.argmax(base, classes, stride: p), top = base[best * p]
                if best != label { allRight = false }
                var sum: Float = 0
                for c in 0..<classes { sum += expf(base[c * p] - top) }
                let logSum = logf(sum)
                total -= Double(base[label * p] - top - logSum)
                guard let g else { continue }
                let gBase = g + i * classes * p + t
                for c in 0..<classes {
                    gBase[c * p] = (expf(base[c * p] - top) / sum - (c == label ? 1 : 0)) * scale
                }
            }
            if allRight { correct += 1 }
        }
        return LossResult(loss: total / Double(b * p), correct: correct)
    }

    /// The class with the largest of `classes` values `stride` apart (the first on ties).
    static func argmax(_ x: UnsafePointer<Float>, _ classes: Int, stride: Int) -> Int {
        var best = 0
        for c in 1..<max(classes, 1) where x[c * stride] > x[best * stride] { best = c }
        return best
    }

    private func softCrossEntropy(
        _ z: UnsafePointer<Float>, _ t: UnsafePointer<Float>, _ b: Int, _ k: Int,
        _ g: UnsafeMutablePointer<Float>?
    ) -> LossResult {
        var total = 0.0
        var correct = 0
        let invB = 1 / Float(b)
        for i in 0..<b {
            let row = z + i * k, tr = t + i * k
            let best = Vec.argmax(k, row)
            if best == Vec.argmax(k, tr) { correct += 1 }
            let m = row[best]
            var sum: Float = 0
            for j in 0..<k { sum += expf(row[j] - m) }
            let logSum = logf(sum)
            for j in 0..<k { total -= Double(tr[j] * (row[j] - m - logSum)) }
            if let g {
                for j in 0..<k { g[i * k + j] = (expf(row[j] - m) / sum - tr[j]) * invB }
            }
        }
        return LossResult(loss: total / Double(b), correct: correct)
    }

    /// Mean over all B·K elements of (z − t)², as PyTorch's MSELoss.
    private func meanSquaredError(
        _ z: UnsafePointer<Float>, _ t: UnsafePointer<Float>, _ b: Int, _ k: Int,
        _ g: UnsafeMutablePointer<Float>?
    ) -> LossResult {
        let n = b * k
        var total = 0.0
        let scale = 2 / Float(n)
        for i in 0..<n {
            let d = z[i] - t[i]
            total += Double(d * d)
            g?[i] = scale * d
        }
        return LossResult(loss: total / Double(n), correct: 0)
    }

    /// Squared error against one-hot labels (the "MSE for classification" of UDL chapter 5), at
    /// every position of a sequence target (classes × positions, channel-major, as above).
    private func oneHotSquaredError(
        _ z: UnsafePointer<Float>, _ y: UnsafePointer<Int32>, _ b: Int, _ k: Int, _ p: Int,
        _ g: UnsafeMutablePointer<Float>?
    ) -> LossResult {
        var total = 0.0
        var correct = 0
        let scale = 2 / Float(b * k)
        let classes = k / p
        for i in 0..<b {
            var allRight = true
            for t in 0..<p {
                let label = Int(y[i * p + t])
                if Self.argmax(z + i * k + t, classes, stride: p) != label { allRight = false }
                for c in 0..<classes {
                    let at = i * k + c * p + t
                    let d = z[at] - (c == label ? 1 : 0)
                    total += Double(d * d)
                    g?[at] = scale * d
                }
            }
            if allRight { correct += 1 }
        }
        return LossResult(loss: total / Double(b * k), correct: correct)
    }

    /// NOTE: written in logits as max(z,0) − z·t + log(1 + e^−|z|), which never overflows;
    /// the gradient is (σ(z) − t)/(B·K).
    private func binaryCrossEntropy(
        _ z: UnsafePointer<Float>, _ b: Int, _ k: Int,
        _ g: UnsafeMutablePointer<Float>?, target: (Int, Int) -> Float
    ) -> LossResult {
        var total = 0.0
        var correct = 0
        let scale = 1 / Float(b * k)
        for i in 0..<b {
            for j in 0..<k {
                let v = z[i * k + j], t = target(i, j)
                total += Double(max(v, 0) - v * t + log1pf(expf(-abs(v))))
                if (v > 0) == (t > 0.5) { correct += 1 }
                g?[i * k + j] = (Activation.sigmoid(v) - t) * scale
            }
        }
        // "correct" counts examples only when every output is right; with one output it is per example.
        return LossResult(loss: total / Double(b * k), correct: k == 1 ? correct : 0)
    }
}
