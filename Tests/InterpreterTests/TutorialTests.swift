// `ask` with a reader: exact, within the tolerance, how far off, not a number, no reply.
import Interpreter
import Testing

/// A host whose reader gives a fixed reply to every question.
final class AnsweringHost: SessionHost {
    let reply: String?
    var lines: [String] = []
    init(reply: String?) { self.reply = reply }
    var width: Int { 80 }
    func emit(_ output: Output) { if case .text(let t) = output { lines.append(t) } }
    func progress(_ update: LiveUpdate) {}
    func finishedProgress(_ update: LiveUpdate) {}
    func ask(_ question: String) -> String? { reply }
    func pause(next: String?) { lines.append("paused before: \(next ?? "the end")") }
}

struct TutorialTests {
    @Test(arguments: [
        ("42", "exactly right: 42"),
        ("35", "close enough: the answer is 42; you were 7 too low"),
        ("60", "not quite: the answer is 42 (±10); you were 18 too high"),
        ("  ", "the answer: 42 (±10)"),
        ("forty", "'forty' is not a number; the answer: 42 (±10)"),
    ])
    func askComparesTheReply(reply: String, verdict: String) {
        let host = AnsweringHost(reply: reply)
        Session(host: host).execute("ask \"At what width?\" answer=42 within=10")
        #expect(host.lines == [verdict])
    }

    @Test func anOpenQuestionSaysNothingAfterTheReply() {
        let host = AnsweringHost(reply: "spirals")
        Session(host: host).execute("ask \"What do you see?\"")
        #expect(host.lines.isEmpty)
    }

    @Test func pauseOffersTheNextStatement() {
        let host = AnsweringHost(reply: nil)
        Session(host: host).execute("pause\nseed 4", file: "t.basin")
        #expect(host.lines == ["paused before: seed 4", "seed 4"])
    }
}
