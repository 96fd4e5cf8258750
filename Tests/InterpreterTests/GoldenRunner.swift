// Runs a golden `.basin` script in a fresh Session and returns its transcript as text.
//
// Each top-level statement (a line, or lines joined by an open `{ … }` block) is executed like a
// line typed into line mode: echoed as `basin> …`, followed by its outputs formatted by
// `OutputFormatter` (80 columns, ASCII glyphs, no colour). Errors stop their statement only.
// A script whose first line is `# golden: batch` runs as `basin run` does instead — parsed
// whole, stopping at the first error — and its transcript ends with the exit code.
// Progress bars are not recorded (they carry timing); nothing here reads a clock.
import Charts
import Foundation
import Interpreter
import Language

/// A host with no reader: `ask` records its question, `pause` records nothing (as batch does).
final class RecordingHost: SessionHost {
    let formatter = OutputFormatter(
        environment: TerminalEnvironment(
            environment: ["LANG": "C", "NO_COLOR": "1", "COLUMNS": "80"], isTerminal: false))
    var lines: [String] = []

    var width: Int { formatter.environment.width }

    func emit(_ output: Output) {
        if case .clear = output { return }
        record(formatter.format(output))
    }

    func progress(_ update: LiveUpdate) {}
    func finishedProgress(_ update: LiveUpdate) {}
    func ask(_ question: String) -> String? { record(question); return nil }
    func pause(next: String?) -> PauseReply { .resume }

    /// Lines with trailing spaces removed, so transcripts diff cleanly.
    func record(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var s = Substring(line)
            while s.last == " " { s = s.dropLast() }
            lines.append(String(s))
        }
    }
}

struct GoldenRunner {
    /// The script's file name, as diagnostics show it.
    let name: String
    let text: String
    /// The session's directory (fixtures copied in, `save` writes under it).
    let directory: String

    func transcript() -> String {
        let host = RecordingHost()
        let session = Session(host: host, settings: SessionSettings(directory: directory))
        if text.hasPrefix("# golden: batch") {
            let status = session.execute(text, file: name)
            host.lines.append("(exit \(Self.exitCode(status)))")
        } else {
            for chunk in GoldenChunks.split(text) {
                host.lines += chunk.lines.enumerated().map { ($0.offset == 0 ? "basin> " : "     | ") + $0.element }
                // Leading newlines keep the statement on its own line number for diagnostics.
                let padded = String(repeating: "\n", count: chunk.firstLine) + chunk.lines.joined(separator: "\n")
                if session.execute(padded, file: name) == .quit { break }
            }
        }
        return host.lines.joined(separator: "\n") + "\n"
    }

    /// The exit code `basin run` gives for a status.
    static func exitCode(_ status: ExecutionStatus) -> Int { Int(ExitCode.of(status)) }
}

/// Top-level statements of a script by lines: a chunk ends at a line end outside braces,
/// strings and comments. Blank and comment-only lines belong to no chunk.
enum GoldenChunks {
    struct Chunk {
        var firstLine: Int
        var lines: [String]
    }

    static func split(_ text: String) -> [Chunk] {
        var chunks: [Chunk] = []
        var current: Chunk?
        var depth = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let code = String(line)
            if current == nil && isBlankOrComment(code) { continue }
            current = current ?? Chunk(firstLine: index, lines: [])
            current?.lines.append(code)
            if !(current?.lines.count == 1 && code.trimmingCharacters(in: .whitespaces).hasPrefix(">")) {
                depth += Script.braceBalance(of: code)
            }
            if depth <= 0, let done = current {
                chunks.append(done)
                current = nil
                depth = 0
            }
        }
        if let current { chunks.append(current) }
        return chunks
    }

    static func isBlankOrComment(_ line: String) -> Bool {
        let t = line.trimmingCharacters(in: .whitespaces)
        return t.isEmpty || t.hasPrefix("#")
    }

}
