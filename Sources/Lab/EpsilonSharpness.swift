// ε-sharpness (Keskar, Mudigere, Nocedal, Smelyanskiy & Tang 2017, "On Large-Batch Training for
// Deep Learning: Generalization Gap and Sharp Minima", §2.2.1, with A = I):
//
//   φ(w, ε) = 100 · (max_{y ∈ C_ε} L(w + y) − L(w)) / (1 + L(w)),
//   C_ε = { y : |yᵢ| ≤ ε (|wᵢ| + 1) },
//
// the largest relative rise of the training loss within a box around the weights, scaled per
// coordinate so large and small weights are perturbed alike. Keskar et al. solve the inner
// maximization with a few L-BFGS-B iterations; Basin uses Frank–Wolfe (conditional gradient),
// whose linear step over a box is exact: the vertex s = box ⊙ sign(∇L(w + y)). Iterates are
// y₀ = s₀, y_{k+1} = y_k + γ_k (s_k − y_k) with γ_k = 2/(k + 2); the largest loss seen is kept
// (a lower bound on the true maximum, as any local method gives). Losses and gradients are the
// full training set's, in evaluation mode (FullGradient.swift).
import Kernels
import Networks

public struct EpsilonSharpnessResult: Sendable, Equatable {
    /// φ in percent.
    public var value: Double
    public var epsilon: Double
    /// L(w) and the largest L(w + y) found.
    public var loss: Double
    public var maximum: Double
    /// The loss at each iterate, in order.
    public var losses: [Double]
    public var cancelled: Bool
}

public enum EpsilonSharpness {
    public static func measure(
        _ gradient: FullGradient, epsilon: Double, iterations: Int = 20,
        cancel: RunControl? = nil, progress: (Int, Double) -> Void = { _, _ in }
    ) -> EpsilonSharpnessResult {
        let w = gradient.network.parameters.array
        let box = w.map { epsilon * (Double(abs($0)) + 1) }
        var (g, base, _) = gradient.gradient()
        var y = [Double](repeating: 0, count: w.count)
        var maximum = base, losses: [Double] = []
        var cancelled = false
        for k in 0..<max(iterations, 1) {
            if cancel?.isCancelled == true { cancelled = true; break }
            let gamma = k == 0 ? 1.0 : 2.0 / Double(k + 2)
            for i in y.indices {
                let vertex = g[i] > 0 ? box[i] : g[i] < 0 ? -box[i] : y[i]
                y[i] += gamma * (vertex - y[i])
            }
            let at = gradient.gradient(along: y.map(Float.init), step: 1)
            g = at.gradient
            losses.append(at.loss)
            maximum = max(maximum, at.loss)
            progress(k + 1, 100 * (maximum - base) / (1 + base))
        }
        return EpsilonSharpnessResult(
            value: 100 * (maximum - base) / (1 + base), epsilon: epsilon, loss: base,
            maximum: maximum, losses: losses, cancelled: cancelled)
    }
}
