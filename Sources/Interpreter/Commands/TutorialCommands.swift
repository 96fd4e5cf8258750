// Tutorial markup: `ask "…" answer=42 within=10` and `pause` (narrative `> …` is a statement
// kind of its own). In batch there is no reader: the question is printed with its answer.
import Foundation
import Language

extension Session {
    func askCommand(_ c: CommandContext) throws(RuntimeError) {
        let question = try c.text("question") ?? ""
        let answer = try c.number("answer")
        let within = try c.number("within") ?? 0
        let reply = host.ask(question)
        if let verdict = Self.verdict(reply: reply, answer: answer, within: within) { say(verdict) }
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
