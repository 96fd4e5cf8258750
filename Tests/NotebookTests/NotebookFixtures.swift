// Shared inputs for the notebook tests: a state fed with keys, outputs like the interpreter's
// (text, a table, a line chart, a real parse diagnostic) and a synthetic training run for the
// dashboard, all deterministic so frames can be compared with string literals.
import Charts
import Diagnostics
import Foundation
import Interpreter
import Language
import Notebook
import TestSupport
import Testing

/// Feeds events and returns every effect they produced.
@discardableResult
func send(_ state: inout NotebookState, _ events: [NotebookEvent]) -> [NotebookEffect] {
    events.flatMap { state.handle($0) }
}

@discardableResult
func type(_ state: inout NotebookState, _ text: String) -> [NotebookEffect] {
    send(&state, Key.typing(text).map(NotebookEvent.key))
}

/// Types a command, presses Enter, delivers its outputs and finishes it.
func run(
    _ state: inout NotebookState, _ command: String, _ outputs: [Output], status: ExecutionStatus = .ok,
    net: String? = nil, data: String? = nil, step: Int? = nil
) {
    type(&state, command + "\n")
    send(&state, outputs.map(NotebookEvent.output))
    send(
        &state,
        [.finished(CommandResult(status: status, names: ["a", "d"], currentNet: net, currentData: data, currentStep: step))])
}

/// The diagnostic the parser gives for `trian a` (unknown command, did you mean 'train').
func typoDiagnostic() -> Output {
    let source = SourceFile(text: "trian a")
    let parsed = Script.parse(source, registry: .standard)
    return .diagnostic(parsed.diagnostics[0], source)
}

/// A run of `steps` steps: a loss decaying smoothly, evaluations every 10 steps, three layers.
func sampleRun(done: Int, planned: Int = 200, rate: Double = 800) -> DashboardModel {
    let losses = (0..<done).map { 0.7 * exp(-Double($0) / 60) + 0.1 }
    let evals = stride(from: 10, through: done, by: 10).map { s in evaluation(at: s) }
    let layers = [("1 dense 16", 0.8, 0.05), ("3 dense 16", 0.3, 0.02), ("5 dense 2", 0.12, 0.004)].map { name, w, g in
        RunSnapshot.Layer(
            name: name, weightNorm: w, gradientNorm: g,
            histogram: (0..<20).map { Double(20 - abs($0 - 10) * 2) }, lower: -1, upper: 1)
    }
    let snapshot = RunSnapshot(losses: losses, evaluations: evals, layers: layers)
    return DashboardModel(
        title: "train a", netName: "a", step: done, done: done, planned: planned,
        loss: losses.last ?? .nan, learningRate: 0.01, stepsPerSecond: rate, snapshot: snapshot)
}

func evaluation(at step: Int) -> RunSnapshot.Evaluation {
    let t = Double(step)
    let train: Double = 0.7 * exp(-t / 60) + 0.1
    let val: Double = 0.7 * exp(-t / 70) + 0.15
    let trainAccuracy: Double = 0.5 + 0.45 * (1 - exp(-t / 50))
    let valAccuracy: Double = 0.5 + 0.4 * (1 - exp(-t / 50))
    return RunSnapshot.Evaluation(
        step: step, trainLoss: train, validationLoss: val,
        trainAccuracy: trainAccuracy, validationAccuracy: valAccuracy)
}

/// A notebook after a short session: data, a net, a trained run, and a typo.
func sampleSession(width: Int, height: Int, profile: RenderProfile = .standard) -> NotebookState {
    var s = NotebookState(width: width, height: height, profile: profile)
    run(
        &s, "data d = moons n=400", [.text("d: 400 examples of [2], 2 classes; train 280 / val 60 / test 60 (locked)")], data: "d"
    )
    run(
        &s, "net a = dense 16 relu, dense 16 relu, dense 2", [.text("a: 5 layers, 338 parameters, [2] → [2]")], net: "a",
        data: "d")
    type(&s, "train a epochs=20\n")
    send(
        &s,
        [
            .progress(sampleRun(done: 200)), .progressFinished(sampleRun(done: 200)),
            .output(.text("a: step 200 · train loss 0.1254 acc 94.6% · val loss 0.2048 acc 89.3%")),
        ])
    send(&s, [.finished(CommandResult(status: .ok, names: ["a", "d"], currentNet: "a", currentData: "d", currentStep: 200))])
    run(&s, "trian a", [typoDiagnostic()], status: .syntaxError, net: "a", data: "d", step: 200)
    return s
}

/// Compares a frame with a literal and shows a diff when they differ.
func expectFrame(_ state: inout NotebookState, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let actual = state.frame().text
    let diff = unifiedDiff(expected: expected, actual: actual)
    #expect(diff.isEmpty, "frame differs:\n\(diff)\n--- actual:\n\(actual)", sourceLocation: sourceLocation)
}
