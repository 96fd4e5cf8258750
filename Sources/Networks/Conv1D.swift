// 1-D convolution (cross-correlation, as PyTorch's nn.Conv1d) by im2col and ONE sgemm over the
// whole batch; col2im scatters the input gradient back.
//
// Why one product for the batch: per example the products are tiny (25×75×10 for the MNIST-1D
// CNN) and OpenBLAS's per-call overhead would dominate; with the batch's columns side by side the
// product has n = B·Lo (500–1900) and runs near the kernel's speed. The price is a permuting copy
// between the product's [O × B·Lo] layout and the activations' [B × O × Lo]; the bias add
// (forward) and the bias gradient (backward) ride along with it.
import Kernels

/// Shapes (B batch, C input channels, L input length, O output channels, K kernel, Lo output
/// length = ⌊(L + 2P − K)/S⌋ + 1 for stride S and zero padding P):
///   x [B × C × L], W [O × C × K] (PyTorch's layout), b [O], y [B × O × Lo]
///   scratch: cols [C·K × B·Lo], prod [O × B·Lo], one zero-padded input row [L + 2P] (im2col)
/// An input of shape [L] is read as [1 × L].
///
/// NOTE: `backward` reuses `cols` for the column gradient when it needs dx, so each backward must
/// follow its own forward (as every training step and gradient check does).
public struct Conv1D: Layer {
    public let inputShape: [Int]
    public let input: SignalShape
    public let channels: Int
    public let kernel: Int
    public let stride: Int
    public let padding: Int
    public let hasBias: Bool
    public let outputLength: Int
    public let outputShape: [Int]

    /// Settings are validated by the builder; here impossible ones give an empty output.
    public init(inputShape: [Int], channels: Int, kernel: Int, stride: Int = 1, padding: Int = 0, bias: Bool = true) {
        self.inputShape = inputShape
        self.input = SignalShape(inputShape) ?? SignalShape(channels: 1, length: inputShape.reduce(1, *))
        self.channels = channels
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.hasBias = bias
        self.outputLength = slidingOutputLength(length: input.length, kernel: kernel, stride: stride, padding: padding)
        self.outputShape = [channels, outputLength]
    }

    public var kind: String { "conv" }
    public var summary: String {
        "conv \(channels) k=\(kernel) s=\(stride) pad=\(padding)" + (hasBias ? "" : " (no bias)")
    }
    /// Rows of the column matrix: one per (input channel, kernel tap).
    var patchSize: Int { input.channels * kernel }
    public var scratch: ScratchSize {
        ScratchSize(perExample: (patchSize + channels) * outputLength, fixed: input.length + 2 * padding)
    }

    public var parameters: [ParameterTensor] {
        let w = ParameterTensor(name: "weight", offset: 0, shape: [channels, input.channels, kernel], role: .weight)
        guard hasBias else { return [w] }
        return [w, ParameterTensor(name: "bias", offset: channels * patchSize, shape: [channels], role: .bias)]
    }

    /// fan_in = C·K and fan_out = O·K, as PyTorch computes them for convolutions.
    public func initialize(params: UnsafeMutablePointer<Float>, state: UnsafeMutablePointer<Float>,
                           scheme: Initializer, rng: inout RNG) {
        let n = channels * patchSize
        scheme.fillWeights(params, count: n, fanIn: patchSize, fanOut: channels * kernel, rng: &rng)
        if hasBias { scheme.fillBiases(params + n, count: channels, fanIn: patchSize, rng: &rng) }
    }

    /// cols = im2col(x);  prod[O × B·Lo] = W[O × C·K] · cols;  y[b, o, t] = prod[o, b·Lo + t] + b[o]
    public func forward(_ io: LayerIO) {
        let n = io.batch * outputLength
        let cols = io.scratch, prod = cols + patchSize * n, pad = prod + channels * n
        im2col(io.x, batch: io.batch, into: cols, pad: pad)
        BLAS.gemm(m: channels, n: n, k: patchSize, a: io.params, b: cols, c: prod)
        let bias: UnsafePointer<Float>? = hasBias ? UnsafePointer(io.params + channels * patchSize) : nil
        scatterOutput(prod, batch: io.batch, bias: bias, into: io.y)
    }

    /// dprod = permute(dy);  db += Σ dy;  dW += dprod · colsᵀ;  dcols = Wᵀ · dprod;  dx = col2im(dcols)
    public func backward(_ io: LayerIO) {
        let n = io.batch * outputLength
        let cols = io.scratch, dprod = cols + patchSize * n
        let dbias = hasBias ? io.grads + channels * patchSize : nil
        gatherGradient(io.dy, batch: io.batch, into: dprod, biasGradient: dbias)
        BLAS.gemm(transB: true, m: channels, n: patchSize, k: n, a: dprod, b: cols, beta: 1, c: io.grads)
        guard let dx = io.dx else { return }
        BLAS.gemm(transA: true, m: patchSize, n: n, k: channels, a: io.params, b: dprod, c: cols)
        col2im(cols, batch: io.batch, into: dx)
    }

    /// cols[c·K + k, b·Lo + t] = xpad[b, c, t·S + k], where xpad is x with P zeros at each end.
    /// Phase by phase: copy one input row into the zero-padded row buffer `pad` [L + 2P], then
    /// read each tap's strided run of it (long-enough, branch-free loops; strides 1 and 2 are
    /// specialized so the compiler vectorizes them).
    public func im2col(_ x: UnsafePointer<Float>, batch: Int, into cols: UnsafeMutablePointer<Float>,
                       pad: UnsafeMutablePointer<Float>) {
        let (c, l, lo, p) = (input.channels, input.length, outputLength, padding)
        let n = batch * lo
        pad.update(repeating: 0, count: l + 2 * p)
        for b in 0..<batch {
            for ci in 0..<c {
                (pad + p).update(from: x + (b * c + ci) * l, count: l)
                for k in 0..<kernel {
                    stridedCopy(from: pad + k, to: cols + (ci * kernel + k) * n + b * lo, count: lo)
                }
            }
        }
    }

    /// dx[b, c, i] = Σ over (k, t) with t·S + k − P = i of dcols[c·K + k, b·Lo + t] (overwrites
    /// dx). Only the taps that land inside the signal are added, so no padded buffer is needed
    /// (measured faster than accumulating into a padded row and copying its interior out).
    public func col2im(_ dcols: UnsafePointer<Float>, batch: Int, into dx: UnsafeMutablePointer<Float>) {
        let (c, l, lo) = (input.channels, input.length, outputLength)
        let n = batch * lo
        dx.update(repeating: 0, count: batch * c * l)
        for ci in 0..<c {
            for k in 0..<kernel {
                let row = dcols + (ci * kernel + k) * n
                let valid = validRange(tap: k)
                for b in 0..<batch {
                    // dx index of tap k at t = 0; may be negative, but only valid t are added.
                    let base = (b * c + ci) * l + k - padding
                    stridedAccumulate(from: row + b * lo + valid.lowerBound, to: dx,
                                      at: base + valid.lowerBound * stride, count: valid.count)
                }
            }
        }
    }

    /// The output positions t whose tap k reads inside the signal: 0 ≤ t·S + k − P < L.
    @inline(__always)
    func validRange(tap k: Int) -> Range<Int> {
        let (s, p) = (stride, padding)
        let first = p - k <= 0 ? 0 : (p - k + s - 1) / s
        let lastPlusOne = input.length - 1 + p - k < 0 ? 0 : (input.length - 1 + p - k) / s + 1
        let end = min(outputLength, lastPlusOne)
        return min(first, end)..<end
    }

    /// dst[t] = src[t·S]
    @inline(__always)
    func stridedCopy(from src: UnsafePointer<Float>, to dst: UnsafeMutablePointer<Float>, count: Int) {
        switch stride {
        case 1: dst.update(from: src, count: count)
        case 2: for t in 0..<count { dst[t] = src[2 * t] }
        default: for t in 0..<count { dst[t] = src[t * stride] }
        }
    }

    /// y[b, o, t] = prod[o, b·Lo + t] (+ bias[o]).
    public func scatterOutput(_ prod: UnsafePointer<Float>, batch: Int, bias: UnsafePointer<Float>?,
                       into y: UnsafeMutablePointer<Float>) {
        let (o, lo) = (channels, outputLength)
        let n = batch * lo
        for b in 0..<batch {
            for oc in 0..<o {
                let src = prod + oc * n + b * lo, dst = y + (b * o + oc) * lo
                let shift = bias?[oc] ?? 0
                for t in 0..<lo { dst[t] = src[t] + shift }
            }
        }
    }

    /// dprod[o, b·Lo + t] = dy[b, o, t]; dbias[o] += Σ_{b,t} dy[b, o, t].
    public func gatherGradient(_ dy: UnsafePointer<Float>, batch: Int, into dprod: UnsafeMutablePointer<Float>,
                        biasGradient: UnsafeMutablePointer<Float>?) {
        let (o, lo) = (channels, outputLength)
        let n = batch * lo
        for b in 0..<batch {
            for oc in 0..<o {
                let src = dy + (b * o + oc) * lo, dst = dprod + oc * n + b * lo
                var sum: Float = 0
                for t in 0..<lo { dst[t] = src[t]; sum += src[t] }
                biasGradient?[oc] += sum
            }
        }
    }

    /// dst[start + t·S] += src[t]
    @inline(__always)
    func stridedAccumulate(from src: UnsafePointer<Float>, to dst: UnsafeMutablePointer<Float>, at start: Int, count: Int) {
        switch stride {
        case 1: for t in 0..<count { dst[start + t] += src[t] }
        case 2: for t in 0..<count { dst[start + 2 * t] += src[t] }
        default: for t in 0..<count { dst[start + t * stride] += src[t] }
        }
    }
}
