// Batch mode: run a script, print outputs in order, exit as ExitCode says (0 / 65 / 70 / 130),
// or 1 when it ran to its end but an `expect` failed.
import Charts
import Diagnostics
import Foundation
import Interpreter

public enum Batch {

    /// Runs `source` (a file's contents or standard input) and returns the exit code.
    public static func run(
        source: SourceFile, seed: Int?, environment: TerminalEnvironment,
        settings: SessionSettings, first: String? = nil
    ) -> Int32 {
        let host = TextHost(environment: environment, diagnosticsToStderr: true)
        let session = Session(host: host, settings: settings)
        Interrupts.install { session.cancel() }
        // A script is always "busy": a second Ctrl-C within a second leaves (130).
        Interrupts.setBusy(true)
        if let seed { session.execute("seed \(seed)") }
        // `basin --resume` over piped input: the crashed session first, then the script.
        defer { session.end() }
        if let first, session.execute(first) != .ok { return ExitCode.runtimeError }
        let code = ExitCode.of(session.execute(source))
        return code == ExitCode.ok && host.failedExpectations > 0 ? ExitCode.expectationFailed : code
    }
}
