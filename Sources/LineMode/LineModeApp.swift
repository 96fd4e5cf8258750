// Line mode: a libedit prompt. (History, completion and Ctrl-R come with the next increment.)
import CEditLine
import Charts
import Foundation
import Interpreter

public struct LineModeApp {
    let environment: TerminalEnvironment
    let settings: SessionSettings

    public init(environment: TerminalEnvironment, settings: SessionSettings) {
        self.environment = environment
        self.settings = settings
    }

    public func run() -> Int32 {
        let host = TextHost(environment: environment, diagnosticsToStderr: false)
        let session = Session(host: host, settings: settings)
        Interrupts.install { session.cancel() }
        while let line = readline("basin> ") {
            let text = String(cString: line)
            free(line)
            if text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            add_history(text)
            if session.execute(text) == .quit { break }
        }
        return 0
    }
}
