// Predict, then run, then see: `predict "…" [choices=(…)]` asks the reader before the run and
// keeps the reply; `reveal answer=EXPR [within=X]` — after the run — computes the key from the
// run's numbers and judges the oldest prediction not yet revealed. `section "TITLE"` marks where a
// lesson's part begins (its records say which section a question was in).
import Diagnostics
import Language

struct PredictCommand: RunnableCommand {
    var question = ""
    var choices: [String] = []

    static var declaration: Declaration<PredictCommand> {
        Declaration(
            "predict", category: "Tutorials", summary: "ask the reader to predict before the run; reveal judges it after",
            replayable: false,
            examples: [
                "predict \"Which net will sit in the sharper minimum?\" choices=(small, large)",
                "predict \"What validation accuracy will big reach (%)?\"",
            ],
            details: "The reply is kept until 'reveal', which computes the answer from the run and judges the oldest "
                + "prediction not yet revealed. In batch there is no reader: the question is printed, and reveal prints the answer.",
            .slot(\.question, "question", .string, required: true, placeholder: "\"QUESTION\"", help: "a question in quotes"),
            .words(\.choices, "choices", help: "the answers to choose from"))
    }

    func run(_ s: Session, _ c: Context<PredictCommand>) throws(RuntimeError) -> ExecutionStatus {
        let shown = choices.isEmpty ? question : question + " (" + choices.joined(separator: ", ") + ")"
        let reply = s.host.ask(shown)
        s.workspace.predictions.append(Prediction(question: question, choices: choices, reply: reply, span: c.span))
        if reply != nil { s.say("noted; 'reveal' shows the answer after the run") }
        return .ok
    }
}

struct RevealCommand: RunnableCommand {
    var answer: Language.Expression?
    var within = 0.0

    static var declaration: Declaration<RevealCommand> {
        Declaration(
            "reveal", category: "Tutorials", summary: "judge the oldest prediction against the run's numbers",
            replayable: false,
            examples: ["reveal answer=most(sharpness)", "reveal answer=big.val.acc within=3"],
            details: "answer= is computed now, from the run, as ask computes it: with the prediction's choices, the "
                + "choice most(FIELD) or least(FIELD) picks; otherwise a number (an accuracy in percent, within= in points).",
            .expression(\.answer, "answer", help: "the right answer, computed from the run"),
            .option(\.within, "within", .nonNegativeNumber, help: "accepted distance from the answer (0: only the exact answer)"))
    }

    func run(_ s: Session, _ c: Context<RevealCommand>) throws(RuntimeError) -> ExecutionStatus {
        guard let prediction = s.workspace.predictions.first else {
            throw RuntimeError(LessonRefusal.nothingToReveal, at: c.span)
        }
        var evaluator = ExpressionEvaluator(session: s)
        let judged: AskCommand.Judgement
        if !prediction.choices.isEmpty {
            guard let answer else {
                throw RuntimeError(LessonRefusal.revealNeedsAnswer(choices: prediction.choices), at: c.span)
            }
            let key = try evaluator.choice(answer, among: prediction.choices, at: c.span(\.answer))
            judged = AskCommand.judge(reply: prediction.reply, choices: prediction.choices, key: key.name, why: key.why)
        } else {
            guard let answer else { throw RuntimeError(LessonRefusal.revealNeedsNumber, at: c.span) }
            let key = try evaluator.value(answer)
            guard
                let j = AskCommand.judge(reply: prediction.reply, answer: key.value, within: within, percent: key.percent)
            else { throw RuntimeError(LessonRefusal.revealNeedsNumber, at: c.span(\.answer)) }
            judged = j
        }
        s.workspace.predictions.removeFirst()
        s.say("\(prediction.question)\n  \(judged.text)")
        s.recordAnswer(
            prediction.question, reply: prediction.reply, key: judged.key, right: judged.right, source: c.source,
            line: prediction.span.line)
        return .ok
    }
}

struct SectionCommand: RunnableCommand {
    var title = ""

    static var declaration: Declaration<SectionCommand> {
        Declaration(
            "section", category: "Tutorials", summary: "begin a part of a lesson (its title is shown and recorded)",
            replayable: false, examples: ["section \"Dropout\""],
            .slot(\.title, "title", .string, required: true, placeholder: "\"TITLE\"", help: "the section's title in quotes"))
    }

    func run(_ s: Session, _ c: Context<SectionCommand>) throws(RuntimeError) -> ExecutionStatus {
        let title = title.trimmingCharacters(in: .whitespaces)
        guard !title.isEmpty else { throw RuntimeError(LessonRefusal.emptySection, at: c.span(\.title)) }
        s.emit(.narrative("§ " + title))
        return .ok
    }
}
