// predict / reveal, sections, and the lesson records a session keeps: an answer, its key and
// whether it was right; each claim checked; where the lesson started, ended or stopped.
import Datasets
import Foundation
import TestSupport
import Testing

@testable import Interpreter

@Suite("Predict, reveal and lesson records")
struct LessonRecordingTests {
    static let lesson = """
        section "Two nets"
        data d = spiral n=300
        net a = dense 32 relu, dense 3
        net b = dense 4 relu, dense 3
        predict "Which will have more parameters?" choices=(a, b)
        predict "How many parameters will b have?"
        train a epochs=2
        train b epochs=2
        reveal answer=most(params)
        section "Numbers"
        reveal answer=b.params within=2
        expect a.params > b.params
        expect a.params < b.params
        """

    /// Runs `text` as the file `name` with a reader who replies `reply`, recording into a scratch
    /// directory; returns what was said and the records.
    static func run(
        _ text: String, name: String = "lessons/two.basin", reply: String?
    ) -> (lines: [String], records: [LessonRecord], status: ExecutionStatus) {
        let dir = TestDirectories.make("lesson-records")
        let host = AnsweringHost(reply: reply)
        let session = Session(
            host: host, settings: SessionSettings(lessonRecorder: LessonRecorder(directory: dir, student: "ann")))
        let status = session.execute(text, file: name)
        let stem = (name as NSString).lastPathComponent.replacingOccurrences(of: ".basin", with: "")
        let file = (try? String(contentsOfFile: dir + "/\(stem).jsonl", encoding: .utf8)) ?? ""
        return (host.lines, file.split(separator: "\n").compactMap { LessonRecord(jsonLine: $0) }, status)
    }

    @Test("a prediction is judged after the run, against the run's own numbers, and recorded")
    func predictThenReveal() throws {
        let (lines, records, status) = Self.run(Self.lesson, reply: "a")
        #expect(status == .ok)
        #expect(lines.contains("Which will have more parameters?\n  right: a (params: a 195, b 27)"), "\(lines)")
        #expect(lines.contains("How many parameters will b have?\n  'a' is not a number; the answer: 27 (±2)"), "\(lines)")
        #expect(records.map(\.kind) == [.start, .ask, .ask, .expect, .expect, .end])
        let first = records[1]
        #expect(first.question == "Which will have more parameters?" && first.answer == "a" && first.key == "a")
        #expect(first.right == true && first.line == 5 && first.section == "Two nets")
        #expect(records[2].right == false && records[2].key == "27" && records[2].section == "Two nets")
        #expect(records[3].question == "a.params > b.params" && records[3].right == true && records[3].section == "Numbers")
        #expect(records[4].right == false)
        #expect(records.allSatisfy { $0.student == "ann" && $0.lesson == "two" })
    }

    @Test("a lesson that stops records where; batch (no reader) records no answers")
    func stopsAndBatch() throws {
        let stopped = Self.run("predict \"?\" choices=(a, b)\ntrain nosuch\nreveal answer=most(params)", reply: "a")
        #expect(stopped.status == .runtimeError)
        #expect(stopped.records.map(\.kind) == [.start, .stop] && stopped.records.last?.line == 2)
        let batch = Self.run(Self.lesson, reply: nil)
        #expect(batch.lines.contains("Which will have more parameters?\n  answer: a (params: a 195, b 27)"))
        #expect(!batch.records.contains { $0.kind == .ask }, "no reader, no answers")
    }

    @Test("typed text and scripts without questions or claims are not lessons")
    func notLessons() {
        #expect(Self.run("data d = moons", reply: "x").records.isEmpty)
        #expect(Self.run("predict \"?\"", name: "", reply: "x").records.isEmpty)
    }

    @Test("reveal without a prediction, or without answer=, is refused with an example")
    func refusals() {
        let host = AnsweringHost(reply: nil)
        let session = Session(host: host)
        #expect(session.execute("reveal answer=1") == .runtimeError)
        #expect(session.execute("predict \"?\" choices=(a, b)\nreveal") == .runtimeError)
        #expect(session.execute("section \"  \"") == .runtimeError)
    }
}

@Suite("eval confusion and worst=")
struct EvalDetailsTests {
    static func run(_ text: String) -> (LookingRecorder, ExecutionStatus) {
        let recorder = LookingRecorder()
        let status = Session(host: recorder).execute(text)
        return (recorder, status)
    }

    @Test("the confusion matrix counts every example of the part, pooled over seeds")
    func confusionCounts() throws {
        let (r, status) = Self.run(
            "data d = spiral n=300 classes=3\nnet a = dense 16 relu, dense 3\ntrain a epochs=3 seeds=2\neval a confusion")
        #expect(status == .ok)
        guard case .table(let t)? = r.charts.last else {
            Issue.record("no table")
            return
        }
        #expect(t.columns.map(\.header) == ["true", "0", "1", "2", "recall"])
        let counts = t.rows.dropLast().flatMap { $0[1...3] }.map { Int($0) ?? 0 }
        #expect(counts.reduce(0, +) == 2 * 45, "45 validation examples, 2 seeds")
        #expect(r.texts.last?.contains("of 90 right") == true, "\(r.texts.last ?? "")")
    }

    @Test("worst=K lists at most K mistakes, most confident first; regression data is refused before anything prints")
    func worstAndRefusal() throws {
        let (r, _) = Self.run("data d = spiral n=300 classes=3\nnet a = dense 4 relu, dense 3\ntrain a epochs=1\neval a worst=4")
        guard case .table(let t)? = r.charts.last else {
            Issue.record("no table")
            return
        }
        #expect(t.rows.count <= 4 && !t.rows.isEmpty)
        let confidences = t.rows.map { Double($0[3].dropLast()) ?? 0 }
        #expect(confidences == confidences.sorted(by: >), "\(confidences)")
        let (regression, status) = Self.run("data s = sine n=60\nnet r = dense 4 tanh, dense 1\ntrain r epochs=1\neval r worst=3")
        #expect(status == .runtimeError)
        #expect(!regression.charts.contains { if case .table = $0 { true } else { false } }, "the refusal comes first")
    }
}

@Suite("export NET predictions")
struct ExportPredictionsTests {
    @Test("a CSV row per example: whole numbers as integers, probabilities that sum to 1 and agree with eval")
    func csv() throws {
        let f = LookingFixture()
        #expect(f.run("data d = spiral n=300 classes=3\nnet a = dense 16 relu, dense 3\ntrain a epochs=3") == .ok)
        #expect(f.run("export a predictions \"p.csv\"") == .ok)
        let lines = try String(contentsOfFile: f.path("p.csv"), encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "index,target,predicted,confidence,p_0,p_1,p_2,logit_0,logit_1,logit_2")
        #expect(lines.count == 1 + 45, "one row per validation example")
        var right = 0
        for (i, line) in lines.dropFirst().enumerated() {
            let v = line.split(separator: ",").map { Double($0)! }
            #expect(v[0] == Double(i) && v[1] == v[1].rounded() && v[2] == v[2].rounded())
            #expect(abs(v[4] + v[5] + v[6] - 1) < 1e-5, "probabilities sum to 1 (Float rounding)")
            #expect(v[3] == v[4 + Int(v[2])], "the confidence is the predicted class's probability")
            if v[1] == v[2] { right += 1 }
        }
        // eval's accuracy on the same part, from its own pass.
        f.run("eval a on val")
        guard case .table(let t)? = f.recorder.charts.last else {
            Issue.record("no eval table")
            return
        }
        #expect(t.rows[0][3] == pct(Double(right) / 45), "\(t.rows[0]) vs \(right)/45")
    }

    @Test("NPY holds the same columns as float32 [rows, columns]; a test export counts as a peek; a wrong ending is refused")
    func npy() throws {
        let f = LookingFixture()
        f.run("data d = spiral n=300 classes=3\nnet a = dense 16 relu, dense 3\ntrain a epochs=1")
        #expect(f.run("export a predictions \"p.npy\" on test") == .ok)
        let bytes = try #require(FileManager.default.contents(atPath: f.path("p.npy")))
        let header = String(decoding: bytes.prefix(128), as: UTF8.self)
        #expect(header.contains("'descr': '<f4'") && header.contains("'shape': (45, 10)"), "\(header)")
        #expect(f.recorder.texts.contains { $0.hasPrefix("peek 1 at d's locked test part") })
        #expect(f.run("export a predictions \"p.json\"") == .runtimeError)
    }
}

@Suite("explain")
struct ExplainTests {
    @Test("an image is drawn beside its saliency; a point's gradient is printed; bad examples and tokens are refused")
    func explain() throws {
        let f = LookingFixture()
        f.run("data img = shapes size=8 n=300\nnet c = conv2d 4 k=3 pad=1 relu, flatten, dense 10\ntrain c on img epochs=1")
        #expect(f.run("explain c example=2") == .ok)
        guard case .images(let grid)? = f.recorder.charts.last else {
            Issue.record("no image grid")
            return
        }
        #expect(grid.images.map(\.caption) == ["input", "|∂logit/∂x|"])
        #expect(grid.images.allSatisfy { $0.width == 8 && $0.height == 8 })
        #expect(grid.images[1].pixels.contains { $0 > 0 } && grid.images[1].pixels.allSatisfy { $0 >= 0 })
        #expect(f.run("explain c example=45") == .runtimeError, "the val part has 45 examples (0–44)")
        f.run("data d = moons\nnet m = dense 8 tanh, dense 2\ntrain m on d epochs=1")
        #expect(f.run("explain m example=0") == .ok)
        #expect(f.recorder.texts.last?.hasPrefix("∂/∂x = (") == true, "\(f.recorder.texts.last ?? "")")
        f.run("data q = sort len=5 vocab=4 n=200\nnet t = embed 8, dense 4\ntrain t on q epochs=1")
        #expect(f.run("explain t") == .runtimeError, "token inputs have no gradient")
    }
}

@Suite("export DATA and split=given")
struct ExportDataTests {
    @Test("a dataset exported as npy reads back with split=given: the same parts, examples and labels")
    func roundTrip() throws {
        let f = LookingFixture()
        #expect(f.run("data d = spiral n=300 classes=3\nsplit d train=0.6 val=0.2 test=0.2\nexport d \"d.npy\"") == .ok)
        #expect(
            f.recorder.texts.contains {
                $0.hasPrefix("d: 300 examples (train 180 / val 60 / test 60) → d.npy, d-targets.npy, d-parts.npy")
            })
        #expect(
            f.recorder.texts.contains { $0.hasPrefix("peek 1 at d's locked test part") }, "writing the test part out is a peek")
        #expect(f.run("data e = npy \"d.npy\" \"d-targets.npy\" \"d-parts.npy\" split=given") == .ok)
        let d = try #require(f.session.workspace.datasets["d"]), e = try #require(f.session.workspace.datasets["e"])
        #expect(e.parts.train.inputs == d.parts.train.inputs && e.parts.train.labels == d.parts.train.labels)
        #expect(e.parts.validation.inputs == d.parts.validation.inputs)
        #expect(e.parts.testCount == 60)
        #expect(
            f.run("data g = npy \"d.npy\" \"d-targets.npy\" split=given") == .runtimeError, "split=given needs the parts file")
        #expect(f.run("data h = spiral split=given") == .runtimeError, "a generator has no parts to keep")
    }

    @Test("a bad parts file is refused with the row and the values allowed; CSV has a part column")
    func badPartsAndCSV() throws {
        let f = LookingFixture()
        f.run("data d = moons n=100\nexport d \"d.npy\"\nexport d \"d.csv\"")
        let bytes = try NPY.encode(int64: [Int64](repeating: 0, count: 99) + [7], shape: [100])
        FileManager.default.createFile(atPath: f.path("bad.npy"), contents: Data(bytes))
        #expect(f.run("data e = npy \"d.npy\" \"d-targets.npy\" \"bad.npy\" split=given") == .runtimeError)
        #expect(
            f.recorder.diagnostics.last?.message.contains("part[99]") == true, "\(f.recorder.diagnostics.last?.message ?? "")")
        let csv = try String(contentsOfFile: f.path("d.csv"), encoding: .utf8).split(separator: "\n")
        #expect(csv.first == "x0,x1,target,part" && csv.count == 101)
        #expect(csv.dropFirst().filter { $0.hasSuffix(",train") }.count == 70)
        #expect(f.run("export d \"d.json\"") == .runtimeError)
    }
}
