// Max and average pooling over windows of each channel (PyTorch's MaxPool1d / AvgPool1d with no
// padding), on channels-last activations: a window is `size` adjacent rows of C values, so every
// inner loop runs over the C channels of one position. Max pooling keeps each window's argmax in
// scratch for the backward pass.
import Kernels

/// Shapes (B batch, C channels, L input length, Lo = ⌊(L − size)/stride⌋ + 1):
///   x [B × L × C], y [B × Lo × C] (channels-last; an input of shape [L] is [L × 1])
///   scratch (max only): argmax [B × Lo × C], the input position (0..<L) of each maximum (as
///   Float; exact below 2²⁴, which the builder's dimension limit guarantees)
/// Ties go to the first maximum in the window.
public struct Pool1D: Layer {
    public let inputShape: [Int]
    public let input: SignalShape
    public let pool: PoolKind
    public let size: Int
    public let stride: Int
    public let outputLength: Int
    public let outputShape: [Int]

    /// `stride` nil means non-overlapping windows (stride = size), as PyTorch defaults.
    public init(inputShape: [Int], pool: PoolKind, size: Int, stride: Int? = nil) {
        self.inputShape = inputShape
        self.input = SignalShape(inputShape) ?? SignalShape(channels: 1, length: inputShape.reduce(1, *))
        self.pool = pool
        self.size = size
        self.stride = stride ?? size
        self.outputLength = slidingOutputLength(length: input.length, kernel: size, stride: self.stride, padding: 0)
        self.outputShape = [input.channels, outputLength]
    }

    public var kind: String { "pool" }
    public var summary: String {
        "\(pool.rawValue)pool \(size)" + (stride == size ? "" : " s=\(stride)")
    }
    public var scratch: ScratchSize {
        pool == .max ? ScratchSize(perExample: input.channels * outputLength) : .none
    }

    /// y[b, t, c] = max or mean of x[b, t·S + i, c] over 0 ≤ i < size.
    public func forward(_ io: LayerIO) {
        let (c, l, lo, s) = (input.channels, input.length, outputLength, stride)
        for b in 0..<io.batch {
            for t in 0..<lo {
                let x = io.x + (b * l + t * s) * c, y = io.y + (b * lo + t) * c
                switch pool {
                case .max:
                    let arg = io.scratch + (b * lo + t) * c
                    let first = Float(t * s)
                    for j in 0..<c { y[j] = x[j]; arg[j] = first }
                    for i in 1..<max(size, 1) {
                        let row = x + i * c, position = Float(t * s + i)
                        for j in 0..<c where row[j] > y[j] { y[j] = row[j]; arg[j] = position }
                    }
                case .avg:
                    let inv = 1 / Float(size)
                    for j in 0..<c { y[j] = x[j] }
                    for i in 1..<max(size, 1) { Vec.add(c, x + i * c, into: y) }
                    for j in 0..<c { y[j] *= inv }
                }
            }
        }
    }

    /// dx[b, i, c] = Σ over windows t containing i of dy[b, t, c] · (i is t's argmax | 1/size).
    public func backward(_ io: LayerIO) {
        guard let dxAll = io.dx else { return }
        let (c, l, lo, s) = (input.channels, input.length, outputLength, stride)
        dxAll.update(repeating: 0, count: io.batch * l * c)
        for b in 0..<io.batch {
            let dx = dxAll + b * l * c
            for t in 0..<lo {
                let dy = io.dy + (b * lo + t) * c
                switch pool {
                case .max:
                    let arg = io.scratch + (b * lo + t) * c
                    for j in 0..<c { dx[Int(arg[j]) * c + j] += dy[j] }
                case .avg:
                    let inv = 1 / Float(size)
                    for i in 0..<size { Vec.axpy(c, inv, dy, dx + (t * s + i) * c) }
                }
            }
        }
    }
}
