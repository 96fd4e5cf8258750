// What makes a script a lesson, for its records: a `.basin` file that asks, predicts, reveals or
// checks claims. Its name is the file's name without `.basin`; its sections are its
// `section "TITLE"` lines.
import Diagnostics
import Language

enum Lessons {
    /// The verbs that make a script a lesson.
    static let verbs: Set<String> = ["ask", "predict", "reveal", "expect"]

    /// The lesson name of a file's source ("regularization"); nil for typed text or a non-.basin file.
    static func name(of source: SourceFile) -> String? {
        guard source.name.hasSuffix(".basin") else { return nil }
        let base = source.name.split(separator: "/").last.map(String.init) ?? source.name
        let name = String(base.dropLast(".basin".count))
        return name.isEmpty ? nil : name
    }

    /// The lesson name when `statements` ask, predict, reveal or check a claim.
    static func name(of source: SourceFile, _ statements: [Statement]) -> String? {
        guard let name = name(of: source) else { return nil }
        let isLesson = statements.contains { statement in
            if case .command(let c) = statement.kind { return verbs.contains(c.verb.name) }
            return false
        }
        return isLesson ? name : nil
    }

    /// The title of the last `section "…"` at or before `line` of `source`.
    static func section(in source: SourceFile, before line: Int) -> String? {
        var title: String?
        for (i, text) in source.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard i < line else { break }
            let t = text.drop { $0 == " " || $0 == "\t" }
            guard t.hasPrefix("section "), let open = t.firstIndex(of: "\""),
                let close = t[t.index(after: open)...].firstIndex(of: "\"")
            else { continue }
            title = String(t[t.index(after: open)..<close])
        }
        return title
    }
}
