// Displays that said something untrue, each checked against what is true: split's default parts,
// eval on an empty part, compare after early stopping, the progress line's labels, help for
// commands that work, and a scatter of 2-D data.
import Charts
import Foundation
import Interpreter
import TestSupport
import Testing

@Suite("Displays that tell the truth")
struct DisplayFixTests {
    /// "d: 150 examples of [2], 3 classes; train 105 / val 22 / test 23 (locked)" → (105, 22, 23).
    func parts(_ f: LookingFixture) -> [Int] {
        let line = f.recorder.texts.last { $0.contains("(locked)") } ?? ""
        let numbers = line.split(separator: ";").last?.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) } ?? []
        return numbers
    }

    @Test(
        "split without fractions keeps 15 % for val and for test; train= alone shares the rest",
        arguments: [
            ("split d", [140, 30, 30]), ("split d seed=5", [140, 30, 30]), ("split d train=0.8", [160, 20, 20]),
            ("split d val=0.25", [120, 50, 30]), ("split d train=0.6 test=0.1", [120, 60, 20]),
        ])
    func splitDefaults(_ command: String, _ expected: [Int]) {
        let f = LookingFixture()
        #expect(f.run("data d = moons n=200\n" + command) == .ok)
        #expect(parts(f) == expected, "\(f.recorder.texts.last ?? "")")
    }

    @Test("split refuses parts that add up to more than 1, saying by how much")
    func splitRefusals() {
        let f = LookingFixture()
        f.run("data d = moons n=200")
        #expect(f.run("split d train=0.9 val=0.2") == .runtimeError)
        #expect(f.recorder.diagnostics.last?.message == "the parts add up to 1.1, more than 1")
        #expect(f.run("split d train=0.5 val=0.2 test=0.2") == .runtimeError)
        #expect(f.recorder.diagnostics.last?.message == "the parts add up to 0.9, not 1")
        // val=0.9 with the default test 0.15 leaves train nothing: over 1, not "0.9".
        #expect(f.run("split d val=0.9") == .runtimeError)
        #expect(f.recorder.diagnostics.last?.message == "the parts add up to 1.05, more than 1")
    }

    @Test("classes= sets the class count of csv data, and is refused below its largest label")
    func classesForFiles() throws {
        let f = LookingFixture()
        try "a,label\n0.5,0\n1.5,1\n2.5,2\n0.1,0\n".write(toFile: f.path("c.csv"), atomically: true, encoding: .utf8)
        #expect(f.run("data c = csv \"c.csv\" target=label classes=10") == .ok)
        #expect(f.recorder.texts.last?.contains("10 classes") == true, "\(f.recorder.texts.last ?? "")")
        #expect(f.run("data c = csv \"c.csv\" target=label classes=2") == .runtimeError)
        #expect(f.recorder.diagnostics.last?.message == "classes=2, but the labels go up to 2")
    }

    @Test("eval on an empty test part is refused and records no peek")
    func evalOnEmptyPart() {
        let f = LookingFixture()
        #expect(
            f.run("data d = moons n=200\nsplit d train=0.8 val=0.2 test=0\nnet a = dense 8 relu, dense 2\ntrain a on d epochs=1")
                == .ok)
        #expect(f.run("eval a on test") == .runtimeError)
        #expect(f.recorder.diagnostics.last?.message == "d has no test part (0 examples)")
        f.run("show d")
        #expect(
            renderedLines(f).contains { $0.hasPrefix("test peeks") && $0.hasSuffix("0") }
                || !f.recorder.texts.joined().contains("peek 1"))
    }

    /// After early stopping restores the best weights, every display shows those weights.
    @Test("compare, eval and the train line agree after early stopping restores the best weights")
    func earlyStoppingAgrees() throws {
        let f = LookingFixture()
        #expect(
            f.run(
                """
                data d = spiral n=300 classes=3 noise=0.3
                noise d labels=0.3
                net b = dense 64 relu, dense 64 relu, dense 3
                opt b adam lr=3e-2
                train b on d epochs=300 early=3
                """) == .ok)
        let trainLine = try #require(f.recorder.texts.last { $0.hasPrefix("b: step") })
        #expect(trainLine.contains("early stopping"), "the run should stop early: \(trainLine)")
        #expect(trainLine.contains(", weights of step "), "\(trainLine)")
        f.run("eval b")
        f.run("compare b")
        let lines = renderedLines(f)
        let evalVal = try #require(lines.first { $0.hasPrefix("val ") }?.split(separator: " ").map(String.init))
        // eval's row: part, examples, loss, accuracy; compare's row names the net first.
        let compareRow = try #require(lines.last { $0.hasPrefix("b ") }?.split(separator: " ").map(String.init))
        #expect(
            compareRow.contains {
                Double($0).map { abs($0 - Double(evalVal[2])!) < 5e-3 * max(1, Double(evalVal[2])!) } ?? false
            },
            "compare \(compareRow) vs eval \(evalVal)")
        #expect(trainLine.contains("val loss \(evalVal[2])"), "train line \(trainLine) vs eval \(evalVal)")
    }

    @Test("the progress line names the batch loss and the val loss")
    func progressLabels() throws {
        let f = LookingFixture()
        f.run("data d = moons n=200\nnet a = dense 8 relu, dense 2\ntrain a on d epochs=2")
        let update = try #require(f.recorder.finished)
        let formatter = OutputFormatter(
            environment: TerminalEnvironment(environment: ["LANG": "C", "NO_COLOR": "1", "COLUMNS": "120"], isTerminal: false))
        let line = formatter.progressLine(update)
        #expect(line.contains("batch loss "), "\(line)")
        #expect(line.contains(" val loss "), "\(line)")
    }

    @Test("help says nothing works later that works now")
    func helpHasNoPendingCommands() {
        let f = LookingFixture()
        for topic in ["", " sweep", " report", " export"] { f.run("help" + topic) }
        #expect(!f.recorder.texts.joined().lowercased().contains("not available"))
    }

    @Test("show of 2-D data draws its points without a 'no data' note")
    func scatterHasData() {
        let f = LookingFixture()
        f.run("data d = moons n=200\nshow d")
        let lines = renderedLines(f)
        #expect(lines.contains { $0.contains("1") || $0.contains("0") })
        #expect(!lines.contains { $0.contains("no data") }, "\(lines)")
    }
}

@Suite("Repeats in net definitions")
struct NetRepeatTests {
    @Test("xN after a lone batchnorm, dropout or activation in a list is refused, never a different net")
    func loneRepeatIsRefused() {
        for spec in ["dense 32, batchnorm relu x30, dense 3", "dense 16, dropout 0.1 x4, dense 3", "dense 16, relu x3, dense 3"] {
            let f = LookingFixture()
            #expect(f.run("net q = " + spec) == .runtimeError, "\(spec)")
            #expect(f.recorder.diagnostics.last?.message.contains("repeats only") == true, "\(spec)")
        }
        let f = LookingFixture()
        #expect(f.run("net ok = dense 8 relu x3, res { dense 8 relu, batchnorm } x2, dense 3") == .ok)
    }

    /// It used to expand every layer first: 10⁹ layers, gigabytes, before any check.
    @Test("nested repeats are counted before anything is expanded")
    func nestedRepeatsAreBounded() {
        let f = LookingFixture()
        #expect(f.run("net r = dense 2, res { res { res { dense 2 relu x1000 } x1000 } x1000 }, dense 3") == .runtimeError)
        #expect(f.recorder.diagnostics.last?.message.contains("at most 4096 are allowed") == true)
    }
}

/// The dashboard's layer histograms and `hist` draw the same values: a layer's weights, its
/// biases left out (the dashboard used to count the biases too).
@Suite struct HistogramAgreementTests {

    @Test func dashboardCountsTheWeightsHistCounts() throws {
        let host = SnapshotHost()
        let session = Session(host: host, settings: SessionSettings(directory: TestDirectories.make("hist")))
        session.execute("data d = moons n=200\nnet a = dense 8 relu, dense 3 relu, dense 2\ntrain a on d epochs=1")
        let layers = try #require(host.last?.snapshot?.layers)
        // dense 8 on 2 inputs: 16 weights (and 8 biases); dense 3: 24; dense 2: 6.
        #expect(layers.map { Int($0.histogram.reduce(0, +)) } == [16, 24, 6])
    }
}
