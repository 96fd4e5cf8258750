// The MNIST-1D reference MLP trained as the reference does reaches the published accuracy band.
import Datasets
import Lab
import Networks
import Testing

@Suite("MNIST-1D")
struct MNIST1DTests {
    /// Reference MLP: Adam 1e-2, batch 100, in-order batches, 6000 steps, PyTorch-default init.
    /// Published: ≈ 68 % (repo run 65 %); the test asks for ≥ 60 % so seed-to-seed spread (±3 %)
    /// cannot fail it, while a broken layer, loss or optimizer (≤ 40 %) always does.
    @Test("the reference MLP reaches ≥ 60 % test accuracy")
    func mlpAccuracy() throws {
        let split = try MNIST1D.generateSplit()
        let net = try Network(
            inputShape: [40],
            layers: [
                .dense(units: 100), .activation(.relu),
                .residual([.dense(units: 100), .activation(.relu)]),
                .dense(units: 10),
            ])
        net.initialize(scheme: .pytorchDefault, seed: 42)
        var settings = TrainingSettings()
        settings.batchSize = 100
        settings.order = .sequential
        settings.evalEvery = 1000
        let run = try TrainingRun(
            network: net, train: split.train, validation: nil, optimizer: .adam(lr: 1e-2),
            loss: .crossEntropy, settings: settings)
        let report = run.train(.steps(6000))
        #expect(report.reason == .finished)
        let test = run.evaluate(split.test(peekedBy: "test"))
        #expect((test.accuracy ?? 0) >= 0.60, "test accuracy \(test.accuracy ?? 0)")
    }
}
