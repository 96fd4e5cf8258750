// The notebook's run loop on the UI thread: read keys (33 ms timeout, so frames keep coming at
// ~30 per second while a run is in flight), take the session's events from the mailbox, apply
// both to the state machine, carry out its effects, and draw what changed. Commands run on the
// session thread (CommandWorker). On the way out the terminal is restored, the history saved,
// and a summary printed to the normal screen so it stays in the scrollback.
import CNcurses
import Charts
import Foundation
import Interpreter

public struct NotebookApp {
    let environment: [String: String]
    let settings: SessionSettings
    /// Run as soon as the notebook is up (`basin tutorial NAME`).
    let firstCommand: String?

    public init(environment: [String: String], settings: SessionSettings, firstCommand: String? = nil) {
        self.environment = environment
        self.settings = settings
        self.firstCommand = firstCommand
    }

    var historyPath: String { StateDirectory.path(environment: environment) + "/history" }

    /// Runs the notebook; nil when this terminal cannot (the caller falls back to line mode).
    public func run() -> Int32? {
        TerminalSignals.install()
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        guard let terminal = Terminal(noColor: noColor) else {
            TerminalSignals.uninstall()
            return nil
        }
        TerminalSignals.prepareReset(Self.resetSequence())
        let unicode = TerminalEnvironment(environment: environment, isTerminal: true).profile.isUnicode
        let host = NotebookHost()
        let session = Session(host: host, settings: settings)
        let worker = CommandWorker(session: session, mailbox: host.mailbox)
        worker.start()
        var loop = RunLoopState(
            terminal: terminal, host: host, worker: worker, historyPath: historyPath,
            state: NotebookState(
                width: terminal.size.width, height: terminal.size.height,
                profile: terminal.profile(unicode: unicode),
                history: HistoryFile.load(historyPath)))
        if let firstCommand {
            loop.apply(loop.state.enter(firstCommand))
        } else if let offer = session.resumeOffer {
            host.emit(.text(offer))
        }
        loop.run()
        session.end()
        terminal.close()
        TerminalSignals.uninstall()
        for line in loop.state.summary.lines { print(line) }
        return 0
    }

    /// What puts the terminal back from a signal handler: cancel any half-written escape,
    /// reset attributes, show the cursor, keypad and mouse off, leave the alternate screen.
    static func resetSequence() -> String {
        func cap(_ name: String, _ fallback: String) -> String { basin_tigetstr(name).map { String(cString: $0) } ?? fallback }
        return "\u{18}" + cap("sgr0", "\u{1B}[0m") + cap("cnorm", "\u{1B}[?25h") + cap("rmkx", "")
            + "\u{1B}[?1000l\u{1B}[?1006l" + cap("rmcup", "") + "\r\n"
    }
}

/// The loop's state: the terminal, the last frame drawn, and the parts it drives.
struct RunLoopState {
    let terminal: Terminal
    let host: NotebookHost
    let worker: CommandWorker
    let historyPath: String
    var state: NotebookState
    var previous = CellBuffer(width: 0, height: 0)
    var quitting = false

    mutating func run() {
        draw()
        while !quitting {
            var dirty = takeSignals()
            dirty = readInput() || dirty
            for event in host.mailbox.take() {
                apply(state.handle(event))
                dirty = true
            }
            if dirty && !quitting { draw() }
        }
        if worker.isBusy {
            worker.session.cancel()
            host.reply(.quit)
            worker.waitUntilIdle(seconds: 2)
        }
    }

    /// Ctrl-C, Ctrl-Z and a continue after a stop; true when the screen must be drawn.
    mutating func takeSignals() -> Bool {
        var dirty = false
        if TerminalSignals.take(TerminalSignals.interrupt) { apply(state.handle(.interrupt)); dirty = true }
        if TerminalSignals.take(TerminalSignals.suspend) {
            terminal.suspend()
            TerminalSignals.stopSelf()
            terminal.resume()
            previous = CellBuffer(width: 0, height: 0)
            dirty = true
        }
        if TerminalSignals.take(TerminalSignals.redraw) {
            terminal.invalidate()
            previous = CellBuffer(width: 0, height: 0)
            dirty = true
        }
        return dirty
    }

    /// Waits up to one frame for a key, then takes any others already typed (a paste).
    mutating func readInput() -> Bool {
        var dirty = false
        var wait = true
        while let input = terminal.read(wait: wait) {
            wait = false
            dirty = true
            switch input {
            case .key(let key): apply(state.handle(.key(key)))
            case .resize:
                let size = terminal.size
                apply(state.handle(.resize(width: size.width, height: size.height)))
                previous = CellBuffer(width: 0, height: 0)
            case .ignored: break
            }
            if quitting { break }
        }
        return dirty || state.isRunning
    }

    mutating func apply(_ effects: [NotebookEffect]) {
        for effect in effects {
            switch effect {
            case .run(let text): worker.submit(text)
            case .runAtPause(let text): host.reply(.run(text))
            case .cancel: worker.session.cancel()
            case .answer(let text): host.reply(.answer(text))
            case .resume: host.reply(.resume)
            case .saveHistory:
                if let entry = state.history.entries.last {
                    HistoryFile.append(entry, to: historyPath, limit: CommandHistory.limit)
                }
            case .redraw:
                terminal.invalidate()
                previous = CellBuffer(width: 0, height: 0)
            case .quit: quitting = true
            }
        }
    }

    mutating func draw() {
        let frame = state.frame()
        terminal.draw(frame, previous: previous, cursor: state.cursor)
        previous = frame
        host.width = state.layout().cells.width - CellRenderer.indent
    }
}
