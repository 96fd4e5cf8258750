// `hessian NET` and `plot hessian NET` as a user meets them: the extreme eigenvalues in a table,
// the verdict on negative curvature, the density chart, and the refusals.
import Charts
import Interpreter
import TestSupport
import Testing

@Suite("hessian and plot hessian")
struct HessianCommandTests {
    static let setup = """
        data d = spiral n=300 classes=3
        net a = dense 16 tanh, dense 3
        """

    @Test("the table lists the largest and smallest eigenvalues, the largest first, and says whether any is negative")
    func table() throws {
        let f = LookingFixture()
        #expect(f.run(Self.setup + "\nhessian a top=3 bottom=2 steps=30") == .ok, "\(f.recorder.diagnostics.map(\.message))")
        let table = try #require(f.recorder.charts.compactMap { if case .table(let t) = $0 { t } else { nil } }.last)
        #expect(table.rows.map(\.first) == ["largest 1", "largest 2", "largest 3", "smallest 2", "smallest 1"])
        let values = table.rows.compactMap { Double($0[1].replacingOccurrences(of: "−", with: "-")) }
        #expect(values.count == 5)
        #expect(values[0] >= values[1] && values[1] >= values[2] && values[3] >= values[4], "\(values)")
        let verdict = f.recorder.texts.last ?? ""
        let expected =
            values[4] >= 0
            ? "no negative eigenvalue found"
            : -values[4] > 0.002 * values[0] ? "has negative curvature" : "no negative curvature resolved"
        #expect(verdict.contains(expected), "\(verdict) with λmin \(values[4])")
    }

    /// The lesson's claim in small: at initialization the smallest eigenvalue is negative and
    /// large; after training to a near-zero loss it is below what the products resolve.
    @Test("NET.hessian.min and .max read the last hessian at the current weights, and refuse otherwise")
    func expressionField() throws {
        let f = LookingFixture()
        let status = f.run(
            """
            data d = moons n=300 noise=0.1
            net a = dense 16 tanh, dense 16 tanh, dense 2
            hessian a top=1 bottom=1
            expect a.hessian.min < -0.1 * a.hessian.max
            opt a adam lr=1e-2
            train a on d epochs=150
            hessian a top=1 bottom=1
            expect abs(a.hessian.min) < 0.002 * a.hessian.max and a.hessian.max > 0
            """)
        #expect(status == .ok, "\(f.recorder.diagnostics.map(\.message))")
        let verdicts = f.recorder.outputs.compactMap { if case .expectation(let v) = $0 { v } else { nil } }
        #expect(verdicts.count == 2 && verdicts.allSatisfy(\.holds), "\(verdicts.map(\.values))")
        #expect(
            f.recorder.texts.contains { $0.hasPrefix("no negative curvature resolved") || $0.hasPrefix("no negative eigenvalue") }
        )
        // Trained further, the weights are not the ones measured.
        #expect(f.run("train a epochs=1\nexpect a.hessian.min < 0") != .ok)
        let d = try #require(f.recorder.diagnostics.last)
        #expect(
            d.message == "a's Hessian has not been measured at its current weights" && d.help == "measure it first: hessian a")
        #expect(f.run("expect a.hessian.mid < 0") != .ok)
        #expect(f.recorder.diagnostics.last?.message.contains("mid") == true)
    }

    @Test("plot hessian draws a density over the spectrum")
    func plot() throws {
        let f = LookingFixture()
        #expect(f.run(Self.setup + "\ntrain a on d epochs=5\nplot hessian a") == .ok)
        let chart = try #require(f.recorder.charts.compactMap { if case .line(let l) = $0 { l } else { nil } }.last)
        let ys = try #require(chart.series.first).points.map(\.y)
        #expect(ys.count > 100 && ys.allSatisfy { $0 >= 0 && $0.isFinite } && (ys.max() ?? 0) > 0)
        #expect(chart.title?.contains("Hessian spectral density") == true)
    }

    @Test("asking for nothing, or a net that has not met data, is refused with what to type")
    func refusals() throws {
        let f = LookingFixture()
        #expect(f.run(Self.setup + "\nhessian a top=0 bottom=0") != .ok)
        #expect(f.recorder.diagnostics.last?.message.contains("ask for no eigenvalue") == true)
        let g = LookingFixture()
        #expect(g.run("net b = dense 3\nhessian b") != .ok)
        #expect(g.recorder.diagnostics.last?.message.contains("has no weights yet") == true)
    }
}
