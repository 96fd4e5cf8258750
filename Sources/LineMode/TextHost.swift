// The text front end's host: prints outputs as they come. On a terminal, progress redraws one
// line in place; when piped, a few milestone lines (every quarter) are printed instead.
import Charts
import Foundation
import Interpreter

public final class TextHost: SessionHost {
    public private(set) var formatter: OutputFormatter
    /// Where diagnostics go (stderr in batch, stdout in line mode).
    let diagnosticsToStderr: Bool
    /// Whether text messages are word-wrapped to the width (at a prompt, not in batch).
    let wrapsText: Bool
    /// Reads an answer for `ask` (line mode); nil in batch.
    var readAnswer: ((String) -> String?)?
    /// Waits at a tutorial `pause` for Enter or a typed command (line mode); nil in batch, which runs on.
    var waitForEnter: (() -> PauseReply)?
    var lastMilestone = -1
    var progressShown = false
    /// `expect`s that failed so far (batch exits 1 after a script with one).
    public private(set) var failedExpectations = 0

    public init(environment: TerminalEnvironment, diagnosticsToStderr: Bool, wrapsText: Bool = false) {
        formatter = OutputFormatter(environment: environment)
        self.diagnosticsToStderr = diagnosticsToStderr
        self.wrapsText = wrapsText
    }

    public var width: Int { formatter.environment.width }

    /// Follows a resized terminal: call before each command.
    func setWidth(_ columns: Int) {
        guard columns > 0 else { return }
        formatter.environment.width = min(columns, 1000)
    }

    public func emit(_ output: Output) {
        clearProgress()
        if case .expectation(let verdict) = output, !verdict.holds { failedExpectations += 1 }
        if case .clear = output { return write(formatter.clearScreen) }
        var text = formatter.format(output)
        if wrapsText {
            switch output {
            case .text, .narrative, .diagnostic: text = TextWrap.wrapped(text, width: width)
            default: break
            }
        }
        if case .diagnostic = output, diagnosticsToStderr {
            FileHandle.standardError.write(Data((text + "\n").utf8))
        } else {
            write(text + "\n")
        }
    }

    public func progress(_ update: LiveUpdate) {
        if formatter.environment.usesEscapes {
            write("\r" + formatter.progressLine(update) + "\u{1B}[K")
            progressShown = true
        } else {
            let quarter = Int(update.progress.fraction * 4)
            if quarter > lastMilestone && quarter < 4 {
                lastMilestone = quarter
                write(formatter.progressLine(update) + "\n")
            }
        }
    }

    public func finishedProgress(_ update: LiveUpdate) {
        if formatter.environment.usesEscapes {
            write("\r" + formatter.progressLine(update) + "\u{1B}[K\n")
        } else {
            write(formatter.progressLine(update) + "\n")
        }
        progressShown = false
        lastMilestone = -1
    }

    public func ask(_ question: String) -> String? {
        clearProgress()
        write(question + "\n")
        return readAnswer?(question)
    }

    public func pause(next: String?) -> PauseReply {
        clearProgress()
        return waitForEnter?() ?? .resume
    }

    func clearProgress() {
        if progressShown { write("\r\u{1B}[K"); progressShown = false }
    }

    func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
