// The MNIST-1D reference setup (greydanus/mnist1d, as the peers run it): models, data, and the
// process facts every result line reports.
import ArgumentParser
import Datasets
import Foundation
import Kernels
import Lab
import Networks

enum ReferenceModel: String, CaseIterable, ExpressibleByArgument {
    case logistic, mlp, cnn

    /// logistic: 40→10. mlp: h = relu(W1 x); h = h + relu(W2 h); out = W3 h (15,210 parameters).
    /// cnn: three conv1d of 25 channels (k5 s2 p1, k3 s2 p1, k3 s2 p1), relu, flatten, dense 10 (5,210).
    var layers: [LayerSpec] {
        switch self {
        case .logistic: return [.dense(units: 10)]
        case .mlp:
            return [
                .dense(units: 100), .activation(.relu),
                .residual([.dense(units: 100), .activation(.relu)]), .dense(units: 10),
            ]
        case .cnn:
            return [
                .conv(channels: 25, kernel: 5, stride: 2, padding: 1), .activation(.relu),
                .conv(channels: 25, kernel: 3, stride: 2, padding: 1), .activation(.relu),
                .conv(channels: 25, kernel: 3, stride: 2, padding: 1), .activation(.relu),
                .flatten, .dense(units: 10),
            ]
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
}

/// The 4000/1000 MNIST-1D split: generated natively, or loaded from the peers' .npy files.
func referenceData(directory: String?, shuffleInputs: Bool) throws -> (train: Dataset, test: Dataset) {
    var train: Dataset, test: Dataset
    if let dir = directory {
        train = try Dataset.loadNPY(inputs: dir + "/mnist1d_train_x.npy", targets: dir + "/mnist1d_train_y.npy")
        test = try Dataset.loadNPY(inputs: dir + "/mnist1d_test_x.npy", targets: dir + "/mnist1d_test_y.npy")
    } else {
        let split = try MNIST1D.generateSplit()
        train = split.train
        test = split.test(peekedBy: "basin-bench")
    }
    if shuffleInputs {
        let p = MNIST1D.sequencePermutation(length: train.featureCount, seed: 0)
        train = try train.permutingFeatures(p)
        test = try test.permutingFeatures(p)
    }
    return (train, test)
}

/// A run of `model` set up exactly as the reference loop: PyTorch-default initialization from
/// `seed`, Adam lr 1e-2, batch 100, batches taken in order.
func referenceRun(_ model: ReferenceModel, train: Dataset, seed: UInt64 = 42) throws -> TrainingRun {
    let net = try Network(inputShape: train.sampleShape, layers: model.layers)
    net.initialize(scheme: .pytorchDefault, seed: seed)
    var settings = TrainingSettings()
    settings.batchSize = 100
    settings.order = .sequential
    return try TrainingRun(
        network: net, train: train, validation: nil, optimizer: .adam(lr: 1e-2),
        loss: .crossEntropy, settings: settings, seed: seed)
}

/// Seconds of each of `steps` training steps of `run`, timed one by one (a divergence ends the
/// benchmark with an error).
func timedSteps(_ run: TrainingRun, steps: Int, learningRate: Float) throws -> [Double] {
    var times: [Double] = []
    let clock = ContinuousClock()
    for _ in 0..<steps {
        let t0 = clock.now
        do { try run.takeStep(learningRate: learningRate) } catch { throw BenchError(description: "diverged: \(error)") }
        let d = clock.now - t0
        times.append(Double(d.components.attoseconds) * 1e-18 + Double(d.components.seconds))
    }
    return times
}

/// Peak resident set size of this process in MiB.
func peakRSSMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // Linux reports KiB
}

func jsonLine(_ fields: [(String, Any)]) -> String {
    let parts = fields.map { key, value -> String in
        let v: String
        switch value {
        case let s as String: v = JSON.quoted(s)
        case let d as Double: v = d.isFinite ? String(format: "%.6g", d) : "null"
        case let b as Bool: v = b ? "true" : "false"
        default: v = "\(value)"
        }
        return "\"\(key)\": \(v)"
    }
    return "{" + parts.joined(separator: ", ") + "}"
}

/// Process facts reported with every result.
func environmentFields() -> [(String, Any)] {
    [
        ("blas_core", BLAS.coreName), ("blas_threads", BLAS.threads), ("kernel_isa", Vec.isa), ("gemm", BLAS.gemmBackend),
        ("openblas_coretype_env", ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? ""),
    ]
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    guard !s.isEmpty else { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}
