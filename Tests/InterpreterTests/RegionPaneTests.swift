// The live dashboard's decision regions (`RunSnapshot.RegionPane`): each grid cell holds the
// class the net itself predicts at that point, the grid is the right way up, the training
// points carry their labels, the rectangle is the one `plot boundary` frames, and only a
// classifier of 2-D points has a pane.
import Charts
import Datasets
import Diagnostics
import Kernels
import Lab
import Networks
import TestSupport
import Testing

@testable import Interpreter

@Suite("Decision regions in the dashboard")
struct RegionPaneTests {
    /// 400 points split by the line x = 0 with a gap (|x| ≥ 0.3): class 0 on the left, 1 on the
    /// right. y spreads four times wider than x, so a grid read transposed would put the
    /// boundary across the rows instead of the columns.
    func separable() throws -> Dataset {
        var rng = RNG(seed: 3)
        var inputs: [Float] = [], labels: [Int32] = []
        for i in 0..<400 {
            let label = Int32(i % 2)
            let x = (label == 0 ? -1 : 1) * rng.uniform(0.3, 1.5)
            inputs += [x, rng.uniform(-6, 6)]
            labels.append(label)
        }
        return try Dataset(name: "sep", inputs: inputs, sampleShape: [2], targets: .classes(labels, count: 2))
    }

    func trained(_ data: Dataset, steps: Int = 400) throws -> TrainingRun {
        let net = try Network(inputShape: [2], layers: [.dense(units: 8), .activation(.relu), .dense(units: 2)])
        net.initialize(seed: 1)
        let run = try TrainingRun(network: net, train: data, validation: nil, optimizer: .adam(lr: 0.02), loss: .crossEntropy)
        run.train(.steps(steps))
        return run
    }

    /// The arg-max class of one point, from a forward pass of that point alone.
    func predicted(_ network: Network, _ x: Double, _ y: Double) -> Int {
        let out = network.predictions([Float(x), Float(y)], count: 1)
        return out[1] > out[0] ? 1 : 0
    }

    @Test("every cell holds the class the net predicts at its point; left is class 0, right class 1")
    func cellsAreTheNetsPredictions() throws {
        let data = try separable()
        let run = try trained(data)
        // Precondition: the net separates the training points (else the orientation check below
        // would say nothing about the grid).
        let fit = try #require(Predictions(network: run.network, data: data))
        #expect(zip(fit.predicted, fit.truth).allSatisfy { $0 == $1 }, "the net does not separate its training data")

        let regions = try #require(LiveRegions(net: "a", network: run.network, data: data, train: data))
        let pane = regions.pane(run)
        #expect(pane.title == "a regions · step \(run.step)")
        #expect(pane.columns == LiveRegions.columns && pane.classes.count == pane.columns * pane.rows)
        // A rectangle four times as tall as wide keeps its aspect up to the grid's limit (rows ≤ columns).
        #expect(pane.rows == pane.columns)
        // The data with a tenth of its extent on each side.
        #expect(pane.x.lowerBound < -1.5 && pane.x.upperBound > 1.5 && pane.y.lowerBound < -6 && pane.y.upperBound > 6)
        var disagreements: [String] = []
        for row in 0..<pane.rows {
            let y = pane.y.lowerBound + Double(row) / Double(pane.rows - 1) * (pane.y.upperBound - pane.y.lowerBound)
            for column in 0..<pane.columns {
                let x = pane.x.lowerBound + Double(column) / Double(pane.columns - 1) * (pane.x.upperBound - pane.x.lowerBound)
                let own = predicted(run.network, x, y)
                if pane.predicted(column: column, row: row) != own { disagreements.append("(\(column), \(row)): \(own)") }
            }
            // The boundary is x ≈ 0 at every height: the first column is class 0, the last class 1.
            #expect(pane.predicted(column: 0, row: row) == 0 && pane.predicted(column: pane.columns - 1, row: row) == 1)
        }
        // The batched pass and one-point passes are the same products in the same order: the
        // same bits, so no cell may differ (not even at the boundary).
        #expect(disagreements.isEmpty, "cells that differ from the net's own prediction: \(disagreements.prefix(5))")
    }

    @Test("the points are an even sample of the training part, with their labels")
    func pointsCarryTheirLabels() throws {
        let data = try separable()
        let run = try trained(data, steps: 1)
        let pane = try #require(LiveRegions(net: "a", network: run.network, data: data, train: data)).pane(run)
        #expect(pane.points.count == 200 && pane.points.count <= LiveRegions.maxPoints)
        let labels = try #require(data.labels)
        for (k, p) in pane.points.enumerated() {
            let i = 2 * k  // 400 points, at most 300 drawn: every second one
            #expect(p.x == Double(data.inputs[2 * i]) && p.y == Double(data.inputs[2 * i + 1]) && p.classIndex == Int(labels[i]))
        }
    }

    @Test("a bigger net gets a coarser grid within the budget, never below the minimum")
    func gridShrinksWithTheNet() throws {
        let data = try separable()
        let layers = { (w: Int) -> [LayerSpec] in [.dense(units: w), .activation(.relu), .dense(units: w), .dense(units: 2)] }
        // 4,482 parameters: 48 × 48 points would cost 10.3M multiply-adds, four times the budget.
        let mid = try Network(inputShape: [2], layers: layers(64))
        let grid = try #require(LiveRegions(net: "b", network: mid, data: data, train: data)).grid
        #expect(grid.columns < LiveRegions.columns && grid.columns > LiveRegions.minimumColumns)
        // Columns and rows are rounded to whole numbers: at about 24 of each that may overshoot
        // the budget by up to (1 + 1/24)² ≈ 9 %.
        let cost = grid.columns * grid.rows * mid.parameterCount
        #expect(cost <= LiveRegions.budget * 11 / 10, "\(grid.columns)×\(grid.rows): \(cost)")
        // 265k parameters: the smallest grid, whatever the budget says.
        let big = try Network(inputShape: [2], layers: layers(512))
        #expect(
            try #require(LiveRegions(net: "c", network: big, data: data, train: data)).grid.columns == LiveRegions.minimumColumns)
    }

    @Test("only a classifier of 2-D points has regions")
    func onlyTwoDimensionalClassifiers() throws {
        let data = try separable()
        let flat = try Network(inputShape: [2], layers: [.dense(units: 2)])
        // Three inputs per example.
        let three = try Dataset(
            name: "3d", inputs: [Float](repeating: 0.5, count: 30), sampleShape: [3],
            targets: .classes([Int32](repeating: 0, count: 10), count: 2))
        let net3 = try Network(inputShape: [3], layers: [.dense(units: 2)])
        #expect(LiveRegions(net: "a", network: net3, data: three, train: three) == nil)
        // 2-D inputs with real-valued targets.
        let regression = try Dataset(
            name: "r", inputs: data.inputs, sampleShape: [2], targets: .values([Float](repeating: 1, count: 400), outputs: 1))
        let net1 = try Network(inputShape: [2], layers: [.dense(units: 1)])
        #expect(LiveRegions(net: "a", network: net1, data: regression, train: regression) == nil)
        // A net whose outputs are not one per class (nor one logit for two classes).
        let wide = try Network(inputShape: [2], layers: [.dense(units: 3)])
        #expect(LiveRegions(net: "a", network: wide, data: data, train: data) == nil)
        #expect(LiveRegions(net: "a", network: flat, data: data, train: data) != nil)
    }

    @Test("train's last snapshot has the regions of the final weights, over plot boundary's rectangle")
    func sessionSnapshots() throws {
        let host = SnapshotHost()
        let session = Session(host: host, settings: SessionSettings(directory: TestDirectories.make("regions")))
        session.execute("data d = moons n=300\nnet a = dense 16 relu, dense 2\ntrain a on d epochs=3")
        let pane = try #require(host.last?.snapshot?.regions)
        let net = try #require(session.workspace.nets["a"]), run = try #require(net.run)
        #expect(pane.title == "a regions · step \(run.step)")
        let data = try #require(session.workspace.datasets["d"])
        let looked = try session.looked(net, at: SourceSpan.start(of: "test"))
        let plotted = try PlotCommand.boundary(session, looked, at: SourceSpan.start(of: "test"))
        #expect(plotted.xMin == pane.x.lowerBound && plotted.xMax == pane.x.upperBound)
        #expect(plotted.yMin == pane.y.lowerBound && plotted.yMax == pane.y.upperBound)
        // The final weights: the pane equals one computed now.
        let now = try #require(LiveRegions(net: "a", network: run.network, data: data.full, train: run.train)).pane(run)
        #expect(now.classes == pane.classes)

        // Sequences and 1-D curves have none; the dashboard still gets its snapshot.
        session.execute("data q = sort len=4 vocab=3 n=60\nnet t = embed 8, dense 3\ntrain t on q epochs=1")
        #expect(host.last?.snapshot != nil && host.last?.snapshot?.regions == nil)
        session.execute("data c = sine n=200\nnet f = dense 8 tanh, dense 1\ntrain f on c epochs=1")
        #expect(host.last?.snapshot != nil && host.last?.snapshot?.regions == nil)
    }
}
