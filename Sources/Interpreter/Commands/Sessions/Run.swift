// run "FILE": a script inside the session. Its statements join the transcript; its errors are
// reported against its own file and lines, and stop it (and the command that ran it).
import Diagnostics
import Foundation
import Language

struct RunCommand: RunnableCommand {
    var file = ""
    var section: Int?

    /// How deep `run "file"` may nest: a script that runs itself stops here.
    static let maxDepth = 8
    /// The largest script `run` reads.
    static let maxScriptBytes = 10 << 20

    static var declaration: Declaration<RunCommand> {
        Declaration(
            "run", category: "Sessions", summary: "run a script inside the session", replayable: false, runsLong: true,
            examples: ["run \"tutorials/regularization.basin\"", "run \"tutorials/minima.basin\" section=2"],
            .slot(\.file, "file", .text, required: true, placeholder: "\"FILE\"", help: "a script file"),
            .option(
                \.section, "section", .positiveInteger, default: "the first line",
                help: "a lesson's section to start at (the lines before it run quietly)"))
    }

    func run(_ s: Session, _ c: Context<RunCommand>) throws(RuntimeError) -> ExecutionStatus {
        guard s.runDepth < Self.maxDepth else {
            throw RuntimeError(SessionRefusal.runTooDeep(limit: Self.maxDepth, file: file), at: c.span)
        }
        let text = try Self.scriptText(s, file, at: c.span(\.file))
        let source = SourceFile(name: file, text: text)
        let start = try section.map { n throws(RuntimeError) in try Self.start(of: n, in: source, s, at: c.span(\.section)) } ?? 0
        s.runDepth += 1
        defer { s.runDepth -= 1 }
        switch s.execute(source, from: start) {
        case .ok, .quit:
            s.say("ran \(file)")
            return .ok
        case .syntaxError:
            throw RuntimeError(SessionRefusal.scriptSyntaxErrors(file: file), at: c.span(\.file))
        case .runtimeError:
            return .runtimeError
        case .interrupted:
            s.say("stopped \(file) by Ctrl-C")
            return .interrupted
        }
    }

    /// The index of the statement section `number` (from 1) begins at; 0 when the script does not
    /// parse (running it reports why).
    static func start(of number: Int, in source: SourceFile, _ s: Session, at span: SourceSpan) throws(RuntimeError) -> Int {
        let parsed = Script.parse(source, registry: s.registry)
        guard parsed.succeeded else { return 0 }
        let sections = ScriptRun.sections(of: parsed.script.statements)
        guard !sections.isEmpty else { throw RuntimeError(LessonRefusal.noSections(file: source.name), at: span) }
        guard number <= sections.count else {
            throw RuntimeError(LessonRefusal.noSuchSection(number: number, titles: sections.map(\.title)), at: span)
        }
        return sections[number - 1].index
    }

    /// A script's text, or an error that says what is wrong with the file.
    static func scriptText(_ s: Session, _ file: String, at span: SourceSpan) throws(RuntimeError) -> String {
        let path = try s.checkedPath(file, writing: true, at: span)  // running another script counts as a write
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw RuntimeError(FileRefusal.noSuchFile(file: file, near: s.nearFile(file, ending: ".basin")), at: span)
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw RuntimeError(
                isDirectory.boolValue ? FileRefusal.isDirectory(file: file) : FileRefusal.permissionDenied(file: file), at: span)
        }
        guard data.count <= Self.maxScriptBytes, !data.contains(0) else {
            throw RuntimeError(FileRefusal.notAScript(file: file, limit: Self.maxScriptBytes), at: span)
        }
        return String(decoding: data, as: UTF8.self)
    }
}
