// Line mode (`basin --plain`, or `basin` on a terminal without cursor addressing): a libedit
// prompt in front of the shared session. Reads a statement (more lines while `{` blocks are
// open), runs it, prints its outputs as text. Ctrl-C at the prompt drops the line; during
// `train`/`step` it stops after the current step (Interrupts → Session.cancel). Ctrl-D on an
// empty line, or `quit`, leaves. `ask` reads its answer at an `answer> ` prompt and `pause`
// waits for Enter.
import Charts
import Foundation
import Interpreter
import Language

public struct LineModeApp {
    static let prompt = "basin> "
    /// As wide as `prompt`, so block bodies line up under the first line.
    static let continuationPrompt = "  ...> "

    let environment: TerminalEnvironment
    let settings: SessionSettings
    /// Where history is kept (nil: history only for this run).
    let stateDirectory: String?

    /// A command run before the first prompt (`basin --resume` gives `resume`).
    let firstCommand: String?

    public init(environment: TerminalEnvironment, settings: SessionSettings, stateDirectory: String?, firstCommand: String? = nil)
    {
        self.environment = environment
        self.settings = settings
        self.stateDirectory = stateDirectory
        self.firstCommand = firstCommand
    }

    public func run() -> Int32 {
        TerminalGuard.install()
        let host = TextHost(environment: environment, diagnosticsToStderr: false, wrapsText: true)
        let session = Session(host: host, settings: settings)
        Interrupts.install { session.cancel() }
        let editor = LineEditor(historyPath: stateDirectory.map { $0 + "/history" })
        TabCompletion.install(Completer(registry: session.registry, names: { session.names(of: $0) }))
        wireTutorialPrompts(host, editor)
        host.write("basin \(Self.version) line mode: 'help' lists commands, Ctrl-D leaves\n")
        if let firstCommand {
            Interrupts.setBusy(true)
            session.execute(firstCommand)
            Interrupts.setBusy(false)
        } else if let offer = session.resumeOffer {
            host.write(offer + "\n")
        }
        while true {
            switch readStatement(editor) {
            case .endOfInput:
                host.write("\n")
                session.end()
                return 0
            case .interrupted:
                host.write("\n")
            case .line(let text):
                guard !text.allSatisfy(\.isWhitespace) else { continue }
                host.setWidth(Self.terminalColumns())
                TerminalGuard.hideControlEcho()
                Interrupts.setBusy(true)
                let status = session.execute(text)
                Interrupts.setBusy(false)
                if status == .quit {
                    session.end()
                    return 0
                }
            }
        }
    }

    public static let version = "0.1"

    /// The terminal's current width (it may have been resized since start-up); 0 if unknown.
    static func terminalColumns() -> Int {
        var size = winsize()
        return ioctl(1, UInt(TIOCGWINSZ), &size) == 0 ? Int(size.ws_col) : 0
    }

    /// One statement: a line, plus continuation lines while a `{` block is open. Every
    /// physical line goes to the history on its own (libedit edits one line at a time).
    func readStatement(_ editor: LineEditor) -> PromptRead {
        var lines: [String] = []
        var depth = 0
        repeat {
            switch editor.read(prompt: lines.isEmpty ? Self.prompt : Self.continuationPrompt) {
            case .line(let line):
                editor.remember(line)
                lines.append(line)
                depth += Script.braceBalance(of: line)
            case .interrupted:
                return .interrupted
            case .endOfInput:
                // Ctrl-D inside an open block drops the block rather than leaving Basin.
                return lines.isEmpty ? .endOfInput : .interrupted
            }
        } while depth > 0
        return .line(lines.joined(separator: "\n"))
    }

    /// `ask` answers at an `answer> ` prompt; `pause` waits for Enter, or runs a command typed
    /// there (`lesson next`, a look at a net) and waits again. Neither counts as a
    /// running command, so Ctrl-C there never triggers the "interrupted twice" exit.
    func wireTutorialPrompts(_ host: TextHost, _ editor: LineEditor) {
        host.readAnswer = { _ in
            Interrupts.setBusy(false)
            defer { Interrupts.setBusy(true) }
            if case .line(let answer) = editor.read(prompt: "answer> ") { return answer }
            host.write("\n")
            return nil
        }
        host.waitForEnter = {
            Interrupts.setBusy(false)
            defer { Interrupts.setBusy(true) }
            if case .line(let line) = editor.read(prompt: "(Enter to go on, or a command) ") {
                let typed = line.trimmingCharacters(in: .whitespaces)
                guard !typed.isEmpty else { return .resume }
                editor.remember(typed)
                return .run(typed)
            }
            host.write("\n")
            return .resume
        }
    }
}
