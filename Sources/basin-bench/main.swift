import Kernels
import Networks
import Foundation

BLAS.threads = 1
let b = 100, nIn = 40
var rng = RNG(seed: 1)
let x = FloatBuffer((0..<4000*nIn).map { _ in rng.normal() })
let y = (0..<4000).map { _ in Int32(rng.int(below: 10)) }
let net = try! Network(inputShape: [40], layers: [.dense(units: 100), .activation(.relu), .dense(units: 100), .activation(.relu), .dense(units: 10)])
net.initialize(scheme: .pytorchDefault, seed: 0)
let ws = Workspace(network: net, capacity: b)
var opt = Optimizer(settings: .adam(lr: 1e-2), parameterCount: net.parameterCount)
var r = RNG(seed: 2)
let steps = 6000
let t0 = Date()
var loss = 0.0
for s in 0..<steps {
    let off = (s % 40) * b
    let xp = x.base + off * nIn
    let out = net.forward(xp, batch: b, workspace: ws, training: true, rng: &r)
    let lr = y.withUnsafeBufferPointer { yp in
        Loss.crossEntropy.evaluate(logits: out, targets: .labels(yp.baseAddress! + off), batch: b, outputs: 10, gradient: net.outputGradient(batch: b, workspace: ws))
    }
    loss = lr.loss
    net.gradients.zero()
    net.backward(xp, batch: b, workspace: ws, training: true, rng: &r)
    opt.update(params: net.parameters.base, grads: net.gradients.base, count: net.parameterCount, lr: 1e-2, decayMask: nil)
}
let dt = Date().timeIntervalSince(t0)
print("steps/s", Double(steps)/dt, "loss", loss, "core", BLAS.coreName)
