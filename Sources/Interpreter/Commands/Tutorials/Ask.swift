// Tutorial markup: `ask "…" answer=42 within=10` and `pause` (narrative `> …` is a statement
// kind of its own). In batch there is no reader: the question is printed with its answer.
import Foundation
import Language

struct AskCommand: RunnableCommand {
    var question = ""
    var answer: Language.Expression?
    var within = 0.0
    var choices: [String] = []

    static var declaration: Declaration<AskCommand> {
        Declaration(
            "ask", category: "Tutorials", summary: "ask the reader a question (a line starting with '>' is narrative)",
            replayable: false,
            examples: [
                "ask \"At what width does train error first reach 0?\" answer=42 within=10",
                "ask \"What training accuracy did big reach (%)?\" answer=big.train.acc within=1",
                "ask \"Which net has the largest gap?\" choices=(big, l2, drop) answer=most(gap)",
            ],
            details: "answer= is computed when the question is asked, from the run: a number, an expression as "
                + "expect takes (an accuracy is asked in percent, within= in points), or with choices= the choice "
                + "most(FIELD) or least(FIELD) picks, FIELD as after a net's name (gap, val.loss, train.acc, …). "
                + "In batch the question is printed with its answer.",
            .slot(\.question, "question", .string, required: true, placeholder: "\"QUESTION\"", help: "a question in quotes"),
            .expression(\.answer, "answer", help: "the expected answer, computed from the run when asked"),
            .option(\.within, "within", .nonNegativeNumber, help: "accepted distance from the answer (0: only the exact answer)"),
            .words(\.choices, "choices", help: "the answers to choose from; answer= picks one"))
    }

    func run(_ s: Session, _ c: Context<AskCommand>) throws(RuntimeError) -> ExecutionStatus {
        var evaluator = ExpressionEvaluator(session: s)
        // The key is computed before the question is shown: an error in it is the author's, not the reader's.
        if !choices.isEmpty {
            guard let answer else {
                throw RuntimeError(ExpressionRefusal.choicesNeedAnswer, at: c.span)
            }
            let key = try evaluator.choice(answer, among: choices, at: c.span(\.choices))
            let reply = s.host.ask(question + " (" + choices.joined(separator: ", ") + ")")
            let judged = Self.judge(reply: reply, choices: choices, key: key.name, why: key.why)
            s.say(judged.text)
            s.recordAnswer(question, reply: reply, key: judged.key, right: judged.right, source: c.source, line: c.span.line)
            return .ok
        }
        let key = try answer.map { e throws(RuntimeError) in try evaluator.value(e) }
        let reply = s.host.ask(question)
        if let key, let judged = Self.judge(reply: reply, answer: key.value, within: within, percent: key.percent) {
            s.say(judged.text)
            s.recordAnswer(question, reply: reply, key: judged.key, right: judged.right, source: c.source, line: c.span.line)
        }
        return .ok
    }

    /// What the reader is told, the key as shown, and whether the reply was right (nil: no reply).
    struct Judgement {
        var text: String
        var key: String
        var right: Bool?
    }

    /// A multiple-choice reply against the key; `why` shows the values that decided it.
    static func judge(reply: String?, choices: [String], key: String, why: String) -> Judgement {
        guard let reply else { return Judgement(text: "answer: \(key) (\(why))", key: key, right: nil) }
        let trimmed = reply.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return Judgement(text: "the answer: \(key) (\(why))", key: key, right: nil) }
        guard let chosen = choices.first(where: { $0.lowercased() == trimmed.lowercased() }) else {
            return Judgement(
                text: "'\(trimmed)' is not one of \(choices.joined(separator: ", ")); the answer: \(key) (\(why))", key: key,
                right: false)
        }
        return chosen == key
            ? Judgement(text: "right: \(key) (\(why))", key: key, right: true)
            : Judgement(text: "not quite: the answer is \(key), not \(chosen) (\(why))", key: key, right: false)
    }

    /// What the reader is told after answering a number (nil: no key, nothing to say).
    /// An accuracy (`percent`) is asked and answered in percent, `within` in points.
    static func judge(reply: String?, answer: Double?, within: Double, percent: Bool = false) -> Judgement? {
        guard var answer else { return nil }
        if percent { answer = (answer * 1000).rounded() / 10 }
        let unit = percent ? "%" : ""
        let expected = NumberLiteral.format(answer) + unit + (within > 0 ? " (±\(NumberLiteral.format(within)))" : "")
        let key = NumberLiteral.format(answer) + unit
        guard let reply else { return Judgement(text: "answer: \(expected)", key: key, right: nil) }
        let trimmed = reply.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return Judgement(text: "the answer: \(expected)", key: key, right: nil) }
        guard let number = Self.replyNumber(trimmed) else {
            return Judgement(text: "'\(trimmed)' is not a number; the answer: \(expected)", key: key, right: false)
        }
        let off = number - answer
        if off == 0 { return Judgement(text: "exactly right: \(NumberLiteral.format(answer))\(unit)", key: key, right: true) }
        let distance = NumberLiteral.format(abs(off)) + (percent ? " points" : "") + (off > 0 ? " too high" : " too low")
        if abs(off) <= within {
            return Judgement(
                text: "close enough: the answer is \(NumberLiteral.format(answer))\(unit); you were \(distance)", key: key,
                right: true)
        }
        return Judgement(text: "not quite: the answer is \(expected); you were \(distance)", key: key, right: false)
    }

    /// A typed number: `42`, `0.5`, `1e-3`, `10k`.
    static func replyNumber(_ text: String) -> Double? {
        if text.hasSuffix("%") { return replyNumber(String(text.dropLast()).trimmingCharacters(in: .whitespaces)) }
        if text.hasSuffix("k"), let v = Double(text.dropLast()) { return v * 1000 }
        return Double(text).flatMap { $0.isFinite ? $0 : nil }
    }
}

struct PauseCommand: RunnableCommand {
    static var declaration: Declaration<PauseCommand> {
        Declaration(
            "pause", category: "Tutorials", summary: "wait for the reader, who may type commands first; batch runs continue",
            replayable: false, examples: ["pause"])
    }

    func run(_ s: Session, _ c: Context<PauseCommand>) throws(RuntimeError) -> ExecutionStatus {
        // Commands typed at the pause run, and it pauses again, until Enter or a jump (`lesson next`).
        while case .run(let text) = s.host.pause(next: c.next) {
            s.execute(text)
            if s.runningScript?.jump != nil { break }
        }
        return .ok
    }
}
