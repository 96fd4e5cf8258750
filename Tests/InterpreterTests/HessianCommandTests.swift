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
        #expect(
            verdict.contains(values[4] < 0 ? "has negative curvature" : "no negative eigenvalue found"),
            "\(verdict) with λmin \(values[4])")
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
