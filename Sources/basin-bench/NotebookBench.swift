// `basin-bench notebook-frame`: how long the notebook takes to draw. A 200×60 notebook holds a
// short session (text, a table-sized output, a finished run's dashboard) while an MNIST-1D MLP
// trains with the live dashboard beside the cells; each frame gets a fresh progress snapshot of
// the real run, so the dashboard's charts are redrawn every time. Reports the median and p99
// of a whole frame (state → cell buffer), of the diff against the previous frame, of building
// one RunSnapshot on the training thread, and how many cells a frame changes. With `--regions`
// the run is a 2-D classifier on moons (`--hidden` units in each of two layers) whose snapshot
// carries its decision regions: it also reports the region pane's share of the snapshot, and
// how long the steps between two snapshots (50 ms apart in the notebook) take, to put the
// pane's cost against the training it interrupts.
import ArgumentParser
import Charts
import Datasets
import Foundation
import Interpreter
import Lab
import Networks
import Notebook

struct NotebookBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notebook-frame",
        abstract: "Time one notebook frame with the live dashboard.")

    @Option(help: "Columns") var width = 200
    @Option(help: "Rows") var height = 60
    @Option(help: "Frames to time") var frames = 300
    @Option(help: "Training steps between frames (the dashboard changes every frame)") var stepsPerFrame = 20
    @Flag(help: "Print the last frame") var show = false
    @Flag(help: "Train a 2-D classifier on moons, with its decision regions in the snapshot") var regions = false
    @Option(help: "With --regions: units in each of the two hidden layers") var hidden = 32

    func run() throws {
        let (train, _) =
            regions
            ? (try Dataset.toy(.moons, count: 700, noise: 0.2, seed: 1), nil)
            : try referenceData(directory: nil, shuffleInputs: false)
        let layers: [LayerSpec] =
            regions
            ? [.dense(units: hidden), .activation(.relu), .dense(units: hidden), .activation(.relu), .dense(units: 2)]
            : ReferenceModel.mlp.layers
        let net = try Network(inputShape: train.sampleShape, layers: layers)
        net.initialize(scheme: .pytorchDefault, seed: 42)
        let live = regions ? LiveRegions(net: "b", network: net, data: train, train: train) : nil
        var settings = TrainingSettings()
        settings.batchSize = regions ? 32 : 100
        let run = try TrainingRun(
            network: net, train: train, validation: nil, optimizer: .adam(lr: 1e-2),
            loss: .crossEntropy, settings: settings, seed: 42)
        var state = NotebookState(width: width, height: height, profile: .standard)
        fillSession(&state, run: run)
        var frameTimes: [Double] = [], diffTimes: [Double] = [], snapshotTimes: [Double] = [], changed: [Double] = []
        var regionTimes: [Double] = [], stepTimes: [Double] = []
        var previous = state.frame()
        let clock = ContinuousClock()
        for i in 0..<frames {
            stepTimes.append(seconds(clock.measure { for _ in 0..<stepsPerFrame { try? run.takeStep(learningRate: 1e-2) } }))
            var snapshot = RunSnapshot(losses: [], evaluations: [], layers: [])
            snapshotTimes.append(seconds(clock.measure { snapshot = RunSnapshot(run, regions: live) }))
            if let live { regionTimes.append(seconds(clock.measure { _ = live.pane(run) })) }
            _ = state.handle(.progress(model(run, snapshot: snapshot, done: i * stepsPerFrame)))
            var frame = previous
            frameTimes.append(seconds(clock.measure { frame = state.frame() }))
            var changes: [CellChange] = []
            diffTimes.append(seconds(clock.measure { changes = frame.diff(from: previous) }))
            changed.append(Double(changes.count))
            previous = frame
        }
        if show { print(previous.text) }
        print(
            jsonLine(
                [
                    ("bench", "notebook-frame"), ("width", width), ("height", height), ("frames", frames),
                    ("frame_ms_median", median(frameTimes) * 1e3), ("frame_ms_p99", percentile(frameTimes, 0.99) * 1e3),
                    ("diff_ms_median", median(diffTimes) * 1e3), ("snapshot_ms_median", median(snapshotTimes) * 1e3),
                    ("cells_changed_median", median(changed)), ("cells", width * height),
                ] + regionFields(regionTimes, stepTimes) + environmentFields()))
    }

    /// Three finished commands and a `train` in flight, as a person would have them.
    func fillSession(_ state: inout NotebookState, run: TrainingRun) {
        let commands: [(String, Output)] = [
            ("data m = mnist1d", .text("m: 5000 examples of [40], 10 classes; train 4000 / val 500 / test 500 (locked)")),
            ("net b = dense 100 relu, dense 100 relu, dense 10", .text("b: 5 layers, 15,210 parameters, [40] → [10]")),
            ("train b steps=1000", .text("b: step 1000 · train loss 0.9 acc 68.0%")),
        ]
        for (text, output) in commands {
            for key in Key.typing(text + "\n") { _ = state.handle(.key(key)) }
            _ = state.handle(.output(output))
            _ = state.handle(.finished(CommandResult(status: .ok, names: ["b", "m"], currentNet: "b", currentData: "m")))
        }
        for key in Key.typing("train b steps=100000\n") { _ = state.handle(.key(key)) }
    }

    func model(_ run: TrainingRun, snapshot: RunSnapshot, done: Int) -> DashboardModel {
        DashboardModel(
            title: "train b", netName: "b", step: run.step, done: done, planned: 100_000,
            loss: Double(run.history.stepLosses.last ?? .nan), learningRate: 1e-2,
            stepsPerSecond: 7000, snapshot: snapshot)
    }

    /// The region pane's median cost, and as a share of 50 ms of training (the notebook takes a
    /// snapshot at most every 50 ms) — with the steps per second of bare training.
    func regionFields(_ regions: [Double], _ steps: [Double]) -> [(String, Any)] {
        guard !regions.isEmpty else { return [] }
        let region = median(regions), perStep = median(steps) / Double(max(1, stepsPerFrame))
        return [
            ("hidden", hidden), ("region_ms_median", region * 1e3), ("region_share_of_50ms", region / 0.05),
            ("steps_per_second", 1 / perStep),
        ]
    }

    func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }

    func percentile(_ xs: [Double], _ p: Double) -> Double {
        let sorted = xs.sorted()
        return sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }
}
