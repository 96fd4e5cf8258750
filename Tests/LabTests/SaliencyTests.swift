// Saliency: the input gradient of one output matches central finite differences on nets with
// dense, convolution (1-D and 2-D), batch norm, dropout (evaluation mode) and pooling layers, and
// leaves the network exactly as it was.
import Foundation
import Lab
import Networks
import Testing

@Suite("Saliency (input gradients)")
struct SaliencyTests {
    @Test(
        "the input gradient matches central differences",
        arguments: [
            ([12], [LayerSpec.dense(units: 8), .activation(.tanh), .dropout(0.5), .dense(units: 3)]),
            (
                [2, 10],
                [
                    LayerSpec.conv(channels: 4, kernel: 3, padding: 1, dimensions: 1), .batchnorm, .activation(.tanh),
                    .flatten, .dense(units: 3),
                ]
            ),
            (
                [1, 6, 6],
                [
                    LayerSpec.conv(channels: 3, kernel: 3, padding: 1, dimensions: 2), .activation(.tanh),
                    .pool(.avg, size: 2, dimensions: 2), .flatten, .dense(units: 4),
                ]
            ),
        ])
    func finiteDifferences(_ c: (input: [Int], specs: [LayerSpec])) throws {
        let net = try Network(inputShape: c.input, layers: c.specs)
        net.initialize(seed: 5)
        // Batch norm's running statistics away from 0/1, so evaluation mode is a real affine map.
        for i in 0..<net.state.count { net.state[i] = 0.3 + 0.1 * Float(i % 5) }
        let n = net.inputCount
        let x = (0..<n).map { Float(sin(Double($0) * 1.3)) }
        let before = (net.parameters.array, net.gradients.array, net.state.array)
        for unit in 0..<net.outputCount {
            let (g, outputs) = try #require(net.inputGradient(of: x, unit: unit))
            #expect(outputs == Array(net.predictions(x, count: 1)), "the outputs are the evaluation-mode outputs")
            // Central differences in Double around Float inputs: h = 1e-2 keeps Float rounding
            // (~1e-7 relative) far below the O(h²) error of smooth tanh nets (~1e-4 here).
            let h: Float = 1e-2
            for k in 0..<n {
                var up = x, down = x
                up[k] += h
                down[k] -= h
                let fd =
                    (Double(net.predictions(up, count: 1)[unit]) - Double(net.predictions(down, count: 1)[unit])) / Double(2 * h)
                #expect(abs(fd - Double(g[k])) <= 2e-3 + 1e-2 * abs(fd), "unit \(unit), input \(k): \(g[k]) vs \(fd)")
            }
        }
        #expect(net.parameters.array == before.0 && net.gradients.array == before.1 && net.state.array == before.2)
        #expect(net.inputGradient(of: [1, 2], unit: 0) == nil, "a wrong-size input is refused")
        #expect(net.inputGradient(of: x, unit: net.outputCount) == nil, "a unit past the outputs is refused")
    }
}
