// `train NET … seeds=N`: N copies trained at once, each exactly as it trains alone; the count is
// fixed once the net has trained; reset goes back to one; bad counts get a caret.
import Foundation
import Interpreter
import Testing
import TestSupport

@Suite("train … seeds=N")
struct TrainSeedsTests {
    static let setup = """
        data d = spiral n=300 classes=3
        net a = dense 16 relu, dense 3
        opt a adam lr=1e-2
        """

    /// The seed table's data rows (seed first), as rendered.
    func seedRows(_ f: LookingFixture) -> [[String]] {
        renderedLines(f).map { $0.split(separator: " ").map(String.init) }.filter { $0.count >= 6 && Int($0[0]) != nil }
    }

    @Test("each seed's numbers are exactly those of the same net trained alone with that seed, on any worker count")
    func seedsMatchTrainingAlone() {
        var tables: [[[String]]] = []
        for workers in [1, 2, 3] {
            let f = LookingFixture()
            f.session.settings.workers = workers
            #expect(f.run(Self.setup + "\ntrain a on d epochs=3 seeds=3") == .ok)
            tables.append(seedRows(f))
        }
        #expect(tables[0].count == 3)
        #expect(tables[1] == tables[0] && tables[2] == tables[0], "\(tables)")
        for (i, row) in tables[0].enumerated() {
            let f = LookingFixture()
            #expect(f.run(Self.setup + "\nreset a seed=\(i)\ntrain a on d epochs=3") == .ok)
            let line = f.recorder.texts.last { $0.hasPrefix("a: step") } ?? ""
            // "a: step 27 · train loss 0.8123 acc 60.5% · val loss …": the row holds the same figures.
            #expect(line.contains("train loss \(row[2]) acc \(row[3])"), "seed \(i): \(line) vs \(row)")
            #expect(line.contains("val loss \(row[4]) acc \(row[5])"), "seed \(i): \(line) vs \(row)")
        }
    }

    @Test("later trains continue every seed; reset goes back to one")
    func continuesAndResets() {
        let f = LookingFixture()
        f.run(Self.setup + "\ntrain a on d epochs=2 seeds=2\ntrain a epochs=1")
        let rows = seedRows(f)
        #expect(rows.count == 4, "\(rows)")
        #expect(rows.suffix(2).allSatisfy { Int($0[1])! > Int(rows[0][1])! }, "the second train continues both seeds: \(rows)")
        f.run("reset a\ntrain a epochs=1")
        #expect(seedRows(f).count == 4, "after reset, a trains alone")
    }

    @Test("the count cannot change once trained; 0 and absurd counts are refused with a caret")
    func refusals() {
        let f = LookingFixture()
        f.run(Self.setup + "\ntrain a on d epochs=1")
        #expect(f.run("train a epochs=1 seeds=3") == .runtimeError)
        let d = f.recorder.diagnostics.last
        #expect(d?.message == "a has trained with 1 seed; seeds= cannot change that now")
        #expect(d?.help?.contains("reset a") == true)
        #expect(f.run("train a epochs=1 seeds=65") == .runtimeError)
        #expect(f.recorder.diagnostics.last?.message == "seeds=65 is too large")
        #expect(f.run("train a epochs=1 seeds=0") != .ok)
        #expect(f.recorder.diagnostics.last?.message.contains("positive integer") == true)
    }
}
