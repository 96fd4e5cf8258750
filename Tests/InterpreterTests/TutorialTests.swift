// `ask` with a reader: exact, within the tolerance, how far off, not a number, no reply; keys
// computed from the run (an accuracy asked in percent) and multiple choice decided by the values.
import Interpreter
import Testing

/// A host whose reader gives a fixed reply to every question.
final class AnsweringHost: SessionHost {
    let reply: String?
    var lines: [String] = []
    /// Commands the reader types at pauses, in order (each pause takes what it is given, then Enter).
    var typedAtPauses: [[String]] = []
    init(reply: String?) { self.reply = reply }
    var width: Int { 80 }
    func emit(_ output: Output) { if case .text(let t) = output { lines.append(t) } }
    func progress(_ update: LiveUpdate) {}
    func finishedProgress(_ update: LiveUpdate) {}
    func ask(_ question: String) -> String? { reply }
    private var typing: [String] = []
    private var pauses = 0
    func pause(next: String?) -> PauseReply {
        if typing.isEmpty {
            lines.append("paused before: \(next ?? "the end")")
            if pauses < typedAtPauses.count { typing = typedAtPauses[pauses] }
            pauses += 1
        }
        guard !typing.isEmpty else { return .resume }
        return .run(typing.removeFirst())
    }
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

    static let twoNets = """
        data d = spiral n=300
        net a = dense 32 relu, dense 3
        net b = dense 4 relu, dense 3
        train a epochs=10
        train b epochs=10
        """

    /// The line a session says after its nets are trained and `question` asked with `reply`.
    func asked(_ question: String, reply: String?) -> (lines: [String], session: Session) {
        let host = AnsweringHost(reply: reply)
        let session = Session(host: host)
        session.execute(Self.twoNets)
        host.lines = []
        session.execute(question)
        return (host.lines, session)
    }

    @Test("a computed key is the run's own number: an accuracy is asked in percent, within= in points")
    func computedKey() throws {
        let (batch, _) = asked("ask \"a's training accuracy?\" answer=a.train.acc within=1", reply: nil)
        let line = try #require(batch.first)
        // "answer: 50% (±1)": read the key back and answer with it, then 3 points off.
        let key = try #require(line.split(separator: " ").dropFirst().first.map { String($0.dropLast()) }.flatMap(Double.init))
        #expect(asked("ask \"?\" answer=a.train.acc within=1", reply: "\(key)%").lines.first?.hasPrefix("exactly right") == true)
        #expect(asked("ask \"?\" answer=a.train.acc within=1", reply: "\(key + 3)").lines.first?.hasPrefix("not quite") == true)
        #expect(asked("ask \"?\" answer=a.params", reply: "195").lines == ["exactly right: 195"])
    }

    @Test("multiple choice: the key is the choice most(FIELD) picks, with the values that decided it")
    func multipleChoice() throws {
        let (batch, _) = asked("ask \"Which has more parameters?\" choices=(a, b) answer=most(params)", reply: nil)
        #expect(batch == ["answer: a (params: a 195, b 27)"])
        let right = asked("ask \"?\" choices=(a, b) answer=least(params)", reply: "B").lines
        #expect(right == ["right: b (params: a 195, b 27)"])
        let wrong = asked("ask \"?\" choices=(a, b) answer=least(params)", reply: "a").lines
        #expect(wrong == ["not quite: the answer is b, not a (params: a 195, b 27)"])
        let stray = asked("ask \"?\" choices=(a, b) answer=least(params)", reply: "c").lines
        #expect(stray.first?.hasPrefix("'c' is not one of a, b") == true)
    }

    @Test("a key that cannot be computed is the author's error, said before the question")
    func badKey() {
        let host = AnsweringHost(reply: "x")
        let session = Session(host: host)
        session.execute(Self.twoNets)
        #expect(session.execute("ask \"?\" choices=(a, z) answer=most(gap)") == .runtimeError)
        #expect(session.execute("ask \"?\" answer=most(gap)") == .runtimeError)
        #expect(session.execute("ask \"?\" choices=(a, b)") == .runtimeError)
    }
}
