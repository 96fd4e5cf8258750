// `basin class report PATH… [--csv FILE]`: a teacher's view of the students' lesson records
// (Interpreter/Classroom): tables and a chart on standard output, the same as CSV in a file.
import Charts
import Diagnostics
import Foundation
import Interpreter
import LineMode

extension Launcher {
    static func classMode(_ args: [String]) -> Result<Mode, UsageError> {
        guard args.first == "report" else {
            return .failure(
                UsageError(
                    message: args.isEmpty
                        ? "basin class needs a subcommand: basin class report DIR…"
                        : "unknown class subcommand '\(args[0])' (there is: report)"))
        }
        var paths: [String] = []
        var csv: String?
        var i = 1
        while i < args.count {
            switch args[i] {
            case "--csv":
                guard i + 1 < args.count, !args[i + 1].isEmpty else {
                    return .failure(UsageError(message: "--csv needs a file name"))
                }
                csv = args[i + 1]
                i += 2
            case let a where a.hasPrefix("-") && a.count > 1:
                return .failure(UsageError(message: "unknown option '\(a)'"))
            case let a:
                paths.append(a)
                i += 1
            }
        }
        guard !paths.isEmpty else {
            return .failure(
                UsageError(message: "basin class report needs the students' record folders or files (…/basin/lessons)"))
        }
        return .success(.classReport(paths: paths, csv: csv))
    }

    func classReport(_ paths: [String], csv: String?) -> Int32 {
        let report = ClassReport.read(paths)
        let host = TextHost(environment: environment(), diagnosticsToStderr: true)
        guard !report.lessons.isEmpty else {
            for output in report.outputs.dropFirst() { host.emit(output) }
            let hint = "students' records are in $XDG_STATE_HOME/basin/lessons (~/.local/state/basin/lessons)"
            FileHandle.standardError.write(
                Data("error: no lesson records in \(paths.joined(separator: ", ")); \(hint)\n".utf8))
            return ExitCode.noInput
        }
        for output in report.outputs { host.emit(output) }
        let file = csv ?? "class-report.csv"
        do {
            try Data(report.csv.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
            print("wrote \(file)")
        } catch {
            FileHandle.standardError.write(
                Data("error: cannot write '\(TerminalSafe.text(file))': \(error.localizedDescription)\n".utf8))
            return ExitCode.runtimeError
        }
        return ExitCode.ok
    }
}
