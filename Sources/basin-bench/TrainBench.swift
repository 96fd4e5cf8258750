// `basin-bench train`: trains a reference model exactly as the reference does — Adam lr 1e-2,
// batch 100, batches in order, steps 0…N inclusive (N+1 updates), PyTorch-default init — and
// reports the median step rate after warm-up (evaluation excluded), final train loss, test
// accuracy and peak RSS.
import ArgumentParser
import Datasets
import Foundation
import Kernels
import Lab
import Networks

struct TrainBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "train", abstract: "Train an MNIST-1D reference model.")

    @Option(help: "logistic, mlp or cnn") var model: ReferenceModel = .mlp
    @Option(help: "Directory with mnist1d_{train,test}_{x,y}.npy (default: generate natively)") var data: String?
    @Option(help: "Total steps (the loop runs steps+1 updates, like the reference)") var steps = 6000
    @Option(help: "BLAS threads") var threads = 1
    @Option(help: "Steps left out of the timing statistics") var warmup = 100
    @Option(help: "Evaluate every this many steps (not timed)") var evalEvery = 250
    @Flag(help: "Shuffle the 40 input positions by a fixed permutation") var shuffleInputs = false
    @Option(help: "Seed of the initial weights") var seed: UInt64 = 42

    func run() throws {
        BLAS.threads = threads
        let (train, test) = try referenceData(directory: data, shuffleInputs: shuffleInputs)
        let run = try referenceRun(model, train: train, seed: seed)
        let net = run.network
        var times: [Double] = []
        times.reserveCapacity(steps + 1)
        let clock = ContinuousClock()
        for s in 0...steps {
            let t0 = clock.now
            do { try run.takeStep(learningRate: 1e-2) } catch { throw BenchError(description: "diverged: \(error)") }
            let d = clock.now - t0
            times.append(Double(d.components.attoseconds) * 1e-18 + Double(d.components.seconds))
            if s % evalEvery == 0 { _ = run.evaluate(test) }
        }
        let timed = Array(times.dropFirst(warmup))
        let testEval = run.evaluate(test)
        let trainEval = run.evaluate(train)
        print(
            jsonLine(
                [
                    ("bench", "train"), ("model", model.rawValue), ("parameters", net.parameterCount),
                    ("steps_per_s_median", 1 / median(timed)), ("steps_per_s_mean", Double(timed.count) / timed.reduce(0, +)),
                    ("step_us_median", median(timed) * 1e6), ("updates", steps + 1),
                    ("final_train_loss", Double(run.history.stepLosses.last ?? .nan)), ("train_loss_full", trainEval.loss),
                    ("train_accuracy", trainEval.accuracy ?? .nan), ("test_loss", testEval.loss),
                    ("test_accuracy", testEval.accuracy ?? .nan), ("peak_rss_mib", peakRSSMiB()),
                    ("data", data ?? "generated"), ("shuffle_inputs", shuffleInputs),
                ] + environmentFields()))
    }
}
