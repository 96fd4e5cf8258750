// `basin class report DIR…`: many students' lesson records read together. Per lesson and
// question: how many students reached it, answered it, and the share right (each student's first
// answer — the prediction — counts); per claim, the share of students' runs where it held; and
// where the students who did not finish stopped. Printed as tables and a chart, and written as
// CSV. Files that cannot be read, or are not lesson records, are skipped and named.
import Charts
import Diagnostics
import Foundation

public struct ClassReport: Sendable {
    /// One question or claim of a lesson, over the students.
    public struct Item: Sendable, Equatable {
        public var kind: LessonRecord.Kind
        public var line: Int
        public var section: String?
        public var text: String
        /// Students with any record at or past this line.
        public var reached: Int
        /// Students who answered (ask) or whose run checked it (expect).
        public var answered: Int
        /// Of those, right on their first answer (ask) or whose last check held (expect).
        public var right: Int
        /// The key the first answering student's run computed (keys differ by seed).
        public var key: String?

        public var shareRight: Double? { answered > 0 ? Double(right) / Double(answered) : nil }
    }

    /// Where students who did not finish stopped, and how many.
    public struct Stop: Sendable, Equatable {
        public var line: Int
        public var section: String?
        public var students: Int
    }

    public struct Lesson: Sendable, Equatable {
        public var name: String
        public var students: Int
        public var finished: Int
        public var items: [Item]
        public var stops: [Stop]
    }

    /// A file or line that was not used, and why.
    public struct Skipped: Sendable, Equatable {
        public var path: String
        public var reason: String
    }

    public var lessons: [Lesson] = []
    public var skipped: [Skipped] = []
    /// Lines inside record files that are not records (a line cut short by a kill, an edit).
    public var badLines: [Skipped] = []
    public var files = 0
    public var records = 0
    /// Distinct students over every lesson.
    public var students = 0

    /// Skipped files named one by one; the rest are counted (a folder of journals is long).
    static let skippedShown = 10

    /// Files larger than this are not records a class makes: skipped (a hostile or wrong file).
    static let maxFileBytes = 64 << 20

    /// Reads every `*.jsonl` below the directories (and files named directly) and builds the report.
    public static func read(_ paths: [String]) -> ClassReport {
        var report = ClassReport()
        var all: [LessonRecord] = []
        for file in recordFiles(paths, skipped: &report.skipped) {
            switch load(file) {
            case .unusable(let reason): report.skipped.append(Skipped(path: file, reason: reason))
            case .records(let records, let bad):
                report.files += 1
                report.badLines += bad.map { Skipped(path: "\(file):\($0)", reason: "not a lesson record") }
                all += records
            }
        }
        report.records = all.count
        report.students = Set(all.map(\.student)).count
        report.lessons = build(all)
        return report
    }

    /// The files to read: named files as they are, directories walked for `*.jsonl` (other files
    /// there are skipped and named).
    static func recordFiles(_ paths: [String], skipped: inout [Skipped]) -> [String] {
        var files: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                skipped.append(Skipped(path: path, reason: "no such file or directory"))
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            guard let walker = fm.enumerator(atPath: path) else {
                skipped.append(Skipped(path: path, reason: "cannot read the directory"))
                continue
            }
            var found: [String] = []
            while let name = walker.nextObject() as? String {
                let full = (path as NSString).appendingPathComponent(name)
                var sub: ObjCBool = false
                guard fm.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue else { continue }
                if name.hasSuffix(".jsonl") {
                    found.append(full)
                } else {
                    skipped.append(Skipped(path: full, reason: "not a lesson record (.jsonl)"))
                }
            }
            files += found.sorted()
        }
        return files
    }

    /// One file's records and the numbers of its lines that are not records; a failure when the
    /// file cannot be read or none of its lines is a record.
    enum Loaded {
        case records([LessonRecord], badLines: [Int])
        case unusable(String)
    }

    static func load(_ file: String) -> Loaded {
        guard let handle = FileHandle(forReadingAtPath: file) else {
            return .unusable(FileManager.default.fileExists(atPath: file) ? "permission denied" : "no such file")
        }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.read(upToCount: maxFileBytes + 1) ?? Data() } catch {
            return .unusable("cannot read: \(error.localizedDescription)")
        }
        guard data.count <= maxFileBytes else { return .unusable("larger than \(maxFileBytes >> 20) MiB") }
        guard !data.contains(0) else { return .unusable("a binary file, not a lesson record") }
        var records: [LessonRecord] = []
        var bad: [Int] = []
        for (i, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
        {
            if line.allSatisfy(\.isWhitespace) { continue }
            if let r = LessonRecord(jsonLine: line) { records.append(r.terminalSafe) } else { bad.append(i + 1) }
        }
        if records.isEmpty {
            return .unusable(bad.isEmpty ? "empty" : "not a lesson record (line \(bad[0]) is not one)")
        }
        return .records(records, badLines: bad)
    }

    /// Lessons in name order; each student's records in the order they were written.
    static func build(_ records: [LessonRecord]) -> [Lesson] {
        let byLesson = Dictionary(grouping: records, by: \.lesson)
        return byLesson.keys.sorted().map { name in
            let lessonRecords = byLesson[name]!
            let byStudent = Dictionary(grouping: lessonRecords, by: \.student)
            // Questions and claims keyed by kind and text, placed at the line they were last seen on.
            struct Key: Hashable {
                var kind: LessonRecord.Kind
                var text: String
            }
            var items: [Key: Item] = [:]
            for r in lessonRecords where r.kind == .ask || r.kind == .expect {
                let key = Key(kind: r.kind, text: r.question ?? "")
                if items[key] == nil {
                    items[key] = Item(
                        kind: r.kind, line: r.line, section: r.section, text: key.text, reached: 0, answered: 0, right: 0,
                        key: nil)
                }
            }
            var finished = 0
            var stops: [String: Stop] = [:]
            for (_, rs) in byStudent {
                let furthest = rs.map(\.line).max() ?? 0
                for key in items.keys where items[key]!.line <= furthest || rs.contains(where: { $0.kind == .end }) {
                    items[key]!.reached += 1
                }
                for key in items.keys {
                    let mine = rs.filter { $0.kind == key.kind && ($0.question ?? "") == key.text }
                    if key.kind == .ask {
                        guard let first = mine.first(where: { !($0.answer ?? "").isEmpty }) else { continue }
                        items[key]!.answered += 1
                        if first.right == true { items[key]!.right += 1 }
                        if items[key]!.key == nil { items[key]!.key = first.key }
                    } else if let last = mine.last {
                        items[key]!.answered += 1
                        if last.right == true { items[key]!.right += 1 }
                    }
                }
                // The student's last run: from their last start to the end of their records.
                let run = rs.lastIndex { $0.kind == .start }.map { Array(rs[$0...]) } ?? rs
                if run.contains(where: { $0.kind == .end }) {
                    finished += 1
                } else if let last = run.last(where: { $0.kind != .start }) ?? run.last {
                    let id = "\(last.line)"
                    stops[id, default: Stop(line: last.line, section: last.section, students: 0)].students += 1
                }
            }
            return Lesson(
                name: name, students: byStudent.count, finished: finished,
                items: items.values.sorted { ($0.line, $0.kind.rawValue, $0.text) < ($1.line, $1.kind.rawValue, $1.text) },
                stops: stops.values.sorted { $0.line < $1.line })
        }
    }

    // MARK: Showing it

    /// "63 %" (no answers: "–").
    static func percent(_ share: Double?) -> String {
        share.map { "\(Int(($0 * 100).rounded())) %" } ?? "–"
    }

    static func place(_ line: Int, _ section: String?) -> String {
        (section.map { "\"\($0)\", " } ?? "") + "line \(line)"
    }

    /// The report as text, tables and charts, in reading order.
    public var outputs: [Output] {
        var out: [Output] = []
        out.append(
            .text(
                "Class report: \(lessons.count) lesson\(lessons.count == 1 ? "" : "s"), \(students) "
                    + "student\(students == 1 ? "" : "s"), \(records) records from \(files) file\(files == 1 ? "" : "s")"))
        for lesson in lessons {
            var head =
                "\(lesson.name): \(lesson.students) student\(lesson.students == 1 ? "" : "s"), \(lesson.finished) finished"
            let stopped = lesson.stops.reduce(0) { $0 + $1.students }
            if stopped > 0 {
                head +=
                    ", \(stopped) stopped ("
                    + lesson.stops.map { "\($0.students) at \(Self.place($0.line, $0.section))" }.joined(separator: "; ") + ")"
            }
            out.append(.text(head))
            let questions = lesson.items.filter { $0.kind == .ask }
            if !questions.isEmpty {
                let rows = questions.enumerated().map { i, item in
                    [
                        "Q\(i + 1)", "\(item.line)", item.text, "\(item.reached)", "\(item.answered)",
                        Self.percent(item.shareRight), item.key ?? "",
                    ]
                }
                out.append(
                    .chart(
                        .table(
                            Table(
                                columns: [
                                    .init("#"), .init("line", alignment: .right), .init("question"),
                                    .init("reached", alignment: .right), .init("answered", alignment: .right),
                                    .init("right", alignment: .right), .init("key (first)"),
                                ], rows: rows))))
                let answered = questions.enumerated().filter { $0.element.answered > 0 }
                if !answered.isEmpty {
                    out.append(
                        .chart(
                            .bars(
                                BarChart(
                                    title: "\(lesson.name): % right on the first answer (full width: 100 %)",
                                    labels: answered.map { "Q\($0.offset + 1)" },
                                    values: answered.map { (100 * ($0.element.shareRight ?? 0)).rounded() }, maximum: 100))))
                }
            }
            let claims = lesson.items.filter { $0.kind == .expect }
            if !claims.isEmpty {
                let rows = claims.map { item in
                    ["\(item.line)", item.text, "\(item.answered)", Self.percent(item.shareRight)]
                }
                out.append(
                    .chart(
                        .table(
                            Table(
                                title: "claims checked on the students' runs",
                                columns: [
                                    .init("line", alignment: .right), .init("claim"), .init("runs", alignment: .right),
                                    .init("held", alignment: .right),
                                ], rows: rows))))
            }
        }
        if !skipped.isEmpty {
            out.append(
                .text(
                    "skipped \(skipped.count) file\(skipped.count == 1 ? "" : "s"):\n"
                        + skipped.prefix(Self.skippedShown).map { "  \($0.path): \($0.reason)" }.joined(separator: "\n")
                        + (skipped.count > Self.skippedShown ? "\n  … and \(skipped.count - Self.skippedShown) more" : "")))
        }
        if !badLines.isEmpty {
            let shown = badLines.prefix(5).map(\.path).joined(separator: ", ")
            out.append(
                .text(
                    "skipped \(badLines.count) line\(badLines.count == 1 ? " that is not a record" : "s that are not records"): \(shown)"
                        + (badLines.count > 5 ? ", …" : "")))
        }
        return out
    }

    /// The report as CSV: a row per question or claim, and a row per place students stopped.
    public var csv: String {
        var lines = ["lesson,kind,line,section,text,students,reached,answered,right,share_right,key"]
        for lesson in lessons {
            lines.append(
                [lesson.name, "finished", "", "", "", "\(lesson.students)", "", "\(lesson.finished)", "", "", ""]
                    .map(Self.csvField).joined(separator: ","))
            for item in lesson.items {
                lines.append(
                    [
                        lesson.name, item.kind.rawValue, "\(item.line)", item.section ?? "", item.text,
                        "\(lesson.students)", "\(item.reached)", "\(item.answered)", "\(item.right)",
                        item.shareRight.map { String(format: "%.4f", $0) } ?? "", item.key ?? "",
                    ].map(Self.csvField).joined(separator: ","))
            }
            for stop in lesson.stops {
                lines.append(
                    [
                        lesson.name, "stopped", "\(stop.line)", stop.section ?? "", "", "\(stop.students)", "", "", "", "", "",
                    ].map(Self.csvField).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180). A field that a
    /// spreadsheet would run as a formula (=, +, -, @) is prefixed with a quote mark.
    static func csvField(_ text: String) -> String {
        var t = text
        if let first = t.first, "=+-@".contains(first), Double(t) == nil { t = "'" + t }
        guard t.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return t }
        return "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension LessonRecord {
    /// The record with control characters in its text replaced: files are read from many
    /// students, and their text reaches the teacher's terminal.
    var terminalSafe: LessonRecord {
        var r = self
        r.lesson = TerminalSafe.text(lesson)
        r.student = TerminalSafe.text(student)
        r.section = section.map(TerminalSafe.text)
        r.question = question.map(TerminalSafe.text)
        r.answer = answer.map(TerminalSafe.text)
        r.key = key.map(TerminalSafe.text)
        return r
    }
}
