// basin-bench: Basin's benchmark executable (never part of the tests). Each subcommand prints
// one JSON object per line, so results can be compared with the NumPy/JAX/PyTorch peers.
//
//   basin-bench train --model logistic|mlp|cnn [--data DIR] [--steps N] [--threads T] [--shuffle-inputs]
//   basin-bench grid [--data DIR] [--res 51]
//   basin-bench search [--methods random,tpe,bayes] [--objectives branin,hartmann6] [--seeds 20]
//   basin-bench notebook-frame [--width 200] [--height 60] [--frames 300]
//   basin-bench gallery [--width 72] [--svg DIR]      the sample charts, for a person to look at
//   basin-bench sequence [--steps 2000] [--threads 1]  the peer transformer's step rate
//   basin-bench conv2d [--data DIR] [--steps 600]     the peer 2-D CNN's step rate
import ArgumentParser

@main
struct BasinBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "basin-bench",
        abstract: "Measure Basin's engine on the MNIST-1D reference workloads.",
        subcommands: [
            TrainBench.self, GridBench.self, GemmBench.self, SearchBench.self, NotebookBench.self,
            SharpnessBench.self, GalleryBench.self, SequenceBench.self, Conv2DBench.self,
        ])
}
