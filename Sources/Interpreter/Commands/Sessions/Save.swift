// save NAME: the commands that ran and change state, as sessions/NAME.basin.
import Foundation

struct SaveCommand: RunnableCommand {
    var name = ""

    static var declaration: Declaration<SaveCommand> {
        Declaration(
            "save", category: "Sessions", summary: "write sessions/NAME.basin: the commands that ran", replayable: false,
            examples: ["save lesson1"],
            .slot(\.name, "name", .text, required: true, placeholder: "NAME", help: "a session name"))
    }

    func run(_ s: Session, _ c: Context<SaveCommand>) throws(RuntimeError) -> ExecutionStatus {
        let bare = name.hasSuffix(".basin") ? String(name.dropLast(6)) : name
        let directory = s.settings.sessionsDirectory
        guard Self.isSessionName(bare) else {
            throw RuntimeError(SessionRefusal.badSessionName(name: name, directory: s.shown(directory)), at: c.span(\.name))
        }
        let path = try s.checkedPath(directory + "/" + bare + ".basin", writing: true, at: c.span(\.name))
        let existed = FileManager.default.fileExists(atPath: path)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw RuntimeError(
                FileRefusal.cannotMakeDirectory(
                    path: s.shown(path), directory: s.shown(directory), reason: error.localizedDescription), at: c.span)
        }
        // Atomic (temporary file, sync, rename): a kill leaves the old session or the new one.
        try s.write(Array(Self.text(of: s, named: bare).utf8), to: path, at: c.span(\.name))
        let count = s.transcript.count
        s.say(
            "saved \(count) command\(count == 1 ? "" : "s") to \(s.shown(path))\(existed ? " (replacing the previous version)" : "")"
        )
        return .ok
    }

    /// A plain file name: no path separators, not hidden, no control characters.
    static func isSessionName(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 100, !name.hasPrefix("."), !name.hasPrefix("-") else { return false }
        return !name.unicodeScalars.contains { $0 == "/" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F }
    }

    /// The header and the transcript. It starts from the seed a fresh session has (0) unless
    /// the transcript sets its own first, so a replay inside another session draws the same numbers.
    static func text(of s: Session, named name: String) -> String {
        let path = s.shown(s.settings.sessionsDirectory + "/" + name + ".basin")
        var lines = [
            "# Basin session '\(name)': the commands that ran successfully and change state.",
            "# Replay: `basin run \(path)`, or `run \"\(path)\"` inside a session. Relative file",
            "# names are read from the directory Basin was started in.", "",
        ]
        if !(s.transcript.first?.hasPrefix("seed ") ?? false) { lines.append("seed 0") }
        lines += s.transcript
        return lines.joined(separator: "\n") + "\n"
    }
}
