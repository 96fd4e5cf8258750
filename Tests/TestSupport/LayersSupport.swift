// Helpers for testing the structural layers: run one layer on literal values, reproduce the
// gradient checker's inputs, a naive reference convolution, and running a stack inside guard
// regions that catch writes outside its buffers.
import Kernels
import Networks

/// Runs `layer.forward` on literal inputs and parameters; returns y and the state afterwards.
public func runForward(
    _ layer: any Layer, x: [Float], params: [Float] = [], state: [Float]? = nil,
    batch: Int, training: Bool = false, seed: UInt64 = 1
) -> (y: [Float], state: [Float]) {
    let xb = FloatBuffer(x), y = FloatBuffer(count: batch * layer.outputCount)
    let p = FloatBuffer(params.isEmpty ? [Float](repeating: 0, count: layer.parameterCount) : params)
    let g = FloatBuffer(count: layer.parameterCount)
    let st = FloatBuffer(state ?? [Float](repeating: 0, count: max(layer.stateCount, 1)))
    let scratch = FloatBuffer(count: max(layer.scratch.count(batch: batch), 1))
    var rng = RNG(seed: seed)
    withUnsafeMutablePointer(to: &rng) { r in
        layer.forward(
            LayerIO(
                batch: batch, x: xb.base, y: y.base, dx: nil, dy: y.base, params: p.base,
                grads: g.base, state: st.base, scratch: scratch.base, training: training, rng: r))
    }
    return (y.array, st.array)
}

/// The inputs `checkLayerGradients` draws for `count` floats under `seed`, so a test can pick a
/// seed that keeps inputs away from kinks (max-pool near-ties).
public func checkerInputs(count: Int, seed: UInt64) -> [Float] {
    var rng = RNG(seed: seed)
    return (0..<count).map { _ in rng.normal() }
}

/// x channel-major [B × C × P] (as PyTorch and files hold it) → channels-last [B × P × C] (as
/// layers store [C, L] activations), written out naively as the reference for the kernels.
public func channelsLast(_ x: [Float], batch: Int, channels c: Int, positions p: Int) -> [Float] {
    var y = [Float](repeating: 0, count: x.count)
    for b in 0..<batch { for ci in 0..<c { for i in 0..<p { y[(b * p + i) * c + ci] = x[(b * c + ci) * p + i] } } }
    return y
}

/// x channels-last [B × P × C] → channel-major [B × C × P].
public func channelMajor(_ x: [Float], batch: Int, channels c: Int, positions p: Int) -> [Float] {
    var y = [Float](repeating: 0, count: x.count)
    for b in 0..<batch { for ci in 0..<c { for i in 0..<p { y[(b * c + ci) * p + i] = x[(b * p + i) * c + ci] } } }
    return y
}

/// Runs a layer whose input and output are [C, L] signals on channel-major values, converting
/// to and from the channels-last storage layers use: what PyTorch would see.
public func runForwardChannelMajor(
    _ layer: any Layer, x: [Float], params: [Float] = [], state: [Float]? = nil,
    batch: Int, training: Bool = false
) -> (y: [Float], state: [Float]) {
    let (i, o) = (ChannelView(layer.inputShape), ChannelView(layer.outputShape))
    let r = runForward(
        layer, x: channelsLast(x, batch: batch, channels: i.channels, positions: i.inner),
        params: params, state: state, batch: batch, training: training)
    return (channelMajor(r.y, batch: batch, channels: o.channels, positions: o.inner), r.state)
}

/// Direct-definition 1-D convolution: y[b,o,t] = bias[o] + Σ_{c,k} W[o,c,k]·x[b,c,t·s+k−p].
public func referenceConvolution(
    x: [Float], batch: Int, channels c: Int, length l: Int, weights: [Float],
    bias: [Float]?, outChannels o: Int, kernel k: Int, stride s: Int, padding p: Int
) -> [Float] {
    referenceConvolution(
        x: x, batch: batch, channels: c, height: 1, width: l, weights: weights, bias: bias,
        outChannels: o, kernel: (1, k), stride: (1, s), padding: (0, p))
}

/// Direct-definition 2-D convolution, channel-major (PyTorch's nn.Conv2d):
/// y[b,o,i,j] = bias[o] + Σ_{c,u,v} W[o,c,u,v]·x[b, c, i·sh + u − ph, j·sw + v − pw] (0 outside).
public func referenceConvolution(
    x: [Float], batch: Int, channels c: Int, height h: Int, width w: Int, weights: [Float],
    bias: [Float]?, outChannels o: Int, kernel k: (Int, Int), stride s: (Int, Int), padding p: (Int, Int)
) -> [Float] {
    let ho = (h + 2 * p.0 - k.0) / s.0 + 1, wo = (w + 2 * p.1 - k.1) / s.1 + 1
    var y = [Float](repeating: 0, count: batch * o * ho * wo)
    for b in 0..<batch {
        for oc in 0..<o {
            for i in 0..<ho {
                for j in 0..<wo {
                    var sum = Double(bias?[oc] ?? 0)
                    for ci in 0..<c {
                        for u in 0..<k.0 {
                            for v in 0..<k.1 {
                                let (r, col) = (i * s.0 + u - p.0, j * s.1 + v - p.1)
                                guard r >= 0, r < h, col >= 0, col < w else { continue }
                                let weight = weights[((oc * c + ci) * k.0 + u) * k.1 + v]
                                sum += Double(weight) * Double(x[((b * c + ci) * h + r) * w + col])
                            }
                        }
                    }
                    y[((b * o + oc) * ho + i) * wo + j] = Float(sum)
                }
            }
        }
    }
    return y
}

/// Direct-definition 2-D pooling over K × K windows with stride S, channel-major.
public func referencePooling(
    x: [Float], batch: Int, channels c: Int, height h: Int, width w: Int, size k: Int, stride s: Int, max: Bool
) -> [Float] {
    let ho = (h - k) / s + 1, wo = (w - k) / s + 1
    return (0..<(batch * c)).flatMap { plane in
        (0..<(ho * wo)).map { out in
            let (i, j) = (out / wo, out % wo)
            let window = (0..<(k * k)).map { t in x[(plane * h + i * s + t / k) * w + j * s + t % k] }
            return max ? window.max()! : Float(window.map(Double.init).reduce(0, +) / Double(k * k))
        }
    }
}

/// Runs forward then backward of `stack` on random inputs with every buffer (parameters,
/// gradients, state, workspace, input) followed by a guard region of sentinels; returns false if
/// any sentinel changed, i.e. something wrote outside its buffer.
public func runWithGuards(
    _ stack: LayerStack, batch: Int, capacity: Int, training: Bool, seed: UInt64 = 5
) -> (intact: Bool, output: [Float]) {
    let guardCount = 64, sentinel: Float = -12345.5
    func guarded(_ n: Int) -> FloatBuffer {
        let buf = FloatBuffer(count: n + guardCount)
        for i in n..<(n + guardCount) { buf[i] = sentinel }
        return buf
    }
    var rng = RNG(seed: seed)
    let x = guarded(stack.inputShape.reduce(1, *) * batch)
    for i in 0..<(x.count - guardCount) { x[i] = rng.normal() }
    let p = guarded(stack.parameterCount), g = guarded(stack.parameterCount), st = guarded(stack.stateCount)
    let ws = guarded(stack.workspace.count(batch: capacity))
    stack.initialize(params: p.base, state: st.base, scheme: nil, rng: &rng)
    var stepRng = RNG(seed: seed + 1)
    let out: [Float] = withUnsafeMutablePointer(to: &stepRng) { r in
        let buffers = StackBuffers(params: p.base, grads: g.base, state: st.base, workspace: ws.base, training: training, rng: r)
        let y = stack.forward(x: x.base, batch: batch, buffers: buffers)
        let n = stack.outputCount * batch
        let dy = stack.outputGradient(batch: batch, workspace: ws.base)
        for i in 0..<n { dy[i] = 0.1 * Float(i % 7) - 0.3 }
        let result = Array(UnsafeBufferPointer(start: y, count: n))
        stack.backward(x: x.base, dx: nil, batch: batch, buffers: buffers)
        return result
    }
    let intact = [x, p, g, st, ws].allSatisfy { buf in
        ((buf.count - guardCount)..<buf.count).allSatisfy { buf[$0] == sentinel }
    }
    return (intact, out)
}
