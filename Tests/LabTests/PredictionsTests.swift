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

@Suite("Activation memory")
struct ActivationMemoryTests {
    @Test("a batch whose activations pass the limit is refused before anything is allocated, with a batch that fits")
    func refusesHugeBatch() throws {
        let net = try Network(
            inputShape: [1, 40], layers: [.conv(channels: 512, kernel: 5, padding: 2), .flatten, .dense(units: 10)])
        let data = try Dataset(
            name: "d", inputs: [Float](repeating: 0, count: 40 * 200_000), sampleShape: [1, 40],
            targets: .classes([Int32](repeating: 0, count: 200_000), count: 10))
        var settings = TrainingSettings()
        settings.batchSize = 200_000
        do {
            _ = try TrainingRun(
                network: net, train: data, validation: nil, optimizer: .adam(lr: 1e-3), loss: .crossEntropy,
                settings: settings)
            Issue.record("a batch needing tens of GiB of activations was accepted")
        } catch .activationsTooLarge(let batch, let bytes, let limit, let largest) {
            #expect(batch == 200_000 && bytes > limit && limit == TrainingRun.activationLimit)
            #expect(largest > 0 && largest < batch)
            #expect(net.stack.workspace.count(batch: largest) * 4 <= limit, "the batch offered fits")
            #expect(net.stack.workspace.count(batch: largest + 1) * 4 > limit, "one more example would not")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
