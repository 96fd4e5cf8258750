// Optimizers over the flat parameter vector: each is one commented loop. The optimizer's state
// (moments, step count) is a value, so forking a run copies it.
import Kernels

#if canImport(Glibc)
import Glibc
#endif

public enum OptimizerKind: String, Sendable, CaseIterable {
    case sgd, adam, adamw, rmsprop
}

/// Hyperparameters, with PyTorch's defaults.
public struct OptimizerSettings: Sendable, Equatable {
    public var kind: OptimizerKind
    public var learningRate: Float
    /// SGD momentum (0 = plain SGD); RMSProp momentum.
    public var momentum: Float = 0
    public var nesterov = false
    public var beta1: Float = 0.9
    public var beta2: Float = 0.999
    /// RMSProp's smoothing constant.
    public var alpha: Float = 0.99
    public var epsilon: Float = 1e-8
    /// Decoupled weight decay (AdamW, Loshchilov & Hutter 2019).
    public var weightDecay: Float = 0
    /// Explicit penalties added to the loss: λ₂/2·‖w‖² and λ₁·‖w‖₁ over weights (not biases).
    public var l2: Float = 0
    public var l1: Float = 0
    /// Rescale the gradient when its global norm exceeds this (nil: no clipping).
    public var clipNorm: Float? = nil

    /// The learning rate `opt` uses when none is given: 0.01 for SGD, 1e-3 for the adaptive methods.
    public static func defaultLearningRate(_ kind: OptimizerKind) -> Float { kind == .sgd ? 0.01 : 1e-3 }

    public init(kind: OptimizerKind, learningRate: Float) {
        self.kind = kind
        self.learningRate = learningRate
        if kind == .adamw { weightDecay = 1e-2 }
        if kind == .rmsprop { epsilon = 1e-8 }
    }

    public static func sgd(lr: Float, momentum: Float = 0, nesterov: Bool = false) -> Self {
        var s = Self(kind: .sgd, learningRate: lr); s.momentum = momentum; s.nesterov = nesterov; return s
    }
    public static func adam(lr: Float = 1e-3) -> Self { Self(kind: .adam, learningRate: lr) }
}

/// An optimizer with its state. `update` applies one step to the flat parameters.
public struct Optimizer: Sendable {
    public var settings: OptimizerSettings
    /// Steps taken (Adam's bias correction uses it).
    public private(set) var step = 0
    /// First moment / momentum buffer, and second moment.
    private var m: [Float]
    private var v: [Float]

    public init(settings: OptimizerSettings, parameterCount: Int) {
        self.settings = settings
        m = [Float](repeating: 0, count: parameterCount)
        let needsSecond = settings.kind != .sgd
        v = [Float](repeating: 0, count: needsSecond ? parameterCount : 0)
    }

    /// Forget the moments (after `reset`).
    public mutating func resetState() {
        step = 0
        for i in m.indices { m[i] = 0 }
        for i in v.indices { v[i] = 0 }
    }

    /// Forget the moments of the parameters in `ranges` (frozen layers keep no state).
    public mutating func clearState(_ ranges: [Range<Int>]) {
        for buffer in [\Optimizer.m, \Optimizer.v] {
            self[keyPath: buffer].withUnsafeMutableBufferPointer { b in
                guard let base = b.baseAddress else { return }
                for r in ranges {
                    let r = r.clamped(to: 0..<b.count)
                    (base + r.lowerBound).update(repeating: 0, count: r.count)
                }
            }
        }
    }

    /// One update of `params` from `grads` (n floats) at learning rate `lr`.
    /// `decayMask` marks which entries are weights (penalties and decay apply to those only).
    public mutating func update(
        params p: UnsafeMutablePointer<Float>, grads g: UnsafeMutablePointer<Float>,
        count n: Int, lr: Float, decayMask: UnsafePointer<Float>?
    ) {
        step += 1
        addPenalties(p, g, n, decayMask)
        let s = settings, t = step
        m.withUnsafeMutableBufferPointer { mb in
            v.withUnsafeMutableBufferPointer { vb in
                guard let m = mb.baseAddress else { return }
                switch s.kind {
                case .sgd: Self.sgd(s, p, g, m, n, lr)
                case .adam, .adamw: Self.adam(s, t, p, g, m, vb.baseAddress ?? m, n, lr, decayMask)
                case .rmsprop: Self.rmsprop(s, p, g, m, vb.baseAddress ?? m, n, lr)
                }
            }
        }
    }

    /// Coupled penalties: g += λ₂·w + λ₁·sign(w), on weights only.
    private func addPenalties(
        _ p: UnsafeMutablePointer<Float>, _ g: UnsafeMutablePointer<Float>, _ n: Int,
        _ mask: UnsafePointer<Float>?
    ) {
        guard settings.l2 != 0 || settings.l1 != 0 else { return }
        UpdateKernels.penalties(n, l2: settings.l2, l1: settings.l1, p, mask: mask, g)
    }

    /// SGD with momentum μ (PyTorch form): b = μb + g; step along b, or along g + μb for Nesterov.
    private static func sgd(
        _ s: OptimizerSettings, _ p: UnsafeMutablePointer<Float>, _ g: UnsafeMutablePointer<Float>,
        _ b: UnsafeMutablePointer<Float>, _ n: Int, _ lr: Float
    ) {
        if s.momentum == 0 {
            UpdateKernels.sgd(n, lr: lr, p, g)
        } else {
            UpdateKernels.sgdMomentum(n, lr: lr, momentum: s.momentum, nesterov: s.nesterov, p, g, b)
        }
    }

    /// Adam (Kingma & Ba 2015) in PyTorch's arrangement: m = β₁m + (1−β₁)g, v = β₂v + (1−β₂)g²,
    /// p −= (lr/bc₁)·m / (√v/√bc₂ + ε) with bcᵢ = 1 − βᵢᵗ.
    /// AdamW first decays weights, decoupled from the gradient: p −= lr·wd·p.
    private static func adam(
        _ s: OptimizerSettings, _ step: Int, _ p: UnsafeMutablePointer<Float>,
        _ g: UnsafeMutablePointer<Float>, _ m: UnsafeMutablePointer<Float>,
        _ v: UnsafeMutablePointer<Float>, _ n: Int, _ lr: Float, _ mask: UnsafePointer<Float>?
    ) {
        let t = Float(step)
        let bc1 = 1 - powf(s.beta1, t), bc2 = 1 - powf(s.beta2, t)
        if s.kind == .adamw && s.weightDecay != 0 {
            UpdateKernels.decay(n, lr * s.weightDecay, mask: mask, p)
        }
        UpdateKernels.adam(
            n, stepSize: lr / bc1, beta1: s.beta1, beta2: s.beta2,
            invSqrtBiasCorrection2: 1 / bc2.squareRoot(), epsilon: s.epsilon, p, g, m, v)
    }

    /// RMSProp (Hinton 2012; PyTorch form): v = αv + (1−α)g²; p −= lr·g/(√v + ε), with optional momentum.
    private static func rmsprop(
        _ s: OptimizerSettings, _ p: UnsafeMutablePointer<Float>, _ g: UnsafeMutablePointer<Float>,
        _ b: UnsafeMutablePointer<Float>, _ v: UnsafeMutablePointer<Float>, _ n: Int, _ lr: Float
    ) {
        UpdateKernels.rmsprop(n, lr: lr, alpha: s.alpha, epsilon: s.epsilon, momentum: s.momentum, p, g, v, b)
    }
}

extension Optimizer {
    /// Scales g so that its global norm is at most `maxNorm`; returns the norm before clipping.
    @discardableResult
    public static func clip(_ g: UnsafeMutablePointer<Float>, count n: Int, maxNorm: Float) -> Double {
        let norm = Vec.norm(n, g)
        if norm > Double(maxNorm) && norm > 0 { Vec.scale(n, Float(Double(maxNorm) / norm), g) }
        return norm
    }
}
