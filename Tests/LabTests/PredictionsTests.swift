// Predictions: softmax probabilities, predicted classes, the confusion matrix and the most
// confidently wrong examples of a net whose outputs are known exactly (an identity layer).
import Datasets
import Foundation
import Lab
import Networks
import Testing

@Suite("Predictions")
struct PredictionsTests {
    /// dense 2 with weights I and bias 0: the logits are the inputs.
    static func identity() throws -> Network {
        let net = try Network(inputShape: [2], layers: [.dense(units: 2)])
        for i in 0..<net.parameters.count { net.parameters[i] = 0 }
        net.parameters[0] = 1
        net.parameters[3] = 1
        return net
    }

    @Test("classes, probabilities, confusion and the confident mistakes follow from the logits")
    func identityLogits() throws {
        let data = try Dataset(
            name: "d", inputs: [2, 0, 0, 1, 3, 0, 0, 5], sampleShape: [2], targets: .classes([0, 0, 1, 1], count: 2))
        let p = try #require(Predictions(network: Self.identity(), data: data))
        #expect(p.predicted == [0, 1, 0, 1])
        #expect(p.confusion == [[1, 1], [1, 1]])
        let softmax3 = Float(1 / (1 + exp(-3.0)))
        #expect(abs(p.confidence[2] - softmax3) < 1e-6, "softmax(3, 0)[0], tolerance: Float rounding")
        #expect(abs(p.probabilities[2 * 2 + 1] - (1 - softmax3)) < 1e-6)
        #expect(p.mostConfidentlyWrong(5).map(\.example) == [2, 1], "example 2 (95%) before example 1 (73%)")
        #expect(p.mostConfidentlyWrong(1).map(\.example) == [2])
    }

    @Test("regression data gives outputs and no classes; a net that does not fit gives nothing")
    func regressionAndMisfit() throws {
        let values = try Dataset(name: "r", inputs: [1, 2], sampleShape: [2], targets: .values([0.5, 0.5], outputs: 2))
        let p = try #require(Predictions(network: Self.identity(), data: values))
        #expect(p.classes == nil && p.outputs == [1, 2] && p.confusion.isEmpty && p.mostConfidentlyWrong(3).isEmpty)
        let wide = try Dataset(name: "w", inputs: [1, 2, 3], sampleShape: [3], targets: .classes([0], count: 2))
        #expect(Predictions(network: try Self.identity(), data: wide) == nil)
    }
}
