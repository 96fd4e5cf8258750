// Learning-rate schedules: a multiplier of the base rate as a function of the step.
#if canImport(Glibc)
import Glibc
#endif

public struct Schedule: Sendable, Equatable {
    public enum Shape: Sendable, Equatable {
        case constant
        /// Multiply by `gamma` every `every` steps.
        case step(every: Int, gamma: Float)
        /// Cosine decay from 1 to `floor` over the run's total steps (Loshchilov & Hutter 2017).
        case cosine(floor: Float)
        /// Linear decay from 1 to 0 over the run's total steps.
        case linear
    }
    public var shape: Shape
    /// Linear warmup from 0 over this many steps.
    public var warmup: Int

    public init(_ shape: Shape = .constant, warmup: Int = 0) {
        self.shape = shape
        self.warmup = warmup
    }

    public static let constant = Schedule()

    /// The multiplier at `step` (0-based) of a run planned for `total` steps.
    public func factor(step: Int, total: Int) -> Float {
        var f: Float = 1
        switch shape {
        case .constant: break
        case .step(let every, let gamma):
            f = powf(gamma, Float(step / max(every, 1)))
        case .cosine(let floor):
            let t = Float(min(step, total)) / Float(max(total, 1))
            f = floor + (1 - floor) * 0.5 * (1 + cosf(Float.pi * t))
        case .linear:
            f = 1 - Float(min(step, total)) / Float(max(total, 1))
        }
        if warmup > 0 && step < warmup { f *= Float(step + 1) / Float(warmup) }
        return f
    }
}
