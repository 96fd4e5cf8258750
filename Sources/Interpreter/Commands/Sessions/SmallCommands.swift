// history, clear, quit: the session's own small commands.

struct HistoryCommand: RunnableCommand {
    static var declaration: Declaration<HistoryCommand> {
        Declaration(
            "history", category: "Sessions", summary: "the commands typed so far", replayable: false,
            examples: ["history"])
    }

    /// The numbered inputs of this session (typed lines, or a batch script's statements).
    func run(_ s: Session, _ c: Context<HistoryCommand>) throws(RuntimeError) -> ExecutionStatus {
        let width = String(s.inputHistory.count).count
        let lines = s.inputHistory.enumerated().map { i, entry in
            let number = String(repeating: " ", count: width - String(i + 1).count) + String(i + 1)
            let indent = String(repeating: " ", count: width + 2)
            return number + "  " + entry.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n" + indent)
        }
        s.say(lines.isEmpty ? "no history yet" : lines.joined(separator: "\n"))
        return .ok
    }
}

struct ClearCommand: RunnableCommand {
    static var declaration: Declaration<ClearCommand> {
        Declaration("clear", category: "Sessions", summary: "clear the screen", replayable: false, examples: ["clear"])
    }

    func run(_ s: Session, _ c: Context<ClearCommand>) throws(RuntimeError) -> ExecutionStatus {
        s.emit(.clear)
        return .ok
    }
}

struct QuitCommand: RunnableCommand {
    static var declaration: Declaration<QuitCommand> {
        Declaration(
            "quit", aliases: ["exit"], category: "Sessions", summary: "leave Basin", replayable: false,
            examples: ["quit"])
    }

    func run(_ s: Session, _ c: Context<QuitCommand>) throws(RuntimeError) -> ExecutionStatus { .quit }
}
