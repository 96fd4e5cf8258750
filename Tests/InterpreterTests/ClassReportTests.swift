// Lesson records and `basin class report`: records round-trip through their JSON lines and
// survive a kill mid-line; the report counts each student's first answer, each claim's last
// check and where students stopped, and skips foreign, binary and unreadable files by name.
import Foundation
import TestSupport
import Testing

@testable import Interpreter

@Suite("Lesson records and the class report")
struct ClassReportTests {
    static func record(
        _ student: String, _ kind: LessonRecord.Kind, line: Int, _ question: String? = nil, answer: String? = nil,
        key: String? = nil, right: Bool? = nil, section: String? = nil, lesson: String = "reg"
    ) -> LessonRecord {
        LessonRecord(
            time: "2026-12-05T09:00:00Z", lesson: lesson, student: student, kind: kind, line: line, section: section,
            question: question, answer: answer, key: key, right: right)
    }

    /// Writes each student's records as `DIR/STUDENT/LESSON.jsonl` and returns DIR.
    static func classDirectory(_ records: [LessonRecord], extra: [String: [UInt8]] = [:]) -> String {
        let dir = TestDirectories.make("class")
        for (student, rs) in Dictionary(grouping: records, by: \.student) {
            let recorder = LessonRecorder(directory: dir + "/" + student, student: student)
            for r in rs { recorder.append(r) }
        }
        for (name, bytes) in extra { _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: Data(bytes)) }
        return dir
    }

    static let q1 = "Which net has the largest gap?"
    static let q2 = "What accuracy did l2 reach (%)?"
    static let claim = "l2.val.acc > big.val.acc"

    /// Three students: alice finishes right, bob answers wrong then right and stops at line 33,
    /// carol finishes with Q2 wrong and the claim failing on her run.
    static var classRecords: [LessonRecord] {
        [
            record("alice", .start, line: 0), record("alice", .ask, line: 20, q1, answer: "big", key: "big", right: true),
            record("alice", .expect, line: 25, claim, right: true),
            record("alice", .ask, line: 40, q2, answer: "80", key: "81.2", right: true), record("alice", .end, line: 60),
            record("bob", .start, line: 0), record("bob", .ask, line: 20, q1, answer: "l2", key: "big", right: false),
            record("bob", .ask, line: 20, q1, answer: "big", key: "big", right: true),
            record("bob", .expect, line: 25, claim, right: true), record("bob", .stop, line: 33, section: "Dropout"),
            record("carol", .start, line: 0), record("carol", .ask, line: 20, q1, answer: "big", key: "big", right: true),
            record("carol", .expect, line: 25, claim, right: false),
            record("carol", .ask, line: 40, q2, answer: "", key: "79.9", right: false),
            record("carol", .end, line: 60),
        ]
    }

    @Test("a record survives its JSON line, quotes, newlines and all")
    func roundTrip() throws {
        let r = Self.record("ann", .ask, line: 7, "Say \"hi\"\nthen go", answer: "a,b", key: "k", right: false, section: "Two")
        let back = try #require(LessonRecord(jsonLine: Substring(r.jsonLine)))
        #expect(back == r)
        #expect(!r.jsonLine.contains("\n"), "one record is one line")
        #expect(LessonRecord(jsonLine: "{\"a\": 1}") == nil, "foreign JSON is not a record")
        #expect(LessonRecord(jsonLine: "{\"time\":\"x\",\"les") == nil, "a line cut short is not a record")
    }

    @Test("the recorder appends a line per record under the lesson's name, and says when it cannot")
    func recorder() throws {
        let dir = TestDirectories.make("records")
        let recorder = LessonRecorder(directory: dir + "/lessons", student: "ann")
        recorder.append(Self.record("someone else", .start, line: 0, lesson: "depth"))
        recorder.append(Self.record("x", .end, line: 9, lesson: "depth"))
        let text = try String(contentsOfFile: dir + "/lessons/depth.jsonl", encoding: .utf8)
        let lines = text.split(separator: "\n").compactMap { LessonRecord(jsonLine: $0) }
        #expect(lines.map(\.kind) == [.start, .end])
        #expect(lines.allSatisfy { $0.student == "ann" }, "the recorder says who the student is")
        #expect(recorder.problem == nil)

        FileManager.default.createFile(atPath: dir + "/file", contents: Data("x".utf8))
        let blocked = LessonRecorder(directory: dir + "/file/lessons", student: "ann")
        blocked.append(Self.record("ann", .start, line: 0))
        #expect(blocked.problem?.contains("cannot create") == true, "\(blocked.problem ?? "no problem said")")
    }

    @Test("the report counts first answers, last checks, who reached what and where students stopped")
    func counts() throws {
        let report = ClassReport.read([Self.classDirectory(Self.classRecords)])
        #expect(report.students == 3 && report.files == 3 && report.skipped.isEmpty)
        let lesson = try #require(report.lessons.first)
        #expect(lesson.name == "reg" && lesson.students == 3 && lesson.finished == 2)
        #expect(lesson.stops == [ClassReport.Stop(line: 33, section: "Dropout", students: 1)])
        let q1 = try #require(lesson.items.first { $0.text == Self.q1 })
        #expect(q1.reached == 3 && q1.answered == 3)
        #expect(q1.right == 2, "bob's first answer was wrong; answering again does not change it")
        let q2 = try #require(lesson.items.first { $0.text == Self.q2 })
        #expect(q2.reached == 2, "bob stopped at line 33, before Q2 at line 40")
        #expect(q2.answered == 1 && q2.right == 1, "carol left Q2 empty: not an answer")
        let claim = try #require(lesson.items.first { $0.kind == .expect })
        #expect(claim.answered == 3 && claim.right == 2)
    }

    @Test("a student who starts again is judged on the last run for where they stopped")
    func startAgain() throws {
        let records = [
            Self.record("dan", .start, line: 0), Self.record("dan", .stop, line: 12),
            Self.record("dan", .start, line: 0), Self.record("dan", .end, line: 60),
            Self.record("eve", .start, line: 0), Self.record("eve", .end, line: 60),
            Self.record("eve", .start, line: 0), Self.record("eve", .stop, line: 30, section: "Two"),
        ]
        let lesson = try #require(ClassReport.read([Self.classDirectory(records)]).lessons.first)
        #expect(lesson.finished == 1)
        #expect(lesson.stops == [ClassReport.Stop(line: 30, section: "Two", students: 1)])
    }

    @Test("foreign, binary, cut-short and missing files are skipped and named")
    func skips() throws {
        var bytes = Array(Self.record("zed", .start, line: 0).jsonLine.utf8) + [10]
        bytes += Array("{\"time\":\"2026".utf8)  // killed mid-line
        let dir = Self.classDirectory(
            Self.classRecords,
            extra: [
                "zed.jsonl": bytes, "notes.txt": Array("hello".utf8), "foreign.jsonl": Array("{\"a\": 1}\n".utf8),
                "binary.jsonl": [0, 1, 2, 3],
            ])
        let report = ClassReport.read([dir, dir + "/nothing-here"])
        let reasons = Dictionary(
            uniqueKeysWithValues: report.skipped.map { (($0.path as NSString).lastPathComponent, $0.reason) })
        #expect(reasons["notes.txt"]?.contains("not a lesson record") == true)
        #expect(reasons["foreign.jsonl"]?.contains("line 1") == true)
        #expect(reasons["binary.jsonl"]?.contains("binary") == true)
        #expect(reasons["nothing-here"] == "no such file or directory")
        #expect(report.badLines.map(\.path) == [dir + "/zed.jsonl:2"])
        #expect(report.students == 4, "zed's whole line counts")
        let text = report.outputs.compactMap { if case .text(let t) = $0 { t } else { nil } }.joined(separator: "\n")
        #expect(text.contains("skipped 4 files") && text.contains("1 line that is not a record"), "\(text)")
    }

    @Test("the CSV has a row per question, claim and stopping place, quoted where it must be")
    func csv() throws {
        var records = Self.classRecords
        records.append(Self.record("fay", .ask, line: 50, "=HYPERLINK(\"x\"), ok?", answer: "1", key: "1", right: true))
        let csv = ClassReport.read([Self.classDirectory(records)]).csv
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "lesson,kind,line,section,text,students,reached,answered,right,share_right,key")
        #expect(lines.contains("reg,ask,20,,Which net has the largest gap?,4,4,3,2,0.6667,big"), "\(csv)")
        #expect(lines.contains("reg,expect,25,,l2.val.acc > big.val.acc,4,4,3,2,0.6667,"), "\(csv)")
        #expect(lines.contains("reg,stopped,33,Dropout,,1,,,,,"), "\(csv)")
        #expect(csv.contains("\"'=HYPERLINK(\"\"x\"\"), ok?\""), "a formula is defused and the field quoted: \(csv)")
    }

    @Test("text from students' files reaches the terminal without control characters")
    func terminalSafe() throws {
        let hostile = Self.record("m\u{1B}]0;owned\u{07}", .ask, line: 3, "Q\u{1B}[2J?", answer: "a", key: "a", right: true)
        let report = ClassReport.read([Self.classDirectory([hostile])])
        let item = try #require(report.lessons.first?.items.first)
        #expect(!item.text.unicodeScalars.contains { $0.value == 0x1B }, "\(item.text)")
    }
}
