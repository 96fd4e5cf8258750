// run "FILE": a script inside the session. Its statements join the transcript; its errors are
// reported against its own file and lines, and stop it (and the command that ran it).
import Diagnostics
import Foundation
import Language

struct RunCommand: RunnableCommand {
    var file = ""

    /// How deep `run "file"` may nest: a script that runs itself stops here.
    static let maxDepth = 8

    static var declaration: Declaration<RunCommand> {
        Declaration(
            "run", category: "Sessions", summary: "run a script inside the session", replayable: false, runsLong: true,
            examples: ["run \"tutorials/regularization.basin\""],
            .slot(\.file, "file", .text, required: true, placeholder: "\"FILE\"", help: "a script file"))
    }

    func run(_ s: Session, _ c: Context<RunCommand>) throws(RuntimeError) -> ExecutionStatus {
        guard s.runDepth < Self.maxDepth else {
            throw RuntimeError(
                "scripts run inside each other more than \(Self.maxDepth) levels deep", at: c.span,
                hint: "does '\(file)' run itself, directly or through another script?")
        }
        let text = try Self.scriptText(s, file, at: c.span(\.file))
        s.runDepth += 1
        defer { s.runDepth -= 1 }
        switch s.execute(SourceFile(name: file, text: text)) {
        case .ok, .quit:
            s.say("ran \(file)")
            return .ok
        case .syntaxError:
            throw RuntimeError(
                "nothing in '\(file)' ran: it has syntax errors", at: c.span(\.file),
                hint: "fix the lines shown above, then run it again")
        case .runtimeError:
            return .runtimeError
        case .interrupted:
            s.say("stopped \(file) by Ctrl-C")
            return .interrupted
        }
    }

    /// A script's text, or an error that says what is wrong with the file.
    static func scriptText(_ s: Session, _ file: String, at span: SourceSpan) throws(RuntimeError) -> String {
        let path = try s.checkedPath(file, writing: true, at: span)  // running another script counts as a write
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw RuntimeError("cannot read '\(file)': no such file", at: span, hint: s.similarFile(file, ending: ".basin"))
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw RuntimeError(
                "cannot read '\(file)': \(isDirectory.boolValue ? "it is a directory" : "permission denied")", at: span)
        }
        guard data.count <= 10 << 20, !data.contains(0) else {
            throw RuntimeError("'\(file)' is not a Basin script (binary, or over 10 MiB)", at: span)
        }
        return String(decoding: data, as: UTF8.self)
    }
}
