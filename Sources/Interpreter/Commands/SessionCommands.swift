// Session commands: seed, save, run, history, clear. help lives in HelpCommands.swift, the
// tutorial markup (ask, pause) in TutorialCommands.swift.
import Diagnostics
import Foundation
import Language
import Networks

extension Session {
    /// How deep `run "file"` may nest: a script that runs itself stops here.
    static let maxRunDepth = 8

    /// The session commands, routed here from `handle`.
    func sessionCommand(_ c: CommandContext) throws(RuntimeError) -> ExecutionStatus {
        switch c.name {
        case "save": try saveCommand(c)
        case "run": return try runCommand(c)
        case "help": try helpCommand(c)
        case "history": historyCommand()
        case "clear": emit(.clear)
        case "ask": try askCommand(c)
        case "pause": host.pause(next: c.next)
        default: try otherCommand(c)
        }
        return .ok
    }

    func seedCommand(_ c: CommandContext) throws(RuntimeError) {
        let value = try c.int("value") ?? 0
        workspace.seed = UInt64(value)
        say("seed \(value)")
    }

    // MARK: save

    func saveCommand(_ c: CommandContext) throws(RuntimeError) {
        let raw = try c.text("name") ?? ""
        let name = raw.hasSuffix(".basin") ? String(raw.dropLast(6)) : raw
        guard Self.isSessionName(name) else {
            throw RuntimeError("'\(raw)' cannot name a session", at: c.span(of: "name"),
                               hint: "use a plain name such as 'lesson1'; sessions are saved in \(shown(settings.sessionsDirectory))/")
        }
        let path = try checkedPath(settings.sessionsDirectory + "/" + name + ".basin", writing: true, at: c.span(of: "name"))
        let existed = FileManager.default.fileExists(atPath: path)
        do {
            try FileManager.default.createDirectory(atPath: settings.sessionsDirectory, withIntermediateDirectories: true)
        } catch {
            throw RuntimeError("cannot write \(shown(path)): \(error.localizedDescription)", at: c.span,
                               hint: "check that \(shown(settings.sessionsDirectory)) is a writable directory")
        }
        // Atomic (temporary file, sync, rename): a kill leaves the old session or the new one.
        try write(Array(savedText(name).utf8), to: path, at: c.span(of: "name"))
        let count = transcript.count
        say("saved \(count) command\(count == 1 ? "" : "s") to \(shown(path))\(existed ? " (replacing the previous version)" : "")")
    }

    /// A plain file name: no path separators, not hidden, no control characters.
    static func isSessionName(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 100, !name.hasPrefix("."), !name.hasPrefix("-") else { return false }
        return !name.unicodeScalars.contains { $0 == "/" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F }
    }

    /// The header and the transcript. It starts from the seed a fresh session has (0) unless
    /// the transcript sets its own first, so a replay inside another session draws the same numbers.
    func savedText(_ name: String) -> String {
        let path = shown(settings.sessionsDirectory + "/" + name + ".basin")
        var lines = ["# Basin session '\(name)': the commands that ran successfully and change state.",
                     "# Replay: `basin run \(path)`, or `run \"\(path)\"` inside a session. Relative file",
                     "# names are read from the directory Basin was started in.", ""]
        if !(transcript.first?.hasPrefix("seed ") ?? false) { lines.append("seed 0") }
        lines += transcript
        return lines.joined(separator: "\n") + "\n"
    }

    /// A path as the user should read it: relative to the session directory when inside it.
    func shown(_ path: String) -> String {
        let base = settings.directory.hasSuffix("/") ? settings.directory : settings.directory + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    // MARK: run

    /// Runs a script inside the session. Its statements join the transcript; its errors are
    /// reported against its own file and lines, and stop it (and the command that ran it).
    func runCommand(_ c: CommandContext) throws(RuntimeError) -> ExecutionStatus {
        let file = try c.text("file") ?? ""
        guard runDepth < Self.maxRunDepth else {
            throw RuntimeError("scripts run inside each other more than \(Self.maxRunDepth) levels deep", at: c.span,
                               hint: "does '\(file)' run itself, directly or through another script?")
        }
        let text = try scriptText(file, at: c.span(of: "file"))
        runDepth += 1
        defer { runDepth -= 1 }
        switch execute(SourceFile(name: file, text: text)) {
        case .ok, .quit:
            say("ran \(file)")
            return .ok
        case .syntaxError:
            throw RuntimeError("nothing in '\(file)' ran: it has syntax errors", at: c.span(of: "file"),
                               hint: "fix the lines shown above, then run it again")
        case .runtimeError:
            return .runtimeError
        case .interrupted:
            say("stopped \(file) by Ctrl-C")
            return .interrupted
        }
    }

    /// A script's text, or an error that says what is wrong with the file.
    func scriptText(_ file: String, at span: SourceSpan) throws(RuntimeError) -> String {
        let path = try checkedPath(file, writing: true, at: span)  // running another script counts as a write
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw RuntimeError("cannot read '\(file)': no such file", at: span, hint: similarFile(file, ending: ".basin"))
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw RuntimeError("cannot read '\(file)': \(isDirectory.boolValue ? "it is a directory" : "permission denied")", at: span)
        }
        guard data.count <= 10 << 20, !data.contains(0) else {
            throw RuntimeError("'\(file)' is not a Basin script (binary, or over 10 MiB)", at: span)
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// A file's bytes (weights to load), or an error that says what is wrong with the file.
    func readBytes(_ file: String, at span: SourceSpan, limit: Int) throws(RuntimeError) -> [UInt8] {
        let path = try checkedPath(file, writing: false, at: span)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            let ending = "." + ((file as NSString).pathExtension.isEmpty ? "safetensors" : (file as NSString).pathExtension)
            throw RuntimeError("cannot read '\(file)': no such file", at: span, hint: similarFile(file, ending: ending))
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard !isDirectory.boolValue, size <= limit else {
            throw RuntimeError("cannot read '\(file)': \(isDirectory.boolValue ? "it is a directory" : "it is over \(formatBytes(limit))")", at: span)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuntimeError("cannot read '\(file)': permission denied", at: span)
        }
        return [UInt8](data)
    }

    /// "did you mean 'x.basin'?" among the files with the same ending next to a missing one.
    func similarFile(_ file: String, ending: String) -> String {
        let folder = (file as NSString).deletingLastPathComponent
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: resolvePath(folder.isEmpty ? "." : folder))) ?? []
        let scripts = entries.filter { $0.hasSuffix(ending) }.map { folder.isEmpty ? $0 : folder + "/" + $0 }
        if let near = suggest(file, among: scripts) { return "did you mean '\(near)'?" }
        return "paths are relative to the directory Basin was started in"
    }

    // MARK: history, later commands

    /// The numbered inputs of this session (typed lines, or a batch script's statements).
    func historyCommand() {
        let width = String(inputHistory.count).count
        let lines = inputHistory.enumerated().map { i, entry in
            let number = String(repeating: " ", count: width - String(i + 1).count) + String(i + 1)
            let indent = String(repeating: " ", count: width + 2)
            return number + "  " + entry.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n" + indent)
        }
        say(lines.isEmpty ? "no history yet" : lines.joined(separator: "\n"))
    }

    /// A registered command the dispatch tables do not route: a bug in Basin, said as one.
    func otherCommand(_ c: CommandContext) throws(RuntimeError) {
        throw RuntimeError("'\(c.name)' is registered but has no handler (a bug in Basin)", at: c.command.verb.span,
                           hint: "please report it; 'help' lists the commands")
    }
}
