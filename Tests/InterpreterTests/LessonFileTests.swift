// Lesson files a teacher writes: `hide { … }` set-up, `lock` on what the reader may only look
// at, and the reader moving between sections at pauses (`lesson next|back|again|N`) or starting
// at one (`run … section=N`).
import Diagnostics
import Foundation
import TestSupport
import Testing

@testable import Interpreter

/// A reader who types `typed[k]` at the k-th pause (then Enter), and sees everything.
final class LessonReader: SessionHost {
    var shown: [String] = []
    var errors: [String] = []
    var typed: [[String]]
    var pauses = 0
    private var typing: [String] = []
    init(typed: [[String]] = []) { self.typed = typed }
    var width: Int { 80 }
    func emit(_ output: Output) {
        switch output {
        case .text(let t), .narrative(let t): shown.append(t)
        case .diagnostic(let d, _): errors.append(d.message)
        default: break
        }
    }
    func progress(_ update: LiveUpdate) {}
    func finishedProgress(_ update: LiveUpdate) {}
    func ask(_ question: String) -> String? { "a" }
    func pause(next: String?) -> PauseReply {
        if typing.isEmpty {
            if pauses < typed.count { typing = typed[pauses] }
            pauses += 1
        }
        guard !typing.isEmpty else { return .resume }
        return .run(typing.removeFirst())
    }
}

@Suite("Lesson files: hide, lock, sections")
struct LessonFileTests {
    static let lesson = """
        section "Make"
        hide {
          data d = spiral n=300
          net a = dense 16 relu, dense 3
        }
        > made
        lock d a
        pause
        section "Train"
        train a on d epochs=2
        pause
        section "Look"
        eval a
        """

    /// Runs `text` as the file `lessons/t.basin`, the reader typing `typed` at its pauses.
    static func run(
        _ text: String = lesson, typed: [[String]] = [], recorder: LessonRecorder? = nil
    ) -> (
        LessonReader, Session, ExecutionStatus
    ) {
        let reader = LessonReader(typed: typed)
        let session = Session(host: reader, settings: SessionSettings(lessonRecorder: recorder))
        let status = session.execute(text, file: "lessons/t.basin")
        return (reader, session, status)
    }

    @Test("hide runs its commands and shows none of what they print; its errors show, on their own line")
    func hideShowsErrorsOnly() {
        let (r, s, status) = Self.run()
        #expect(status == .ok)
        #expect(!r.shown.contains { $0.contains("examples") || $0.contains("parameters") }, "\(r.shown)")
        #expect(r.shown.contains("made") && s.workspace.nets["a"]?.run != nil)
        #expect(s.transcript.contains { $0.hasPrefix("hide {") }, "save keeps the hidden set-up")
        #expect(!s.cells.contains { $0.source.hasPrefix("hide") }, "nothing was shown, nothing to hand in")
        let (failed, _, failedStatus) = Self.run("hide {\n  data d = spiral n=300\n  train nosuch\n}\n> after")
        #expect(failedStatus == .runtimeError)
        #expect(failed.errors.count == 1 && failed.errors[0].contains("nosuch"), "\(failed.errors)")
        #expect(failed.shown.isEmpty, "\(failed.shown)")
    }

    @Test("a lock refuses the reader's changes at a pause, allows looking and forking, and ends with the lesson")
    func locks() {
        let typed = [
            "noise d labels=0.2", "data d = moons", "train a epochs=1", "net a = dense 4, dense 3", "opt a sgd lr=1",
            "eval a", "fork a as mine", "train mine epochs=1", "data e = d", "noise e labels=0.2",
        ]
        let (r, s, status) = Self.run(typed: [typed])
        #expect(status == .ok)
        #expect(r.errors.count == 5, "\(r.errors)")
        #expect(r.errors.allSatisfy { $0.contains("is fixed by this lesson (lock at lessons/t.basin:7)") }, "\(r.errors)")
        #expect(s.workspace.nets["mine"]?.run?.step ?? 0 > 0)
        let (d, e) = (s.workspace.datasets["d"], s.workspace.datasets["e"])
        #expect(e != nil && d?.parts.train.targets != e?.parts.train.targets, "the copy was noised, d was not")
        #expect(s.workspace.nets["a"]?.run?.step == 2 * 7, "a trained only by the lesson: 2 epochs of 7 batches")
        #expect(s.locks.isEmpty, "the lesson ended")
        #expect(s.execute("noise d labels=0.2") == .ok)
        #expect(s.execute("lock d") == .runtimeError, "typed, lock has no lesson to last for")
        #expect(r.errors.last?.contains("lock is for lesson files") == true)
    }

    @Test("lesson N skips ahead quietly; lesson back runs the lesson again to the same state")
    func jumps() throws {
        let plain = Self.run()
        let losses = try #require(plain.1.workspace.nets["a"]?.run?.history.stepLosses)
        let ahead = Self.run(typed: [["lesson 3"]])
        #expect(ahead.2 == .ok)
        #expect(!ahead.0.shown.contains { $0.contains("§ Train") }, "section 2 ran quietly")
        #expect(ahead.0.shown.contains("§ Look") && ahead.1.workspace.nets["a"]?.run?.history.stepLosses == losses)
        #expect(ahead.0.pauses == 1, "the skipped section's pause did not wait")
        // At the second pause (in Train), back to Make, then on: a is trained as in the plain run.
        let back = Self.run(typed: [[], ["lesson back"]])
        #expect(back.2 == .ok && back.0.pauses == 4, "pauses: make, train, make, train (\(back.0.pauses))")
        #expect(back.0.shown.filter { $0 == "§ Train" }.count == 2)
        #expect(back.1.workspace.nets["a"]?.run?.history.stepLosses == losses, "the same numbers as the plain run")
        let listed = Self.run(typed: [["lesson"]])
        #expect(listed.0.shown.contains { $0.contains("▸ 1 Make") && $0.contains("  3 Look") }, "\(listed.0.shown)")
    }

    @Test("a jump asked for at a pause inside an if leaves the rest of the branch to the jump")
    func jumpFromABranch() {
        let text = "section \"A\"\nlet x = 1\nif $x == 1 {\n  pause\n  > rest of the branch\n}\nsection \"B\"\n> in B"
        let (r, _, status) = Self.run(text, typed: [["lesson next"]])
        #expect(status == .ok)
        #expect(r.shown.contains("in B") && !r.shown.contains("rest of the branch"), "\(r.shown)")
    }

    @Test("moves past either end, unknown sections and a lesson without sections are refused")
    func moveRefusals() {
        let (r, _, status) = Self.run(typed: [["lesson back", "lesson 9", "lesson \"nope\"", "lesson \"lo\""]])
        #expect(status == .ok)
        #expect(r.errors.count == 3, "\(r.errors)")
        #expect(r.errors[0] == "this is the first section")
        #expect(r.errors[1] == "there is no section 9: the lesson has 3 sections")
        #expect(r.errors[2] == "no section is called \"nope\"")
        #expect(r.shown.contains("§ Look"), "a title's start finds its section")
        let none = Self.run("data d = moons\npause\n> end", typed: [["lesson next"]])
        #expect(none.0.errors == ["lessons/t.basin has no sections to move between"])
        let typed = Session(host: LessonReader())
        #expect(typed.execute("lesson next") == .runtimeError, "no lesson running")
    }

    @Test("run … section=N starts there; the skipped sections record nothing")
    func runFromSection() throws {
        let dir = TestDirectories.make("lesson-section")
        let file = dir + "/t.basin"
        try (Self.lesson + "\nexpect a.val.acc > 0").write(toFile: file, atomically: true, encoding: .utf8)
        let recorder = LessonRecorder(directory: dir + "/records", student: "ann")
        let reader = LessonReader()
        let session = Session(host: reader, settings: SessionSettings(lessonRecorder: recorder))
        #expect(session.execute("run \"\(file)\" section=3") == .ok)
        #expect(reader.shown.first == "§ Look", "\(reader.shown)")
        #expect(reader.pauses == 0)
        let records = try String(contentsOfFile: dir + "/records/t.jsonl", encoding: .utf8).split(separator: "\n")
            .compactMap { LessonRecord(jsonLine: $0) }
        #expect(records.map(\.kind) == [.start, .expect, .end], "\(records.map(\.kind))")
        #expect(session.execute("run \"\(file)\" section=4") == .runtimeError)
        #expect(reader.errors.last == "there is no section 4: the lesson has 3 sections")
    }
}
