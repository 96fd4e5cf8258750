// `basin-bench sharpness`: trains the reference MLP, then times the top Hessian eigenvalue of
// its full training loss (4000 samples) by power iteration on central-difference Hessian-vector
// products (Lab/Sharpness.swift), on two threads. With --check it also repeats the estimate at
// half and twice the finite-difference step and reports the relative spread (the step's effect).
import ArgumentParser
import Datasets
import Foundation
import Kernels
import Lab
import Networks

struct SharpnessBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sharpness", abstract: "Time the top Hessian eigenvalue of the trained MLP's training loss.")

    @Option(help: "Directory with mnist1d_{train,test}_{x,y}.npy (default: generate natively)") var data: String?
    @Option(help: "Training steps before measuring") var trainSteps = 6000
    @Option(help: "Most power iterations") var iters = 100
    @Option(help: "Relative tolerance of the eigenvalue") var tol = 1e-3
    @Option(help: "Threads computing gradients") var threads = 2
    @Option(help: "Relative finite-difference step h (ε = h·‖w‖)") var relativeStep = Sharpness.relativeStep
    @Flag(help: "Also run at half and twice the finite-difference step") var check = false

    func run() throws {
        BLAS.threads = 1
        let (train, _) = try referenceData(directory: data, shuffleInputs: false)
        let run = try referenceRun(.mlp, train: train)
        let net = run.network
        for _ in 0..<trainSteps { try? run.takeStep(learningRate: 1e-2) }

        let gradient = FullGradient(network: net, data: train, loss: .crossEntropy, threads: threads)
        let clock = ContinuousClock()
        let start = clock.now
        let r = Sharpness.topEigenvalue(gradient, iterations: iters, tolerance: tol, relativeStep: relativeStep)
        let total = seconds(clock.now - start)
        var fields: [(String, Any)] = [
            ("bench", "sharpness"), ("samples", train.count), ("parameters", net.parameterCount),
            ("seconds", total), ("iterations", r.estimates.count), ("converged", r.converged),
            ("eigenvalue", r.eigenvalue), ("epsilon", r.step), ("train_loss", r.loss), ("threads", threads),
        ]
        if check {
            let half = Sharpness.topEigenvalue(gradient, iterations: iters, tolerance: tol / 10, relativeStep: relativeStep / 2)
            let twice = Sharpness.topEigenvalue(gradient, iterations: iters, tolerance: tol / 10, relativeStep: relativeStep * 2)
            let values = [r.eigenvalue, half.eigenvalue, twice.eigenvalue]
            fields += [
                ("eigenvalue_half_step", half.eigenvalue), ("eigenvalue_twice_step", twice.eigenvalue),
                ("relative_spread", ((values.max() ?? 0) - (values.min() ?? 0)) / abs(r.eigenvalue)),
            ]
        }
        print(jsonLine(fields + [("peak_rss_mib", peakRSSMiB())] + environmentFields()))
    }
}
