// `basin-bench conv2d`: the image CNN of shared/peers/peer_conv2d.py, step for step — conv2d 16
// k3 p1, relu, 2×2 max pool, conv2d 32 k3 p1, relu, 2×2 max pool, flatten, dense 10 (9,930
// parameters at 16×16), PyTorch-default initialization, Adam 1e-2, batch 100 taken in order —
// timing training steps only (the first `--warmup` left out), as the peer does. `--data DIR`
// trains on the peer's own images (`peer_conv2d.py --save-data DIR`); without it, on `shapes`.
import ArgumentParser
import Datasets
import Foundation
import Kernels
import Lab
import Networks

struct Conv2DBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conv2d", abstract: "Train the peer's 2-D CNN on 16×16 images and time its steps.")

    @Option(help: "Directory of the peer's conv2d_{train,test}_{x,y}.npy (peer_conv2d.py --save-data)") var data: String?
    @Option(help: "Image side when generating (a multiple of 4)") var size = 16
    @Option(help: "Batch size") var batchSize = 100
    @Option(help: "Optimizer updates") var steps = 600
    @Option(help: "Steps left out of the timing statistics") var warmup = 30
    @Option(help: "BLAS threads") var threads = 1
    @Option(help: "Seed") var seed: UInt64 = 42

    func run() throws {
        BLAS.threads = threads
        let train: Dataset, test: Dataset?
        if let dir = data {
            train = try Dataset.loadNPY(inputs: dir + "/conv2d_train_x.npy", targets: dir + "/conv2d_train_y.npy")
            test = try Dataset.loadNPY(inputs: dir + "/conv2d_test_x.npy", targets: dir + "/conv2d_test_y.npy")
        } else {
            train = try Dataset.shapes(ShapesOptions(count: 4000, size: size, seed: seed))
            test = nil
        }
        let side = train.sampleShape.last ?? size
        let specs: [LayerSpec] = [
            .conv(channels: 16, kernel: 3, padding: 1, dimensions: 2), .activation(.relu), .pool(.max, size: 2, dimensions: 2),
            .conv(channels: 32, kernel: 3, padding: 1, dimensions: 2), .activation(.relu), .pool(.max, size: 2, dimensions: 2),
            .flatten, .dense(units: train.classCount ?? 10),
        ]
        let net = try Network(inputShape: train.sampleShape, layers: specs)
        net.initialize(scheme: .pytorchDefault, seed: seed)
        var settings = TrainingSettings()
        settings.batchSize = batchSize
        settings.order = .sequential
        let run = try TrainingRun(
            network: net, train: train, validation: test, optimizer: .adam(lr: 1e-2),
            loss: .crossEntropy, settings: settings, seed: seed)
        let timed = Array(try timedSteps(run, steps: steps, learningRate: 1e-2).dropFirst(warmup))
        var fields: [(String, Any)] = [
            ("bench", "conv2d"), ("size", side), ("batch_size", batchSize), ("parameters", net.parameterCount),
            ("steps_per_s_median", 1 / median(timed)), ("step_us_median", median(timed) * 1e6), ("updates", steps),
            ("final_train_loss_last_batch", Double(run.history.stepLosses.last ?? .nan)),
        ]
        if let test, let accuracy = run.evaluate(test).accuracy { fields.append(("test_accuracy", accuracy)) }
        fields.append(("peak_rss_mib", peakRSSMiB()))
        print(jsonLine(fields + environmentFields()))
    }
}
