// A split made elsewhere: a CSV whose part column says each row's part (`split=given`, as
// `export DATA "d.csv"` writes it), and a train file with a test file beside it (csv, or npy's
// train pair then test pair). Round trips compare rows exactly: a Float written with its
// shortest round-trip description reads back to the same bits.
import Datasets
import Foundation
import TestSupport
import Testing

@testable import Interpreter

@Suite("A split made elsewhere")
struct SplitMadeElsewhereTests {
    func write(_ f: LookingFixture, _ file: String, _ text: String) {
        FileManager.default.createFile(atPath: f.path(file), contents: Data(text.utf8))
    }

    /// The last diagnostic's message and hint, for a refusal's wording.
    func refusal(_ f: LookingFixture) -> (message: String, hint: String) {
        let d = f.recorder.diagnostics.last
        return (d?.message ?? "", d?.help ?? "")
    }

    func rows(_ d: Dataset) -> [[Float]] {
        (0..<d.count).map { Array(d.inputs[($0 * d.featureCount)..<(($0 + 1) * d.featureCount)]) }
    }

    @Test(
        "export DATA to CSV, read back with split=given: the same parts, rows and targets",
        arguments: ["data d = spiral n=300 classes=3\nsplit d train=0.6 val=0.25 test=0.15", "data d = sine n=80 noise=0.3"])
    func csvRoundTrip(_ make: String) throws {
        let f = LookingFixture()
        #expect(f.run(make + "\nexport d \"d.csv\"") == .ok)
        #expect(f.run("data e = csv \"d.csv\" target=target split=given") == .ok, "\(refusal(f))")
        let d = try #require(f.session.workspace.datasets["d"]), e = try #require(f.session.workspace.datasets["e"])
        // The part column is not a feature.
        #expect(e.sampleShape == d.sampleShape)
        for (a, b) in [
            (d.parts.train, e.parts.train), (d.parts.validation, e.parts.validation),
            (d.parts.test(peekedBy: "test"), e.parts.test(peekedBy: "test")),
        ] {
            #expect(a.count == b.count && a.inputs == b.inputs)
            #expect(a.labels == b.labels && a.values == b.values)
        }
        #expect(e.full.classCount == d.full.classCount)
    }

    @Test("part words in any case and the digits 0, 1, 2 name the parts; the part column can sit anywhere")
    func partSpellings() throws {
        let f = LookingFixture()
        write(f, "p.csv", "part,x,target\nTrain,1,0\nVAL,2,1\ntest,3,0\n0,4,1\n1,5,0\n2,6,1\ntRaIn,7,1\n")
        #expect(f.run("data p = csv \"p.csv\" target=target split=given") == .ok, "\(refusal(f))")
        let p = try #require(f.session.workspace.datasets["p"])
        #expect(p.sampleShape == [1])
        #expect(p.parts.train.inputs == [1, 4, 7] && p.parts.validation.inputs == [2, 5])
        #expect(p.parts.test(peekedBy: "test").inputs == [3, 6])
        #expect(p.parts.train.labels == [0, 1, 1])
    }

    @Test("split=given refuses a bad part naming its row, column and value, and a file without a part column")
    func givenRefusals() {
        let f = LookingFixture()
        write(f, "bad.csv", "x0,x1,target,part\n1,2,0,train\n3,4,1,val\n5,6,1,test\n7,8,0,trian\n")
        #expect(f.run("data c = csv \"bad.csv\" target=target split=given") == .runtimeError)
        var r = refusal(f)
        #expect(r.message == "bad.csv:5:4: part \"trian\" is not a part: expected train, val, test or 0, 1, 2", "\(r)")
        #expect(r.hint.contains("0 train, 1 val, 2 test"), "\(r)")

        write(f, "none.csv", "x0,x1,target\n1,2,0\n3,4,1\n")
        #expect(f.run("data c = csv \"none.csv\" target=target split=given") == .runtimeError)
        r = refusal(f)
        #expect(r.message.contains("split=given reads each row's part from a column named 'part'"), "\(r)")
        #expect(r.hint.hasPrefix("the columns are: x0, x1, target"), "\(r)")

        // Every row a validation or test row: nothing to train on.
        write(f, "held.csv", "x0,target,part\n1,0,val\n2,1,test\n")
        #expect(f.run("data c = csv \"held.csv\" target=target split=given") == .runtimeError)
        #expect(refusal(f).message.contains("no row marked 0"), "\(refusal(f))")

        // An exported file read without split=given: the part column's words are not numbers.
        f.run("data d = moons n=50\nexport d \"d.csv\"")
        #expect(f.run("data c = csv \"d.csv\" target=target") == .runtimeError)
        r = refusal(f)
        #expect(r.message.hasPrefix("d.csv:2:4: expected a number, got \"") && r.hint.contains("split=given"), "\(r)")
        #expect(f.run("data c = spiral split=given") == .runtimeError)
        #expect(refusal(f).message.contains("spiral has none to keep"))
    }

    @Test("a train file and a test file: the test part is the test file's rows in order, val= a share of the train file")
    func csvTestFile() throws {
        let f = LookingFixture()
        // 40 train rows; the test file's columns in another order, and a class (2) the train file lacks.
        let train = (0..<40).map { "\($0),\(Double($0) / 2),\($0 % 2)" }.joined(separator: "\n")
        write(f, "train.csv", "a,b,y\n" + train + "\n")
        write(f, "test.csv", "y,b,a\n2,50.5,100\n0,51.5,101\n1,52.5,102\n")
        #expect(f.run("data c = csv \"train.csv\" \"test.csv\" target=y val=0.25") == .ok, "\(refusal(f))")
        let c = try #require(f.session.workspace.datasets["c"])
        #expect(c.full.classCount == 3)
        let test = c.parts.test(peekedBy: "test")
        #expect(test.inputs == [100, 50.5, 101, 51.5, 102, 52.5] && test.labels == [2, 0, 1])
        #expect(c.parts.validation.count == 10 && c.parts.train.count == 30)
        // Train and val are the train file's rows, each once.
        let held = Set(rows(c.parts.train) + rows(c.parts.validation))
        #expect(held == Set((0..<40).map { [Float($0), Float($0) / 2] }) && held.count == 40)

        #expect(f.run("data c2 = csv \"train.csv\" \"test.csv\" target=y") == .ok)
        let c2 = try #require(f.session.workspace.datasets["c2"])
        #expect(c2.parts.validation.count == 6, "the default: 15 % of the train file's 40 rows")
    }

    @Test("a test file whose columns differ is refused naming the file and the column")
    func csvTestFileRefusals() {
        let f = LookingFixture()
        write(f, "train.csv", "a,b,y\n1,2,0\n3,4,1\n")
        write(f, "less.csv", "a,y\n1,0\n")
        write(f, "more.csv", "a,b,y,c\n1,2,0,5\n")
        #expect(f.run("data c = csv \"train.csv\" \"less.csv\" target=y") == .runtimeError)
        #expect(refusal(f).message == "less.csv has no column 'b', which train.csv has", "\(refusal(f))")
        #expect(f.run("data c = csv \"train.csv\" \"more.csv\" target=y") == .runtimeError)
        #expect(refusal(f).message == "more.csv:1:4: column 'c' is not in train.csv", "\(refusal(f))")
        #expect(f.recorder.diagnostics.last?.span.column == 26, "the caret is at the test file, not the train file (14)")
        #expect(f.run("data c = csv \"train.csv\" \"train.csv\" target=y split=given") == .runtimeError)
        #expect(refusal(f).message.hasPrefix("split=given reads each row's part from one file"), "\(refusal(f))")
        #expect(f.run("data c = csv \"train.csv\" target=y val=0.2") == .runtimeError)
        #expect(refusal(f).message.hasPrefix("val= holds out part of a train file when a test file follows it"))
        #expect(f.run("data c = csv \"train.csv\" \"less.csv\" \"more.csv\" target=y") == .runtimeError)
        #expect(refusal(f).message.hasPrefix("csv takes one file, or a train file and a test file"), "\(refusal(f))")
    }

    @Test("npy: the train pair then the test pair; examples of another shape or targets of another kind are refused")
    func npyTestFiles() throws {
        let f = LookingFixture()
        f.run("data d = moons n=200\nexport d \"d.npy\"\ndata e = moons n=60 seed=5\nexport e \"e.npy\"")
        #expect(f.run("data z = npy \"d.npy\" \"d-targets.npy\" \"e.npy\" \"e-targets.npy\"") == .ok, "\(refusal(f))")
        let z = try #require(f.session.workspace.datasets["z"]), e = try #require(f.session.workspace.datasets["e"])
        #expect(z.full.count == 260 && z.parts.validation.count == 30 && z.parts.train.count == 170)
        let test = z.parts.test(peekedBy: "test")
        // e.npy as export wrote it: e's train, val, then test part.
        let parts = [e.parts.train, e.parts.validation, e.parts.test(peekedBy: "test")]
        #expect(test.inputs == parts.flatMap(\.inputs) && test.labels == parts.flatMap { $0.labels ?? [] })

        f.run("data s = sine n=50\nexport s \"s.npy\"")
        #expect(f.run("data w = npy \"d.npy\" \"d-targets.npy\" \"s.npy\" \"s-targets.npy\"") == .runtimeError)
        #expect(refusal(f).message == "s.npy: examples of shape [1], but d.npy's are [2]", "\(refusal(f))")
        // Values where the train file has labels (same row count as e.npy: 60 floats).
        let bytes = try NPY.encode(float32: [Float](repeating: 0.5, count: 60), shape: [60])
        FileManager.default.createFile(atPath: f.path("v.npy"), contents: Data(bytes))
        #expect(f.run("data w = npy \"d.npy\" \"d-targets.npy\" \"e.npy\" \"v.npy\"") == .runtimeError)
        #expect(
            refusal(f).message == "v.npy holds regression values (floats), but d-targets.npy holds class labels (integers)",
            "\(refusal(f))")
        #expect(f.run("data w = npy \"d.npy\" \"d-targets.npy\" \"e.npy\" \"e-targets.npy\" split=given") == .runtimeError)
        #expect(f.run("data w = npy \"d.npy\" \"d-targets.npy\" \"e.npy\"") == .runtimeError)
        #expect(refusal(f).message.hasPrefix("npy takes two files (inputs, targets), or four"), "\(refusal(f))")
    }
}
