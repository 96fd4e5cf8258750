// Training runs end to end: loss falls, MNIST-1D reaches the published accuracy band, runs are
// deterministic, cancellation and non-finite values are handled, early stopping restores.
import Datasets
import Foundation
import Kernels
import Lab
import Networks
import TestSupport
import Testing

func spiralRun(
    seed: UInt64 = 0, lr: Float = 1e-2, optimizer: OptimizerKind = .adam,
    validation: Bool = false
) throws -> TrainingRun {
    let data = try Dataset.toy(.spiral, count: 300, classes: 3, noise: 0.1, seed: 1)
    let val = try Dataset.toy(.spiral, count: 150, classes: 3, noise: 0.1, seed: 2)
    let net = try Network(
        inputShape: [2],
        layers: [
            .dense(units: 32), .activation(.relu),
            .dense(units: 32), .activation(.relu), .dense(units: 3),
        ])
    net.initialize(seed: seed)
    var settings = TrainingSettings()
    settings.batchSize = 32
    return try TrainingRun(
        network: net, train: data, validation: validation ? val : nil,
        optimizer: OptimizerSettings(kind: optimizer, learningRate: lr), loss: .crossEntropy,
        settings: settings, seed: seed)
}

@Suite("Training runs")
struct TrainingTests {
    /// Chance level on 3 classes is ln 3 ≈ 1.10; a working MLP gets well under a third of that.
    @Test("a spiral's loss falls by 3× in 400 steps")
    func toyLossFalls() throws {
        let run = try spiralRun()
        let before = run.evaluate(run.train).loss
        let report = run.train(.steps(400))
        let after = run.evaluate(run.train).loss
        #expect(report.reason == .finished)
        #expect(report.steps == 400 && run.step == 400)
        #expect(after < before / 3, "loss \(before) → \(after)")
    }

    @Test("same seed → bit-identical losses; another seed differs")
    func determinism() throws {
        let a = try spiralRun(seed: 5), b = try spiralRun(seed: 5), c = try spiralRun(seed: 6)
        a.train(.steps(50)); b.train(.steps(50)); c.train(.steps(50))
        #expect(a.history.stepLosses == b.history.stepLosses)
        #expect(a.history.stepLosses != c.history.stepLosses)
    }

    @Test("a copy continues bit-identically to its original")
    func copyContinues() throws {
        let a = try spiralRun(seed: 3)
        a.train(.steps(30))
        let b = a.copy()
        a.train(.steps(40)); b.train(.steps(40))
        #expect(a.history.stepLosses == b.history.stepLosses)
        #expect(a.network.parameters.array == b.network.parameters.array)
    }

    @Test("epochs count passes over the data; evaluations happen once per epoch by default")
    func epochs() throws {
        let run = try spiralRun(validation: true)
        run.train(.epochs(3))
        #expect(run.step == 3 * run.stepsPerEpoch)  // 300 rows / 32 → 10 batches
        #expect(run.history.evals.map(\.step) == [10, 20, 30])
        #expect(run.history.evals.allSatisfy { $0.validationLoss != nil && $0.trainAccuracy != nil })
        #expect(run.history.layerStats.count == 3 && run.history.layerStats[0].weightNorms.count == 3)
    }

    @Test("cancel from another thread stops after the current step and keeps the weights")
    func cancellation() async throws {
        let run = try spiralRun()
        let report = await withCheckedContinuation { done in
            Thread.detachNewThread {
                done.resume(
                    returning: run.train(.steps(10_000_000)) { p in
                        if p.done > 50 { run.control.cancel() }
                    })
            }
        }
        #expect(report.reason == .cancelled)
        #expect(report.steps > 50 && report.steps < 10_000_000)
        #expect(run.step == report.steps)
        #expect(Vec.allFinite(run.network.parameterCount, run.network.parameters.base))
        // The same number of steps from scratch reaches the same weights: nothing half-done.
        let replay = try spiralRun()
        replay.train(.steps(report.steps))
        #expect(replay.network.parameters.array == run.network.parameters.array)
    }

    @Test("a diverging run stops with the step and layer, and the weights stay finite")
    func divergence() throws {
        let run = try spiralRun(lr: 1e30, optimizer: .sgd)
        let report = run.train(.steps(100))
        guard case .diverged(let step, let cause) = report.reason else {
            Issue.record("expected divergence, got \(report.reason)"); return
        }
        #expect(step >= 1 && step <= 100)
        switch cause {
        case .nonFiniteOutput(let layer, _), .nonFiniteGradient(let layer, _), .nonFiniteUpdate(let layer, _):
            #expect(layer >= 1 && layer <= run.network.layers.count, "\(cause)")
        case .nonFiniteLoss(let value):
            #expect(!value.isFinite)
        }
        #expect(Vec.allFinite(run.network.parameterCount, run.network.parameters.base))
        #expect(run.step == step - 1, "the bad step is not recorded")
    }

    @Test("early stopping restores the weights of the best validation loss")
    func earlyStopping() throws {
        // A tiny training set and a long run overfit: validation loss turns up.
        let run = try spiralRun(lr: 3e-2, validation: true)
        let report = run.train(.epochs(400), earlyStopping: 5)
        guard case .earlyStopped(let best) = report.reason else {
            Issue.record("expected early stopping, got \(report.reason)"); return
        }
        let bestRecord = try #require(run.history.evals.first { $0.step == best })
        let now = run.evaluate(try #require(run.validation))
        expectClose(now.loss, try #require(bestRecord.validationLoss), rtol: 1e-6, "restored validation loss")
    }

    @Test("data and network shapes must agree")
    func shapeErrors() throws {
        let data = try Dataset.toy(.moons, count: 50, noise: 0.1, seed: 1)
        let net = try Network(inputShape: [3], layers: [.dense(units: 2)])
        #expect(
            throws: LabError.inputMismatch(data: data.name, features: 2, sampleShape: [2], inputs: 3, inputShape: [3])
        ) {
            _ = try TrainingRun(network: net, train: data, validation: nil, optimizer: .adam(), loss: .crossEntropy)
        }
        let net2 = try Network(inputShape: [2], layers: [.dense(units: 5)])
        #expect(throws: LabError.classesMismatch(data: data.name, classes: 2, positions: 1, outputs: 5)) {
            _ = try TrainingRun(network: net2, train: data, validation: nil, optimizer: .adam(), loss: .crossEntropy)
        }
    }
}

/// BASIN_THREADS caps the threads Basin keeps busy; anything but a whole number ≥ 1 is refused.
@Suite struct EngineThreadsTests {
    @Test func threadsAreTheCoresCappedByBASIN_THREADS() {
        #expect(Engine.threads(environment: [:], processors: 2) == 2)
        #expect(Engine.threads(environment: ["BASIN_THREADS": "1"], processors: 2) == 1)
        #expect(Engine.threads(environment: ["BASIN_THREADS": "8"], processors: 2) == 2)
        #expect(Engine.threads(environment: ["BASIN_THREADS": "8"], processors: 16) == 8)
        #expect(Engine.threads(environment: [:], processors: 0) == 1)
    }

    @Test func unusableValuesAreRefusedWithWhatToWrite() {
        for bad in ["0", "-1", "two", "1.5"] {
            let problem = Engine.threadsProblem(environment: ["BASIN_THREADS": bad])
            #expect(problem?.contains("BASIN_THREADS='\(bad)' is not a thread count") == true, "\(bad)")
        }
        #expect(Engine.threadsProblem(environment: ["BASIN_THREADS": "3"]) == nil)
        #expect(Engine.threadsProblem(environment: [:]) == nil)
    }
}
