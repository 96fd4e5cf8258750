// Command-line handling and mode selection (exit 64 on a usage error).
//
// `Launcher.mode` is a pure function of the arguments, the environment and which standard
// streams are terminals, so the policy of DESIGN.md ("Three ways in") reads in one place:
// `basin run FILE` → script; stdin or stdout not a terminal → batch over stdin; `--plain`,
// TERM=dumb/unknown/unset → line mode; otherwise the notebook.
import Charts
import Diagnostics
import Foundation
import Interpreter
import Lab
import LineMode
import Notebook

/// What `basin` was asked to do.
enum Mode: Equatable {
    case help, version
    /// `basin run FILE [--seed N] [--section N]`.
    case script(file: String, seed: Int?, section: Int? = nil)
    /// `basin trial --config FILE|-`: one sweep trial as JSON lines (TrialMode.swift).
    case trial(config: String, allowWrites: Bool)
    /// Standard input is a script (piped or redirected).
    case batchStandardInput
    case line
    case notebook
    /// `basin tutorial NAME [--section N]`: tutorials/NAME.basin in the notebook (line mode on a
    /// plain terminal, a script without one); no name: the list.
    case tutorial(name: String?, section: Int? = nil)
    /// `basin --resume [--plain]`: the last crashed session rebuilt, then the notebook or line mode
    /// (with piped input: then that script).
    case resume(plain: Bool)
    /// `basin class report PATH… [--csv FILE]`: students' lesson records read together (ClassMode.swift).
    case classReport(paths: [String], csv: String?)
}

struct UsageError: Error, Equatable {
    var message: String
}

struct Launcher {
    let arguments: [String]
    let env = ProcessInfo.processInfo.environment

    static let usage = """
        usage: basin                      the notebook (a terminal), or line mode when TERM=dumb
               basin --plain              line mode (libedit prompt)
               basin --resume [--plain]   rebuild the last session that crashed, then go on in it
               basin run FILE [--seed N] [--section N]
                                          run a script; exit 0, 65 (syntax), 70 (runtime) or 130 (Ctrl-C);
                                          --section starts a lesson at a section (the lines before run quietly)
               basin tutorial [NAME|FILE.basin] [--section N]
                                          a guided lesson (no name: the list), or a teacher's lesson file
               basin class report DIR… [--csv FILE]
                                          students' lesson records: answers, share right, where
                                          they stopped (CSV to class-report.csv unless --csv)
               basin trial --config FILE  one sweep trial as JSON lines (FILE or - for stdin); confined to
                                          this directory, no writes unless --allow-writes
               basin --help | --version
        """

    func main() -> Int32 {
        Engine.configureThreads(environment: env)
        if let problem = Engine.kernelPathProblem(environment: env) ?? Engine.threadsProblem(environment: env)
            ?? Engine.memoryProblem(environment: env)
        {
            return usageError(problem)
        }
        let interactive = isatty(0) == 1 && isatty(1) == 1
        switch Self.mode(arguments, environment: env, interactive: interactive) {
        case .failure(let error): return usageError(error.message)
        case .success(.help): print(Self.usage); return 0
        case .success(.version): print("basin \(LineModeApp.version)\n\(Engine.description)"); return 0
        case .success(.script(let file, let seed, let section)): return runScript(file, seed: seed, section: section)
        case .success(.trial(let config, let allowWrites)): return runTrial(config: config, allowWrites: allowWrites)
        case .success(.batchStandardInput):
            switch Self.readScript(FileHandle.standardInput, name: "<stdin>") {
            case .failure(let problem): return usageError(problem.message)
            case .success(let text):
                return Batch.run(
                    source: SourceFile(name: "<stdin>", text: text), seed: nil,
                    environment: environment(), settings: settings())
            }
        case .success(.line): return lineMode()
        case .success(.notebook):
            // The notebook returns nil when the terminal cannot address the cursor: line mode.
            return NotebookApp(environment: env, settings: settings(recording: true)).run() ?? lineMode()
        case .success(.tutorial(let name, let section)): return tutorial(name, section: section, interactive: interactive)
        case .success(.classReport(let paths, let csv)): return classReport(paths, csv: csv)
        case .success(.resume(let plain)):
            guard interactive else {
                switch Self.readScript(FileHandle.standardInput, name: "<stdin>") {
                case .failure(let problem): return usageError(problem.message)
                case .success(let text):
                    return Batch.run(
                        source: SourceFile(name: "<stdin>", text: text), seed: nil,
                        environment: environment(), settings: settings(), first: "resume")
                }
            }
            if !plain && Self.isCapableTerminal(env["TERM"]),
                let status = NotebookApp(environment: env, settings: settings(recording: true), firstCommand: "resume").run()
            {
                return status
            }
            return lineMode(firstCommand: "resume")
        }
    }

    /// tutorials/NAME.basin run in the notebook on a capable terminal, in line mode on another
    /// terminal, else as a script; with no name, the list. Tutorials are found from any directory
    /// (`tutorialDirectory`); a name ending in `.basin` is a lesson file of its own (a teacher's).
    func tutorial(_ name: String?, section: Int?, interactive: Bool) -> Int32 {
        if let name, name.hasSuffix(".basin") {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: name, isDirectory: &isDirectory), !isDirectory.boolValue else {
                return usageError("cannot read '\(name)': no such lesson file")
            }
            return lesson(name, section: section, interactive: interactive)
        }
        guard let directory = Self.tutorialDirectory(environment: env) else {
            return usageError("no tutorials found: set BASIN_TUTORIALS to the folder of Basin's tutorials/")
        }
        let have = Self.tutorials(in: directory)
        guard let name else {
            print("Tutorials (basin tutorial NAME):")
            for t in have { print("  \(t.name.padding(toLength: 16, withPad: " ", startingAt: 0))\(t.title)") }
            return 0
        }
        let file = directory + "/\(name).basin"
        guard FileManager.default.fileExists(atPath: file) else {
            return usageError(
                "no tutorial named '\(name)'" + (have.isEmpty ? "" : " (tutorials: \(have.map(\.name).joined(separator: ", ")))"))
        }
        return lesson(file, section: section, interactive: interactive)
    }

    /// A lesson file in the notebook, in line mode on a plain terminal, else as a script.
    func lesson(_ file: String, section: Int?, interactive: Bool) -> Int32 {
        let command = Self.runCommand(file, section: section)
        guard interactive else { return runScript(file, seed: nil, section: section) }
        if Self.isCapableTerminal(env["TERM"]),
            let status = NotebookApp(environment: env, settings: settings(recording: true), firstCommand: command).run()
        {
            return status
        }
        return lineMode(firstCommand: command)
    }

    /// Where the tutorials are: BASIN_TUTORIALS, else the `tutorials` folder shipped beside the
    /// binary (searched upward from it: `.build/…/release/basin` sits three levels below the
    /// package), else ./tutorials.
    static func tutorialDirectory(environment: [String: String]) -> String? {
        var candidates = environment["BASIN_TUTORIALS"].map { [$0] } ?? []
        var url = URL(fileURLWithPath: CommandLine.arguments.first.map { ($0 as NSString).resolvingSymlinksInPath } ?? "")
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            url = URL(fileURLWithPath: exe)
        }
        for _ in 0..<5 {
            url.deleteLastPathComponent()
            candidates.append(url.appendingPathComponent("tutorials").path)
            candidates.append(url.appendingPathComponent("share/basin/tutorials").path)
        }
        candidates.append(FileManager.default.currentDirectoryPath + "/tutorials")
        return candidates.first { dir in
            ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).contains { $0.hasSuffix(".basin") }
        }
    }

    /// The tutorials in `directory`: name and the first line of each, without its "# ".
    static func tutorials(in directory: String) -> [(name: String, title: String)] {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".basin") }
            .sorted()
        return files.map { file in
            let text = (try? String(contentsOfFile: directory + "/" + file, encoding: .utf8)) ?? ""
            let first = text.split(separator: "\n").first.map(String.init) ?? ""
            return (String(file.dropLast(6)), first.hasPrefix("# ") ? String(first.dropFirst(2)) : first)
        }
    }

    /// The mode for these arguments and this environment.
    static func mode(_ arguments: [String], environment: [String: String], interactive: Bool) -> Result<Mode, UsageError> {
        guard let first = arguments.first else {
            guard interactive else { return .success(.batchStandardInput) }
            return .success(isCapableTerminal(environment["TERM"]) ? .notebook : .line)
        }
        switch first {
        case "--help", "-h": return .success(.help)
        case "--version": return .success(.version)
        case "run": return scriptMode(Array(arguments.dropFirst()))
        case "tutorial": return tutorialMode(Array(arguments.dropFirst()))
        case "trial": return trialMode(Array(arguments.dropFirst()))
        case "class": return classMode(Array(arguments.dropFirst()))
        case "--plain" where arguments.count == 1: return .success(interactive ? .line : .batchStandardInput)
        case "--resume" where arguments.count == 1: return .success(.resume(plain: false))
        case "--resume" where arguments.count == 2 && arguments[1] == "--plain",
            "--plain" where arguments.count == 2 && arguments[1] == "--resume":
            return .success(.resume(plain: true))
        default:
            let unknown = arguments.first { $0 != "--plain" } ?? first
            return .failure(UsageError(message: "unknown argument '\(unknown)'"))
        }
    }

    /// A terminal the notebook may try: TERM names something other than dumb or unknown.
    static func isCapableTerminal(_ term: String?) -> Bool {
        guard let term, !term.isEmpty else { return false }
        return !["dumb", "unknown", "emacs"].contains(term)
    }

    /// `run "FILE"` as a command, with the section to start at.
    static func runCommand(_ file: String, section: Int?) -> String {
        let quoted = file.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "run \"\(quoted)\"" + (section.map { " section=\($0)" } ?? "")
    }

    static func tutorialMode(_ args: [String]) -> Result<Mode, UsageError> {
        Result { () throws(UsageError) -> Mode in
            var name: String?
            var section: Int?
            var i = 0
            while i < args.count {
                switch args[i] {
                case "--section": section = try number(after: args, at: &i, minimum: 1, needs: sectionNumber)
                case let a where a.hasPrefix("-"): throw UsageError(message: "unknown option '\(a)'")
                case let a:
                    guard name == nil else { throw UsageError(message: "one tutorial at a time") }
                    name = a
                    i += 1
                }
            }
            if section != nil && name == nil {
                throw UsageError(message: "--section needs a tutorial: basin tutorial NAME --section N")
            }
            return .tutorial(name: name, section: section)
        }
    }

    static func scriptMode(_ args: [String]) -> Result<Mode, UsageError> {
        Result { () throws(UsageError) -> Mode in
            var file: String?
            var seed: Int?
            var section: Int?
            var i = 0
            while i < args.count {
                switch args[i] {
                case "--seed": seed = try number(after: args, at: &i, minimum: 0, needs: "--seed needs a non-negative integer")
                case "--section": section = try number(after: args, at: &i, minimum: 1, needs: sectionNumber)
                case let a where a.hasPrefix("-") && a != "-": throw UsageError(message: "unknown option '\(a)'")
                case let a:
                    guard file == nil else { throw UsageError(message: "one script at a time") }
                    file = a
                    i += 1
                }
            }
            guard let file else { throw UsageError(message: "basin run needs a script: basin run FILE.basin") }
            return .script(file: file, seed: seed, section: section)
        }
    }

    static let sectionNumber = "--section needs a section's number (1 is the first)"

    /// The integer after the option at `i` (`--seed 3`), at least `minimum`; `i` moves past both.
    static func number(after args: [String], at i: inout Int, minimum: Int, needs: String) throws(UsageError) -> Int {
        guard i + 1 < args.count, let n = Int(args[i + 1]), n >= minimum else { throw UsageError(message: needs) }
        i += 2
        return n
    }

    func runScript(_ file: String, seed: Int?, section: Int? = nil) -> Int32 {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
            FileHandle.standardError.write(Data("error: cannot read '\(file)': it is a directory\n".utf8))
            return ExitCode.usage
        }
        // FileHandle reads pipes and devices too (`basin run /dev/stdin`, `basin run -`).
        guard let handle = file == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: file) else {
            FileHandle.standardError.write(Data("error: cannot read '\(file)': no such file or not readable\n".utf8))
            return ExitCode.usage
        }
        switch Self.readScript(handle, name: file) {
        case .failure(let problem):
            FileHandle.standardError.write(Data("error: \(problem.message)\n".utf8))
            return ExitCode.usage
        case .success(let text):
            // From a section: `run "FILE" section=N`, which finds it (and refuses one past the last).
            let source =
                section == nil || file == "-"
                ? SourceFile(name: file, text: text)
                : SourceFile(name: "<command line>", text: Self.runCommand(file, section: section))
            return Batch.run(source: source, seed: seed, environment: environment(), settings: settings())
        }
    }

    /// Scripts at most this large: a 100,000-line script is a few MiB.
    static let maxScriptBytes = 32 << 20

    /// A script's text, read in blocks up to `maxScriptBytes` (`/dev/zero` or an endless pipe
    /// stops there), and refused when it holds a NUL byte (a binary file, not a script).
    static func readScript(_ handle: FileHandle, name: String) -> Result<String, UsageError> {
        var data = Data()
        while true {
            let block: Data
            do { block = try handle.read(upToCount: 1 << 20) ?? Data() } catch {
                return .failure(UsageError(message: "cannot read '\(name)': \(error.localizedDescription)"))
            }
            if block.isEmpty { break }
            data.append(block)
            if data.count > maxScriptBytes {
                return .failure(
                    UsageError(message: "'\(name)' is larger than \(maxScriptBytes >> 20) MiB, the most a script may be"))
            }
        }
        if let zero = data.firstIndex(of: 0) {
            return .failure(
                UsageError(message: "'\(name)' is not a text script: it holds a NUL byte at offset \(zero - data.startIndex)"))
        }
        return .success(String(decoding: data, as: UTF8.self))
    }

    func lineMode(firstCommand: String? = nil) -> Int32 {
        let state = StateDirectory.ensure(environment: env)
        return LineModeApp(
            environment: environment(), settings: settings(recording: true), stateDirectory: state, firstCommand: firstCommand
        )
        .run()
    }

    func usageError(_ message: String) -> Int32 {
        FileHandle.standardError.write(Data("error: \(TerminalSafe.text(message))\n\(Self.usage)\n".utf8))
        return ExitCode.usage
    }

    func environment() -> TerminalEnvironment {
        var size = winsize()
        let width = ioctl(1, UInt(TIOCGWINSZ), &size) == 0 ? Int(size.ws_col) : nil
        return TerminalEnvironment(environment: env, isTerminal: isatty(1) == 1, terminalWidth: width)
    }

    /// `recording`: a reader is there (the notebook, line mode), so a lesson's answers and
    /// claims are recorded to `$XDG_STATE_HOME/basin/lessons` for `basin class report`.
    func settings(recording: Bool = false) -> SessionSettings {
        SessionSettings(
            journalDirectory: StateDirectory.path(environment: env) + "/sessions",
            lessonRecorder: recording ? LessonRecorder(environment: env) : nil)
    }
}
