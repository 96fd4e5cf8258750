// report METRIC [minimize|maximize]: a sweep body's objective (read by SweepBody before the
// trials run; outside a sweep body it only explains itself).

struct ReportCommand: RunnableCommand {
    enum Metric: String, OperandChoice { case val_loss, val_acc, train_loss, train_acc }
    enum Direction: String, OperandChoice { case minimize, maximize }

    var metric = Metric.val_loss
    var direction: Direction?

    static var declaration: Declaration<ReportCommand> {
        Declaration(
            "report", category: "Hyperparameter search", summary: "choose a sweep body's objective",
            examples: ["report val_acc maximize"],
            .slot(\.metric, "metric", required: true, help: "a metric: val_loss, val_acc, train_loss or train_acc"),
            .slot(\.direction, "direction", help: "minimize or maximize"))
    }

    func run(_ s: Session, _ c: Context<ReportCommand>) throws(RuntimeError) -> ExecutionStatus {
        throw RuntimeError(SweepRefusal.reportOutsideBody, at: c.span)
    }
}
