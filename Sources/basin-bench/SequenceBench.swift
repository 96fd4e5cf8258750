// `basin-bench sequence`: the transformer of shared/peers/peer_transformer.py, step for step in
// shape — `--layers` pre-LayerNorm blocks of width 48, 3 heads, a 4×width GELU MLP, causal, over
// sequences of 2·len − 1 = 11 tokens from 3, batch 64, AdamW 5e-4 — timing training steps only
// (the first `--warmup` left out, evaluation never timed), as the peer does. The peer trains on
// [input, sorted][:-1] autoregressively; this trains the same computation on `sort` sequences of
// that length, so the step rates compare, not the tasks.
import ArgumentParser
import Datasets
import Foundation
import Kernels
import Lab
import Networks

struct SequenceBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sequence", abstract: "Train the peer's GPT-shaped transformer and time its steps.")

    @Option(help: "Input length of the peer's task; sequences are 2·len − 1 tokens") var len = 6
    @Option(help: "Tokens") var vocab = 3
    @Option(help: "Transformer blocks") var layers = 3
    @Option(help: "Heads") var heads = 3
    @Option(help: "Width") var width = 48
    @Option(help: "Batch size") var batchSize = 64
    @Option(help: "Optimizer updates") var steps = 2000
    @Option(help: "Steps left out of the timing statistics") var warmup = 50
    @Option(help: "BLAS threads") var threads = 1
    @Option(help: "Seed") var seed: UInt64 = 42

    func run() throws {
        BLAS.threads = threads
        var options = SequenceOptions(task: .sort)
        options.length = 2 * len - 1
        options.vocabulary = vocab
        options.count = 10_000
        options.seed = seed
        let data = try Dataset.sequences(options)
        let specs: [LayerSpec] =
            [.embed(width: width)] + Array(repeating: .transformer(heads: heads, causal: true), count: layers)
            + [.dense(units: vocab)]
        let net = try Network(inputShape: data.sampleShape, layers: specs, vocabulary: data.vocabulary)
        net.initialize(seed: seed)
        var settings = TrainingSettings()
        settings.batchSize = batchSize
        var adamw = OptimizerSettings(kind: .adamw, learningRate: 5e-4)
        adamw.beta2 = 0.95
        adamw.weightDecay = 0.1
        adamw.clipNorm = 1
        let run = try TrainingRun(
            network: net, train: data, validation: nil, optimizer: adamw,
            loss: .crossEntropy, settings: settings, seed: seed)
        let timed = Array(try timedSteps(run, steps: steps, learningRate: 5e-4).dropFirst(warmup))
        print(
            jsonLine(
                [
                    ("bench", "sequence"), ("positions", options.length), ("layers", layers), ("heads", heads),
                    ("width", width), ("batch_size", batchSize), ("parameters", net.parameterCount),
                    ("steps_per_s_median", 1 / median(timed)), ("step_us_median", median(timed) * 1e6),
                    ("updates", steps), ("final_train_loss", Double(run.history.stepLosses.last ?? .nan)),
                    ("peak_rss_mib", peakRSSMiB()),
                ] + environmentFields()))
    }
}
