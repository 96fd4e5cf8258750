// `train NET … seeds=N`: N copies trained at once, each exactly as it trains alone; the count is
// fixed once the net has trained; reset goes back to one; bad counts get a caret.
import Charts
import Foundation
import Interpreter
import TestSupport
import Testing

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
            let summary = f.recorder.texts.last ?? ""
            #expect(
                summary.hasPrefix("a over 3 seeds, mean ± sample sd: train loss ") && summary.contains(" · val acc "),
                "\(summary)")
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

    /// step, rewind and init … from act on one net: the other seeds are dropped, and said so,
    /// rather than averaged in at other steps or weights.
    @Test func stepDropsTheOtherSeeds() {
        let f = LookingFixture()
        f.run(Self.setup + "\ntrain a on d epochs=1 seeds=3\nstep a 2")
        #expect(
            f.recorder.texts.contains { $0.hasPrefix("a: its 2 other seeds dropped — step acts on one net") },
            "\(f.recorder.texts)")
        f.run("eval a")
        #expect(!f.recorder.lastChartText().contains("seeds"), "\(f.recorder.lastChartText())")
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

@Suite("Figures over seeds")
struct SeedFigureTests {
    /// Worked by hand: means 3 and 4, sample sd √2.5 each, so t = −1 / √(0.5 + 0.5) = −1 and
    /// df = 1² / (0.5²/4 · 2) = 8, where Student's two-sided 95 % value is 2.306.
    @Test func welchMatchesAHandComputation() throws {
        let a = Spread([1, 2, 3, 4, 5]), b = Spread([2, 3, 4, 5, 6])
        #expect(abs(a.sd - 2.5.squareRoot()) < 1e-12)
        let (t, df) = try #require(Welch.test(a, b))
        #expect(abs(t + 1) < 1e-12 && abs(df - 8) < 1e-12)
        #expect(Welch.critical95(df: 8) == 2.306 && Welch.critical95(df: 8.9) == 2.306 && Welch.critical95(df: 1000) == 1.98)
        #expect(Welch.test(Spread([1]), b) == nil)
        #expect(Spread([0.25, 0.25]).text(percent: false) == "0.25 ± 0")
        #expect(Spread([0.5]).text(percent: true) == "50.0%")
    }

    @Test("compare and eval show mean ± sd for nets trained with seeds, and say what is within the noise")
    func compareAndEvalOverSeeds() {
        let f = LookingFixture()
        #expect(
            f.run(
                """
                data d = spiral n=300 classes=3
                net a = dense 16 relu, dense 3
                opt a adam lr=1e-2
                train a on d epochs=5 seeds=3
                net b = dense 16 relu, dense 3
                opt b adam lr=1e-2
                train b on d epochs=5 seeds=3
                net c = dense 2, dense 3
                opt c sgd lr=1e-3
                train c on d epochs=2 seeds=3
                compare a b c
                eval a
                """) == .ok)
        let lines = f.recorder.charts.flatMap {
            $0.rendered(width: 100, profile: RenderProfile(glyphs: .unicode, colors: .none)).text.split(separator: "\n").map(
                String.init)
        }
        #expect(lines.contains { $0.contains("a ×3") && $0.contains("b ×3") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("val loss") && $0.contains("±") }, "\(lines)")
        let note = f.recorder.texts.first { $0.hasPrefix("val loss over seeds") } ?? ""
        // a and b are the same recipe from different seeds: within the noise; c barely trained.
        #expect(note.contains("within the noise") && note.contains("c −") && note.contains("beyond the noise"), "\(note)")
        #expect(lines.contains { $0.contains("a on d · 3 seeds, mean ± sd") }, "\(lines)")
    }

    @Test("plot loss of a net trained with seeds draws the mean curves and the val band")
    func plotLossOverSeeds() throws {
        let f = LookingFixture()
        #expect(
            f.run("data d = spiral n=300 classes=3\nnet a = dense 16 relu, dense 3\ntrain a on d epochs=4 seeds=3\nplot loss a")
                == .ok)
        guard case .line(let chart)? = f.recorder.charts.last else { Issue.record("no line chart"); return }
        #expect(chart.series.map(\.name) == ["a train (mean of 3)", "a val (mean of 3)", "a val ± sd"])
        // The band's two edges sit one sd either side of the mean, a gap between them.
        let mean = chart.series[1].points, band = chart.series[2].points
        #expect(band.count == 2 * mean.count + 1 && band[mean.count].y.isNaN)
        for (k, m) in mean.enumerated() {
            #expect(abs((band[k].y - m.y) - (m.y - band[mean.count + 1 + k].y)) < 1e-9)
            #expect(band[k].y >= m.y)
        }
    }
}
