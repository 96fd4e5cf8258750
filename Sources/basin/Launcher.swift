// Command-line handling and mode selection (exit 64 on a usage error).
import Charts
import Diagnostics
import Foundation
import Interpreter
import LineMode
import Notebook

struct Launcher {
    let arguments: [String]
    let env = ProcessInfo.processInfo.environment

    static let usage = """
        usage: basin                      the notebook (a terminal), or line mode when TERM=dumb
               basin --plain              line mode (libedit prompt)
               basin run FILE [--seed N]  run a script; exit 0, 65 (syntax) or 70 (runtime)
               basin tutorial NAME        tutorials/NAME.basin in the notebook
               basin --help | --version
        """

    func main() -> Int32 {
        var rest = arguments
        if rest.first == "--help" || rest.first == "-h" { print(Self.usage); return 0 }
        if rest.first == "--version" { print("basin 0.1"); return 0 }
        if rest.first == "run" {
            rest.removeFirst()
            return runScript(rest)
        }
        if rest.count == 2 && rest[0] == "tutorial" { return tutorial(rest[1]) }
        if !rest.isEmpty && rest != ["--plain"] {
            return usageError("unknown argument '\(rest[0])'")
        }
        let interactive = isatty(0) == 1 && isatty(1) == 1
        guard interactive else {
            let text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            return Batch.run(source: SourceFile(name: "<stdin>", text: text), seed: nil,
                             environment: environment(), settings: settings())
        }
        let term = env["TERM"] ?? ""
        if rest.isEmpty, !["", "dumb", "unknown"].contains(term),
           let status = NotebookApp(environment: env, settings: settings()).run() {
            return status
        }
        return LineModeApp(environment: environment(), settings: settings()).run()
    }

    /// `basin tutorial NAME`: the notebook running tutorials/NAME.basin (a script elsewhere).
    func tutorial(_ name: String) -> Int32 {
        let file = "tutorials/\(name).basin"
        guard FileManager.default.fileExists(atPath: file) else { return usageError("no tutorial at \(file)") }
        if isatty(0) == 1 && isatty(1) == 1, !["", "dumb", "unknown"].contains(env["TERM"] ?? ""),
           let status = NotebookApp(environment: env, settings: settings(), firstCommand: "run \"\(file)\"").run() {
            return status
        }
        return runScript([file])
    }

    func runScript(_ args: [String]) -> Int32 {
        var file: String?
        var seed: Int?
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--seed":
                guard i + 1 < args.count, let s = Int(args[i + 1]), s >= 0 else { return usageError("--seed needs a non-negative integer") }
                seed = s
                i += 2
            case let a where a.hasPrefix("-"): return usageError("unknown option '\(a)'")
            case let a:
                guard file == nil else { return usageError("one script at a time") }
                file = a
                i += 1
            }
        }
        guard let file else { return usageError("basin run needs a script: basin run FILE.basin") }
        guard let data = FileManager.default.contents(atPath: file) else {
            FileHandle.standardError.write(Data("error: cannot read '\(file)': no such file or not readable\n".utf8))
            return Batch.usage
        }
        let text = String(decoding: data, as: UTF8.self)
        return Batch.run(source: SourceFile(name: file, text: text), seed: seed, environment: environment(), settings: settings())
    }

    func usageError(_ message: String) -> Int32 {
        FileHandle.standardError.write(Data("error: \(message)\n\(Self.usage)\n".utf8))
        return Batch.usage
    }

    func environment() -> TerminalEnvironment {
        var size = winsize()
        let width = ioctl(1, UInt(TIOCGWINSZ), &size) == 0 ? Int(size.ws_col) : nil
        return TerminalEnvironment(environment: env, isTerminal: isatty(1) == 1, terminalWidth: width)
    }

    func settings() -> SessionSettings {
        let state = (env["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() + "/.local/state") + "/basin"
        return SessionSettings(journalPath: state + "/journal.basin")
    }
}
