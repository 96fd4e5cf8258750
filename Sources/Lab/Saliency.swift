// Saliency (Simonyan et al. 2014): the gradient of one output of the network with respect to the
// input, for one example, in evaluation mode — which inputs would move that output most. Computed
// by the network's own backward pass with an input gradient, on scratch gradients, so the
// network's weights, running statistics and `gradients` are untouched.
import Kernels
import Networks

extension Network {
    /// d output[`unit`] / d input for one example `input` [inputCount] (channel-major, as files
    /// hold it), and the outputs [outputCount] the example gave. Nil when the sizes do not fit.
    public func inputGradient(of input: [Float], unit: Int) -> (gradient: [Float], outputs: [Float])? {
        guard input.count == inputCount, unit >= 0, unit < outputCount else { return nil }
        let workspace = Workspace(network: self, capacity: 1)
        let grads = FloatBuffer(count: Swift.max(parameterCount, 1))
        var rng = RNG(seed: 0)
        var x = input
        var dx = [Float](repeating: 0, count: inputCount)
        var outputs = [Float](repeating: 0, count: outputCount)
        withUnsafeMutablePointer(to: &rng) { r in
            x.withUnsafeMutableBufferPointer { xs in
                dx.withUnsafeMutableBufferPointer { ds in
                    guard let xp = xs.baseAddress, let dp = ds.baseAddress else { return }
                    let buffers = StackBuffers(
                        params: parameters.base, grads: grads.base, state: state.base, workspace: workspace.buffer.base,
                        training: false, rng: r)
                    let y = stack.forward(x: xp, batch: 1, buffers: buffers, from: 0)
                    for k in 0..<outputCount { outputs[k] = y[k] }
                    let dy = stack.outputGradient(batch: 1, workspace: workspace.buffer.base)
                    dy.update(repeating: 0, count: outputCount)
                    dy[unit] = 1
                    stack.backward(x: xp, dx: dp, batch: 1, buffers: buffers)
                }
            }
        }
        return (dx, outputs)
    }
}
