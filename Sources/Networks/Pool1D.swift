// Max and average pooling over windows of each channel (PyTorch's MaxPool1d / AvgPool1d with no
// padding). Max pooling keeps each window's argmax in scratch for the backward pass.
import Kernels

/// Shapes (B batch, C channels, L input length, Lo = ⌊(L − size)/stride⌋ + 1):
///   x [B × C × L], y [B × C × Lo]
///   scratch (max only): argmax [B × C × Lo], the input position of each maximum (as Float; exact
///   below 2²⁴, which the builder's dimension limit guarantees)
/// An input of shape [L] is read as [1 × L]. Ties go to the first maximum in the window.
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

    /// y[r, t] = max or mean of x[r, t·S ..< t·S + size] for each row r = (b, c).
    public func forward(_ io: LayerIO) {
        let rows = io.batch * input.channels
        let (l, lo, s) = (input.length, outputLength, stride)
        for r in 0..<rows {
            let x = io.x + r * l, y = io.y + r * lo
            switch pool {
            case .max:
                let arg = io.scratch + r * lo
                for t in 0..<lo {
                    var best = t * s
                    for i in (t * s + 1)..<(t * s + size) where x[i] > x[best] { best = i }
                    y[t] = x[best]
                    arg[t] = Float(best)
                }
            case .avg:
                let inv = 1 / Float(size)
                for t in 0..<lo {
                    var sum: Float = 0
                    for i in (t * s)..<(t * s + size) { sum += x[i] }
                    y[t] = sum * inv
                }
            }
        }
    }

    /// dx[r, i] = Σ over windows t containing i of dy[r, t] · (i is t's argmax | 1/size).
    public func backward(_ io: LayerIO) {
        guard let dxAll = io.dx else { return }
        let rows = io.batch * input.channels
        let (l, lo, s) = (input.length, outputLength, stride)
        dxAll.update(repeating: 0, count: rows * l)
        for r in 0..<rows {
            let dx = dxAll + r * l, dy = io.dy + r * lo
            switch pool {
            case .max:
                let arg = io.scratch + r * lo
                for t in 0..<lo { dx[Int(arg[t])] += dy[t] }
            case .avg:
                let inv = 1 / Float(size)
                for t in 0..<lo {
                    let g = dy[t] * inv
                    for i in (t * s)..<(t * s + size) { dx[i] += g }
                }
            }
        }
    }
}
