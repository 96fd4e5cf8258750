// K-fold cross-validation as a user meets it: `train … cv=K` (K nets, each validating on its own
// share of train+val, the test part in none), the folds' mean ± sd in reports, `expect` and
// `eval`; `sweep … cv=K` optimizing the folds' mean; and the refusals.
import Datasets
import Foundation
import TestSupport
import Testing

@testable import Interpreter

@Suite("Cross-validation")
struct CrossValidationTests {
    @Test("folds share out train+val exactly, each example validated once, the test part never")
    func foldsPartition() throws {
        let data = try Dataset.toy(.moons, count: 103, noise: 0.1, seed: 1)
        let parts = try SplitDataset(data, fractions: SplitFractions(train: 0.7, validation: 0.15, test: 0.15), seed: 2)
        let pool = parts.foldableCount
        #expect(pool == parts.train.count + parts.validation.count)
        // Every example is a point: identify rows by their coordinates.
        func rows(_ d: Dataset) -> [[Float]] { (0..<d.count).map { Array(d.inputs[(2 * $0)..<(2 * $0 + 2)]) } }
        let test = Set(rows(parts.test(peekedBy: "the test")))
        var validated: [[Float]] = []
        for i in 0..<5 {
            let f = try parts.fold(i, of: 5, seed: 9)
            #expect(f.train.count + f.validation.count == pool)
            #expect(abs(f.validation.count - pool / 5) <= 1, "fold \(i + 1): \(f.validation.count) of \(pool)")
            #expect(Set(rows(f.train)).isDisjoint(with: rows(f.validation)))
            #expect(Set(rows(f.train) + rows(f.validation)).isDisjoint(with: test))
            validated += rows(f.validation)
        }
        #expect(validated.count == pool && Set(validated).count == pool, "each example validated exactly once")
        // The same seed deals the same folds; another deals others.
        #expect(try parts.fold(2, of: 5, seed: 9).validation == parts.fold(2, of: 5, seed: 9).validation)
        #expect(try parts.fold(2, of: 5, seed: 10).validation != parts.fold(2, of: 5, seed: 9).validation)
        #expect(throws: DataError.self) { try parts.fold(0, of: 1, seed: 0) }
        #expect(throws: DataError.self) { try parts.fold(0, of: pool + 1, seed: 0) }
    }

    @Test("train … cv=5 trains five folds and reports their mean ± sd; expect and eval read the folds")
    func trainCV() throws {
        let f = LookingFixture()
        let status = f.run(
            """
            data d = moons n=300 noise=0.1
            net a = dense 16 relu, dense 2
            opt a adam lr=1e-2
            train a on d epochs=10 cv=5
            expect a.val.acc > 0.8
            eval a
            """)
        #expect(status == .ok, "\(f.recorder.diagnostics.map(\.message))")
        #expect(
            f.recorder.texts.contains { $0.hasPrefix("a over 5 folds (cross-validation), mean ± sample sd:") },
            "\(f.recorder.texts)")
        let tables = f.recorder.charts.compactMap { if case .table(let t) = $0 { t } else { nil } }
        let folds = try #require(tables.first { $0.title?.hasPrefix("a: 5 folds") == true })
        #expect(folds.columns.first?.header == "fold" && folds.rows.map { $0[0] } == ["1", "2", "3", "4", "5"])
        let verdicts = f.recorder.outputs.compactMap { if case .expectation(let v) = $0 { v } else { nil } }
        #expect(verdicts.count == 1 && verdicts[0].holds && verdicts[0].values.contains("(5 folds)"), "\(verdicts.map(\.values))")
        let eval = try #require(tables.last)
        #expect(eval.title?.contains("5 folds") == true, "\(eval.title ?? "")")
        // train+val of 300 examples split 70/15/15: 255 pooled, 51 in each held-out fold.
        #expect(eval.rows.map { $0[0] } == ["train", "val"] && eval.rows[1][1] == "51")
        // A later train continues all five folds.
        f.run("train a epochs=1")
        #expect(f.recorder.texts.last { $0.hasPrefix("a over ") }?.hasPrefix("a over 5 folds") == true)
    }

    /// Ctrl-C while the folds train: the mean ± sd is over the folds evaluated so far, and says so.
    @Test("a cross-validation stopped by Ctrl-C summarizes only the folds it evaluated")
    func stopped() throws {
        let host = CancellingHost()
        let session = Session(host: host, settings: SessionSettings(directory: TestDirectories.make("cv-stop")))
        var updates = 0
        host.cancelOn = { [weak session] _ in
            updates += 1
            if updates == 3 { session?.cancel() }
        }
        let status = session.execute(
            "data d = moons n=400 noise=0.1\nnet a = dense 8 relu, dense 2\ntrain a on d epochs=100000 cv=4")
        #expect(status == .interrupted)
        let net = try #require(session.workspace.nets["a"])
        let evaluated = ([net] + net.replicas).filter { $0.run?.history.evals.isEmpty == false }.count
        #expect(evaluated < 4, "every fold finished 100,000 epochs?")
        let summary = try #require(host.texts.last { $0.hasPrefix("a over ") || $0.hasPrefix("a: stopped before") })
        if evaluated == 0 {
            #expect(summary == "a: stopped before any of its 4 folds (cross-validation) was evaluated")
        } else {
            #expect(
                summary.hasPrefix(
                    "a over \(evaluated) of 4 folds (cross-validation) (\(4 - evaluated) stopped before their first evaluation)"),
                "\(summary)")
        }
    }

    @Test("sweep … cv=3 runs each trial's body on every fold and optimizes their mean")
    func sweepCV() throws {
        let f = LookingFixture()
        let status = f.run(
            """
            data d = moons n=240 noise=0.1
            sweep s method=grid cv=3 {
              let w ~ choice(4, 16)
              net m = dense $w relu, dense 2
              train m on d epochs=3
            }
            """)
        #expect(status == .ok, "\(f.recorder.diagnostics.map(\.message))")
        #expect(f.recorder.texts.contains { $0.contains("2 trials of 3 folds (cross-validation) each") }, "\(f.recorder.texts)")
    }

    static let refusals: [Refusal] = [
        Refusal(
            lines: "data d = moons n=100\nnet a = dense 4, dense 2\ntrain a on d cv=1",
            message: "cv=1 is not allowed: expected 2 or more folds", hint: ""),
        Refusal(
            lines: "data d = moons n=10\nnet a = dense 4, dense 2\ntrain a on d cv=20",
            message: "at most 9 folds: d has 9 training and validation examples", hint: ""),
        Refusal(
            lines: "data d = moons n=100\nnet a = dense 4, dense 2\ntrain a on d cv=3 seeds=2",
            message: "give seeds= or cv=, not both", hint: "cv=3"),
        Refusal(
            lines: "data d = moons n=100\nnet a = dense 4, dense 2\ntrain a on d epochs=1\ntrain a cv=3",
            message: "a has trained on d's own train and val parts; cv=3 cannot change that now", hint: "reset a"),
        Refusal(
            lines: "data d = moons n=100\nnet a = dense 4, dense 2\ntrain a on d epochs=1 cv=3\ntrain a seeds=2",
            message: "a trains with cv=3: its copies are folds, not seeds", hint: "reset a"),
        Refusal(
            lines:
                "data d = moons n=100\nsweep s method=hyperband max=9 cv=3 {\n let w ~ choice(4, 8)\n net m = dense $w, dense 2\n train m on d epochs=$budget\n}",
            message: "cv= averages the trials of random, grid, tpe and bayes", hint: "method=random"),
    ]

    @Test("bad cross-validation settings are refused with a suggestion", arguments: refusals)
    func refused(_ r: Refusal) throws { try r.check() }
}
