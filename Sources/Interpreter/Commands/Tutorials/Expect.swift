// expect EXPRESSION ["MESSAGE"]: a claim a lesson makes, checked on the run's own numbers. The
// verdict shows the values compared (mean ± sd over a net's seeds); a failed claim does not stop
// the script, but batch exits 1 at its end.
import Language

struct ExpectCommand: RunnableCommand {
    var message: String?

    static var declaration: Declaration<ExpectCommand> {
        let net = ExpressionVocabulary.netFields.map(\.name).joined(separator: ", ")
        let functions = ExpressionVocabulary.functions.map { "\($0.name)(…)" }.joined(separator: ", ")
        return Declaration(
            "expect", category: "Tutorials", summary: "check a claim on the run's numbers (a failed one makes batch exit 1)",
            form: .expectation, replayable: false,
            examples: [
                "expect big.train.acc > 0.95", "expect l2.val.acc > big.val.acc \"L2 should help here\"",
                "expect l2.val.acc - big.val.acc > 2 * se(l2.val.acc - big.val.acc)",
                "expect big.gap > l2.gap and big.gap > drop.gap", "expect s.best.width >= 32",
            ],
            details: "Values: NET.train.loss, NET.train.acc, NET.val.loss, NET.val.acc and NET.\(net) "
                + "(a net trained with seeds=N gives the mean over its seeds); SWEEP.best.FIELD (the best trial's net) "
                + "or SWEEP.best.PARAM, SWEEP.trials; DATA.count, .classes, .train, .val; numbers and $variables. "
                + "Arithmetic + − × ÷ carries the standard error of means over seeds; \(functions). Compare with "
                + "==, !=, <, <=, >, >= and join claims with and/or. Accuracies are fractions (0.9 is 90%).",
            .slot(\.message, "message", .string, placeholder: "\"MESSAGE\"", help: "said when the claim fails"))
    }

    func run(_ s: Session, _ c: Context<ExpectCommand>) throws(RuntimeError) -> ExecutionStatus {
        guard let expression = c.syntax.expression else {
            throw RuntimeError(ExpressionRefusal.noClaim, at: c.span)
        }
        var evaluator = ExpressionEvaluator(session: s)
        let holds = try evaluator.holds(expression)
        let claim = c.source.text(of: expression.span)
        s.emit(
            .expectation(
                Verdict(holds: holds, claim: claim, values: evaluator.compared.joined(separator: "; "), message: message)))
        if let lesson = Lessons.name(of: c.source) {
            s.recordLesson(lesson, .expect, line: c.span.line, source: c.source, question: claim, right: holds)
        }
        return .ok
    }
}
