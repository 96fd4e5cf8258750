import Language
import Testing

// `expect` against a session's own numbers: verdicts with the values compared (mean ± sd over a
// net's seeds), standard errors carried through arithmetic, and errors at the name or field.
@testable import Interpreter

@Suite("expect")
struct ExpectTests {
    static let setup = """
        data d = spiral n=300
        net a = dense 32 relu, dense 3
        net b = dense 4 relu, dense 3
        train a epochs=10 seeds=3
        train b epochs=10
        """

    func run(_ lines: String) -> LookingRecorder {
        let host = LookingRecorder()
        let session = Session(host: host)
        session.execute(Self.setup)
        session.execute(lines)
        return host
    }

    var verdicts: (LookingRecorder) -> [Verdict] {
        { host in host.outputs.compactMap { if case .expectation(let v) = $0 { v } else { nil } } }
    }

    @Test("a verdict shows both sides, a net with seeds as mean ± sd with the count")
    func verdict() throws {
        let host = run("expect a.params > b.params\nexpect a.val.acc < 0 \"never\"")
        let v = verdicts(host)
        try #require(v.count == 2, "\(host.diagnostics.map(\.message))")
        #expect(v[0].holds && v[0].values == "195 > 27")
        #expect(!v[1].holds && v[1].message == "never")
        #expect(v[1].values.contains("(3 seeds) < 0.0%"), "\(v[1].values)")
    }

    @Test("the values are the ones compare shows")
    func agreesWithCompare() throws {
        let host = run("expect b.val.loss == b.val.loss + 0\nexpect b.train.loss > 0")
        let v = verdicts(host)
        try #require(v.count == 2)
        #expect(v.allSatisfy { $0.holds })
    }

    @Test("arithmetic carries the standard error of means over seeds")
    func standardError() throws {
        let a = ExpressionEvaluator.measure([0.5, 0.6, 0.7], percent: true)
        #expect(abs(a.standardError - 0.1 / 3.0.squareRoot()) < 1e-12, "sd 0.1 over 3 seeds")
        let b = ExpressionEvaluator.measure([0.4], percent: true)
        let difference = ExpressionEvaluator.combine(.minus, a, b)
        #expect(abs(difference.value - 0.2) < 1e-12 && abs(difference.standardError - a.standardError) < 1e-12)
        #expect(difference.percent)
        let doubled = ExpressionEvaluator.combine(.times, Measure(value: 2, literal: true), a)
        #expect(abs(doubled.standardError - 2 * a.standardError) < 1e-12 && doubled.percent)
    }

    @Test(
        "a wrong name or field is refused at its span with one suggestion",
        arguments: [
            ("expect c.val.acc > 0", "nothing named 'c'", "did you mean 'a'?"),
            ("expect a.vall.acc > 0", "a net has no value 'vall'", "did you mean 'val'?"),
            ("expect a.val.accc > 0", "a part of the data has no value 'accc'", "did you mean 'acc'?"),
            ("expect a.sharpness > 0", "a's sharpness has not been measured on every seed", "measure it first: sharpness a"),
            (
                "expect a.val.acc", "an expectation compares values: this is a value, not a claim",
                "compare it with something, e.g. 'expect big.val.acc > 0.8'"
            ),
        ])
    func errors(_ line: String, _ message: String, _ hint: String?) {
        let host = run(line)
        #expect(verdicts(host).isEmpty)
        #expect(host.diagnostics.last?.message == message)
        #expect(host.diagnostics.last?.help == hint)
    }

    @Test("sharpness of a net trained with seeds is measured on every seed: mean ± sd in sharpness, compare and expect")
    func sharpnessOverSeeds() throws {
        let host = run("sharpness a iters=20\nexpect a.sharpness > 0\ncompare a")
        #expect(
            host.texts.contains { $0.hasPrefix("a over 3 seeds, mean ± sample sd: sharpness ") && $0.contains(" ± ") },
            "\(host.texts)")
        let v = verdicts(host)
        try #require(v.count == 1)
        #expect(v[0].values.contains("(3 seeds)"), "\(v[0].values)")
    }
}
