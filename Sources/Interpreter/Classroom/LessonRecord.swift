// A student's lesson record: one JSON object a line in `$XDG_STATE_HOME/basin/lessons/NAME.jsonl`
// — when a lesson started, every answer to an `ask` (the question, the reply, the key, right or
// wrong), every `expect` checked (the claim, whether it held), and how the lesson ended. A
// teacher collects the files (a shared directory, or copies) and `basin class report` reads them.
// Lines are appended with one write each, so a record killed mid-lesson keeps every whole line.
import Foundation

/// One event of a lesson, as written to a record file.
public struct LessonRecord: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// The lesson began (each run of it begins again).
        case start
        /// An `ask` was answered (or skipped: `answer` empty).
        case ask
        /// An `expect` was checked on the student's run.
        case expect
        /// The lesson ran to its end.
        case end
        /// The lesson stopped before its end: an error, Ctrl-C, or the student left.
        case stop
    }

    /// When, as ISO 8601 in UTC (`2026-12-05T09:14:03Z`).
    public var time: String
    /// The lesson: its file's name without `.basin`.
    public var lesson: String
    /// Who: the login name ($USER) of the student who ran it.
    public var student: String
    public var kind: Kind
    /// The line of the lesson file the event came from (0 when it concerns the whole lesson).
    public var line: Int
    /// The section the line is in (the last `section "…"` before it), if the lesson has sections.
    public var section: String?
    /// The question asked, or the claim checked.
    public var question: String?
    /// The reply as typed.
    public var answer: String?
    /// The right answer, computed from the student's run.
    public var key: String?
    /// Whether the reply was right (within the question's tolerance), or the claim held.
    public var right: Bool?

    public init(
        time: String, lesson: String, student: String, kind: Kind, line: Int, section: String? = nil,
        question: String? = nil, answer: String? = nil, key: String? = nil, right: Bool? = nil
    ) {
        self.time = time
        self.lesson = lesson
        self.student = student
        self.kind = kind
        self.line = line
        self.section = section
        self.question = question
        self.answer = answer
        self.key = key
        self.right = right
    }

    /// The record as one line of JSON (keys sorted, no newline).
    public var jsonLine: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// A record read back from one line; nil when the line is not one.
    public init?(jsonLine: Substring) {
        guard let record = try? JSONDecoder().decode(LessonRecord.self, from: Data(jsonLine.utf8)),
            !record.lesson.isEmpty
        else { return nil }
        self = record
    }

    /// Now, as records write it.
    public static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

/// Appends a student's records to `DIRECTORY/NAME.jsonl`. A record that cannot be written is
/// said once (`problem`) and never stops the lesson.
public final class LessonRecorder: @unchecked Sendable {
    public let directory: String
    public let student: String
    /// Why records cannot be written, when they cannot; the session says it once.
    public private(set) var problem: String?

    public init(directory: String, student: String) {
        self.directory = directory
        self.student = student
    }

    /// `$XDG_STATE_HOME/basin/lessons`, for the student named by $USER (or $LOGNAME).
    public convenience init(environment: [String: String]) {
        let student = [environment["USER"], environment["LOGNAME"]].compactMap { $0 }.first { !$0.isEmpty } ?? "student"
        self.init(directory: StateDirectory.path(environment: environment) + "/lessons", student: student)
    }

    /// The file a lesson's records go to.
    public func path(lesson: String) -> String { directory + "/" + lesson + ".jsonl" }

    /// Appends `record` (its `student` and `time` filled in here) with one write.
    public func append(_ record: LessonRecord) {
        var record = record
        record.student = student
        if record.time.isEmpty { record.time = LessonRecord.timestamp() }
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            problem = "cannot create \(directory): \(error.localizedDescription)"
            return
        }
        let fd = open(path(lesson: record.lesson), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            problem = "cannot write \(path(lesson: record.lesson)): " + String(cString: strerror(errno)).lowercased()
            return
        }
        defer { close(fd) }
        let bytes = Array((record.jsonLine + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if written != bytes.count {
            problem = "cannot write \(path(lesson: record.lesson)): " + String(cString: strerror(errno)).lowercased()
        }
    }
}
