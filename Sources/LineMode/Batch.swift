// Batch mode: run a script, print outputs in order, exit 0 / 65 (syntax) / 70 (runtime).
import Charts
import Diagnostics
import Foundation
import Interpreter

public enum Batch {
    public static let syntaxError: Int32 = 65
    public static let runtimeError: Int32 = 70
    public static let usage: Int32 = 64
    /// Ctrl-C stopped the script (128 + SIGINT, as shells report it).
    public static let interrupted: Int32 = 130

    /// Runs `source` (a file's contents or standard input) and returns the exit code.
    public static func run(source: SourceFile, seed: Int?, environment: TerminalEnvironment,
                           settings: SessionSettings) -> Int32 {
        let host = TextHost(environment: environment, diagnosticsToStderr: true)
        let session = Session(host: host, settings: settings)
        Interrupts.install { session.cancel() }
        // A script is always "busy": a second Ctrl-C within a second leaves (130).
        Interrupts.setBusy(true)
        if let seed { session.execute("seed \(seed)") }
        switch session.execute(source) {
        case .ok, .quit: return 0
        case .syntaxError: return syntaxError
        case .runtimeError: return runtimeError
        case .interrupted: return interrupted
        }
    }
}
