// A session host for tests of the looking commands: it records every output, answers no
// questions, and renders charts as plain text at a fixed width so tests can read them.
import Charts
import Diagnostics
import Foundation
import Interpreter
import TestSupport
import Testing

final class LookingRecorder: SessionHost {
    var outputs: [Output] = []
    let width: Int

    init(width: Int = 80) { self.width = width }

    func emit(_ output: Output) { outputs.append(output) }
    /// The last progress update that ended a run.
    var finished: LiveUpdate?
    func progress(_ update: LiveUpdate) {}
    func finishedProgress(_ update: LiveUpdate) { finished = update }
    func ask(_ question: String) -> String? { nil }
    func pause(next: String?) -> PauseReply { .resume }
    /// Partial pictures (a landscape refining), and what to do on each (e.g. press Ctrl-C).
    var partials: [Output] = []
    var onPartial: (() -> Void)?
    func partial(_ output: Output) {
        partials.append(output)
        onPartial?()
    }

    var charts: [Chart] {
        outputs.compactMap { if case .chart(let c) = $0 { return c } else { return nil } }
    }
    var diagnostics: [Diagnostic] {
        outputs.compactMap { if case .diagnostic(let d, _) = $0 { return d } else { return nil } }
    }
    var texts: [String] {
        outputs.compactMap { if case .text(let t) = $0 { return t } else { return nil } }
    }

    /// The last chart as plain text (no colour) at the recorder's width.
    func lastChartText(glyphs: RenderProfile.Glyphs = .ascii) -> String {
        charts.last.map { $0.rendered(width: width, profile: RenderProfile(glyphs: glyphs, colors: .none)).text } ?? ""
    }
}

/// A session in a fresh temporary directory, with a recorder at `width`.
struct LookingFixture {
    let recorder: LookingRecorder
    let session: Session
    let directory: String

    init(width: Int = 80) {
        directory = TestDirectories.make("looking")
        recorder = LookingRecorder(width: width)
        session = Session(host: recorder, settings: SessionSettings(directory: directory))
    }

    /// Runs the lines; the status of the run.
    @discardableResult
    func run(_ lines: String) -> ExecutionStatus { session.execute(lines) }

    func path(_ file: String) -> String { directory + "/" + file }

    /// A spiral classifier trained for a few epochs.
    static func spiral(width: Int = 80, epochs: Int = 30) -> LookingFixture {
        let f = LookingFixture(width: width)
        f.run(
            """
            data d = spiral n=600 classes=3 noise=0.2
            net a = dense 32 relu, dense 32 relu, dense 3
            opt a adam lr=1e-2
            train a on d epochs=\(epochs)
            """)
        return f
    }
}

/// A script that must fail: its last diagnostic's message contains `message`, and its help
/// contains `hint` (unless empty).
struct Refusal: CustomTestStringConvertible, Sendable {
    var lines: String
    var message: String
    var hint: String
    var testDescription: String { message }

    /// Runs the lines in a fresh session and checks the refusal.
    func check() throws {
        let f = LookingFixture()
        #expect(f.run(lines) != .ok, "\(lines) ran")
        let d = try #require(f.recorder.diagnostics.last)
        #expect(d.message.contains(message), "\(d.message)")
        if !hint.isEmpty { #expect(d.help?.contains(hint) == true, "\(d.help ?? "no help")") }
    }
}

/// A host that wants run snapshots, as the notebook does, and keeps the last update.
final class SnapshotHost: SessionHost {
    var last: LiveUpdate?
    var width: Int { 80 }
    var wantsRunSnapshots: Bool { true }
    func emit(_ output: Output) {}
    func progress(_ update: LiveUpdate) { last = update }
    func finishedProgress(_ update: LiveUpdate) { last = update }
    func ask(_ question: String) -> String? { nil }
    func pause(next: String?) -> PauseReply { .resume }
}
