// Tutorial markup: `ask "…" answer=42 within=10` and `pause` (narrative `> …` is a statement
// kind of its own). In batch there is no reader: the question is printed with its answer.
import Foundation
import Language

struct AskCommand: RunnableCommand {
    var question = ""
    var answer: Double?
    var within = 0.0

    static var declaration: Declaration<AskCommand> {
        Declaration(
            "ask", category: "Tutorials", summary: "ask the reader a question (a line starting with '>' is narrative)",
            replayable: false,
            examples: ["ask \"At what width does train error first reach 0?\" answer=42 within=10"],
            .slot(\.question, "question", .string, required: true, placeholder: "\"QUESTION\"", help: "a question in quotes"),
            .option(\.answer, "answer", .number, help: "the expected answer"),
            .option(\.within, "within", .nonNegativeNumber, help: "accepted distance from the answer (0: only the exact answer)"))
    }

    func run(_ s: Session, _ c: Context<AskCommand>) throws(RuntimeError) -> ExecutionStatus {
        let reply = s.host.ask(question)
        if let verdict = Self.verdict(reply: reply, answer: answer, within: within) { s.say(verdict) }
        return .ok
    }

    /// What the reader is told after answering (nil: nothing to say).
    static func verdict(reply: String?, answer: Double?, within: Double) -> String? {
        guard let answer else { return nil }
        let expected = NumberLiteral.format(answer) + (within > 0 ? " (±\(NumberLiteral.format(within)))" : "")
        guard let reply else { return "answer: \(expected)" }
        let trimmed = reply.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return "the answer: \(expected)" }
        guard let number = Self.replyNumber(trimmed) else { return "'\(trimmed)' is not a number; the answer: \(expected)" }
        let off = number - answer
        if off == 0 { return "exactly right: \(NumberLiteral.format(answer))" }
        let distance = NumberLiteral.format(abs(off)) + (off > 0 ? " too high" : " too low")
        if abs(off) <= within { return "close enough: the answer is \(NumberLiteral.format(answer)); you were \(distance)" }
        return "not quite: the answer is \(expected); you were \(distance)"
    }

    /// A typed number: `42`, `0.5`, `1e-3`, `10k`.
    static func replyNumber(_ text: String) -> Double? {
        if text.hasSuffix("k"), let v = Double(text.dropLast()) { return v * 1000 }
        return Double(text).flatMap { $0.isFinite ? $0 : nil }
    }
}

struct PauseCommand: RunnableCommand {
    static var declaration: Declaration<PauseCommand> {
        Declaration(
            "pause", category: "Tutorials", summary: "the notebook waits for the reader; batch runs continue",
            replayable: false, examples: ["pause"])
    }

    func run(_ s: Session, _ c: Context<PauseCommand>) throws(RuntimeError) -> ExecutionStatus {
        s.host.pause(next: c.next)
        return .ok
    }
}
