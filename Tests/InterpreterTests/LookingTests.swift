// The looking commands driven through a Session: plot boundary and fit, hist, norms and compare
// produce charts with the right structure and content; bad inputs give diagnostics, never traps.
import Charts
import Interpreter
import Testing

@Suite struct LookingTests {
    // MARK: plot boundary / fit

    @Test func boundaryCoversEveryClassAndDrawsTheTrainingPoints() throws {
        let f = LookingFixture.spiral()
        #expect(f.run("plot boundary a") == .ok)
        guard case .heatmap(let h)? = f.recorder.charts.last else { Issue.record("no heatmap"); return }
        #expect(h.coloring == .classes)
        #expect(h.values.count == h.columns * h.rows)
        #expect(Set(h.values) == [0, 1, 2])
        #expect(h.points.count == 420)  // the training part of 600 (70 %)
        #expect(Set(h.points.map(\.classIndex)) == [0, 1, 2])
        #expect(h.xMin < -1 && h.xMax > 1)
        #expect(h.title?.contains("step 420") == true)
    }

    @Test func boundaryReadsAtFortyColumns() {
        let f = LookingFixture.spiral(width: 40)
        f.run("plot boundary a")
        let lines = f.recorder.lastChartText().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.hasPrefix("a regions") == true)
        #expect(lines.allSatisfy { $0.count <= 40 })
        let body = lines.dropFirst().joined()
        for digit in ["0", "1", "2"] { #expect(body.contains(digit)) }
    }

    @Test func fitDrawsTheCurveThroughTheData() {
        let f = LookingFixture()
        f.run(
            """
            data s = sine n=60 noise=0.3
            net r = dense 32 tanh, dense 1
            train r epochs=20
            plot fit r
            """)
        guard case .line(let chart)? = f.recorder.charts.last else { Issue.record("no line chart"); return }
        #expect(chart.marks.count == 42 + 9)  // train + validation points
        let curve = chart.series.first { $0.name == "r" }
        #expect(curve?.points.count == 240)
        #expect(curve?.points.allSatisfy { $0.y.isFinite } == true)
        #expect(chart.series.map(\.name) == ["train", "val", "r"])
    }

    @Test(arguments: [
        ("data s = sine n=60\nnet r = dense 8 tanh, dense 1\ntrain r epochs=1\nplot boundary r", "plot boundary needs 2D inputs"),
        ("data d = spiral n=90\nnet a = dense 8 relu, dense 3\ntrain a epochs=1\nplot fit a", "plot fit needs 1D inputs"),
        ("data d = spiral n=90\nnet a = dense 8 relu, dense 3\nnet b = dense 4, dense 3\nplot boundary a b", "one net at a time"),
        ("net a = dense 8 relu, dense 3\nplot boundary a", "has no weights yet"),
        ("plot fit", "there is no net yet"),
        (
            "data d = spiral n=90\nnet a = dense 4, dense 3\ndata d = spiral n=90 classes=5\nhist a acts",
            "a was built for [2] → 3 outputs, but d now has [2] → 5 classes"
        ),
        ("data d = spiral n=90\nnet a = dense 8, dense 3\nplot boundary zz", "no net named 'zz'"),
    ])
    func plotErrors(_ script: String, _ message: String) {
        expectRuntimeError(script, message)
    }

    @Test func boundaryRefusesARegressionNet() throws {
        let f = LookingFixture()
        let csv =
            "x0,x1,y\n" + (0..<40).map { "\(Double($0) / 40),\(Double($0 % 7) / 7),\(Double($0) * 0.37)" }.joined(separator: "\n")
        try csv.write(toFile: f.path("reg.csv"), atomically: true, encoding: .utf8)
        f.run("data r = csv \"reg.csv\" target=y\nnet n = dense 4 tanh, dense 1\ntrain n epochs=1")
        #expect(f.run("plot boundary n") == .runtimeError)
        #expect(f.recorder.diagnostics.last?.message.contains("needs a classifier") == true)
    }

    // MARK: hist

    @Test func histWeightsHasOnePanelPerParametricLayer() {
        let f = LookingFixture.spiral(epochs: 2)
        #expect(f.run("hist a weights") == .ok)
        guard case .histograms(let grid)? = f.recorder.charts.last else { Issue.record("no grid"); return }
        #expect(grid.panels.map(\.title) == ["1 dense 32", "3 dense 32", "5 dense 3"])
        // Weights only (no biases), every one counted whichever range the panels use.
        #expect(grid.panels.map { $0.counts.reduce(0, +) } == [64, 1024, 96])
        #expect(grid.title?.hasPrefix("a weights · step 28 · ") == true)
    }

    @Test func histOfOneLayerAndItsBins() {
        let f = LookingFixture.spiral(epochs: 2)
        #expect(f.run("hist a weights layer=3 bins=16") == .ok)
        guard case .histogram(let h)? = f.recorder.charts.last else { Issue.record("no histogram"); return }
        #expect(h.counts.count == 16)
        #expect(h.counts.reduce(0, +) == 1024)
        #expect(h.title?.hasPrefix("a 3 dense 32 weights") == true)
    }

    @Test func histGradsSaysWhereTheGradientsCameFrom() {
        let f = LookingFixture()
        f.run("data d = spiral n=300\nnet a = dense 16 relu, dense 3")
        #expect(f.run("hist a grads") == .ok)
        guard case .histograms(let fresh)? = f.recorder.charts.last else { Issue.record("no grid"); return }
        #expect(fresh.title?.contains("untrained, batch of 210") == true)
        #expect(fresh.panels.count == 2)
        f.run("train a epochs=1\nhist a grads")
        guard case .histograms(let last)? = f.recorder.charts.last else { Issue.record("no grid"); return }
        #expect(last.title?.contains("step 7") == true)
    }

    @Test func histActsSkipsPreActivations() {
        let f = LookingFixture.spiral(epochs: 1)
        #expect(f.run("hist a acts") == .ok)
        guard case .histograms(let grid)? = f.recorder.charts.last else { Issue.record("no grid"); return }
        #expect(grid.panels.map(\.title) == ["2 dense 32 relu", "4 dense 32 relu", "5 dense 3"])
        #expect(grid.panels.map { $0.counts.reduce(0, +) } == [8192, 8192, 768])  // 256 examples × 32, 32, 3
        #expect(grid.title?.hasSuffix("256 examples") == true)
        #expect(f.run("hist a acts layer=1") == .ok)  // a pre-activation, asked for by number
    }

    @Test(
        arguments: [
            ("hist a weights layer=2", "layer 2 (relu) has no weights", "layers with weights: 1, 3, 5"),
            ("hist a grads layer=9", "a has 5 layers; there is no layer 9", "'show a' numbers its layers"),
            (
                "hist a acts over=time", "over=time covers weights and grads; activations are not recorded",
                "hist NET acts shows them now"
            ),
            ("hist zz", "no net named 'zz'", nil),
        ] as [(String, String, String?)])
    func histAndNormsErrors(_ line: String, _ message: String, _ hint: String?) {
        let f = LookingFixture.spiral(epochs: 1)
        #expect(f.run(line) == .runtimeError)
        let d = f.recorder.diagnostics.last
        #expect(d?.message == message)
        if let hint { #expect(d?.help == hint) }
    }

    // MARK: norms

    @Test func normsHasWeightAndGradientBarsPerLayer() {
        let f = LookingFixture.spiral(epochs: 3)
        #expect(f.run("norms a") == .ok)
        guard case .bars(let bars)? = f.recorder.charts.last else { Issue.record("no bars"); return }
        #expect(bars.labels == ["1 dense 32", "3 dense 32", "5 dense 3"])
        #expect(bars.series.map(\.name) == ["weights", "grads"])
        #expect(bars.series.allSatisfy { $0.values.count == 3 && $0.values.allSatisfy { $0 > 0 && $0.isFinite } })
        let all = bars.series.flatMap(\.values)
        #expect(bars.logScale == ((all.max() ?? 1) / (all.min() ?? 1) > 100))
        let text = f.recorder.lastChartText()
        #expect(text.contains("weights") && text.contains("grads"))
    }

    @Test func normsOfAnUntrainedNetUseAFreshBatch() {
        let f = LookingFixture()
        f.run("data d = spiral n=300\nnet a = dense 16 relu, dense 16 relu, dense 3")
        #expect(f.run("norms a") == .ok)
        guard case .bars(let bars)? = f.recorder.charts.last else { Issue.record("no bars"); return }
        #expect(bars.title?.contains("untrained") == true)
        #expect(bars.series[1].values.allSatisfy { $0 > 0 })
    }

    // MARK: compare

    @Test func compareHasOneRowPerNet() {
        let f = LookingFixture.spiral(width: 100, epochs: 3)
        f.run("net b = dense 8 relu, dense 3\ntrain b epochs=2\nnet c = dense 4, dense 3")
        #expect(f.run("compare a b c") == .ok)
        guard case .table(let t)? = f.recorder.charts.last else { Issue.record("no table"); return }
        #expect(
            t.columns.map(\.header) == [
                "net", "params", "steps", "train loss", "val loss", "train acc", "val acc",
                "gap", "sharpness",
            ])
        #expect(t.rows.map { $0[0] } == ["a", "b", "c"])
        #expect(t.rows.map { $0[2] } == ["42", "28", "0"])
        #expect(t.rows.allSatisfy { Double($0[8]) != nil })  // measured now (see LandscapeCommandTests)
        #expect(t.rows[2][3] != "–")  // the untrained net is evaluated at its initial weights
        #expect(t.highlightedRow != nil)
    }

    @Test func compareTransposesAtFortyColumns() {
        let f = LookingFixture.spiral(width: 40, epochs: 1)
        f.run("net b = dense 8 relu, dense 3\ntrain b epochs=1\ncompare")
        guard case .table(let t)? = f.recorder.charts.last else { Issue.record("no table"); return }
        #expect(t.columns.map(\.header) == ["", "a", "b"])
        #expect(t.rows.map { $0[0] }.last == "sharpness")
        let lines = f.recorder.lastChartText().split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 40 })
        #expect(!f.recorder.lastChartText().contains("…"))
    }

    @Test func compareWithNothingToCompare() {
        expectRuntimeError("compare", "there is no net to compare yet")
        expectRuntimeError("data d = spiral n=90\nnet a = dense 4, dense 3\ncompare a zz", "no net named 'zz'")
    }
}

/// Runs a script that must stop with a runtime error whose message contains `message`.
func expectRuntimeError(_ script: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let f = LookingFixture()
    #expect(f.run(script) == .runtimeError, sourceLocation: sourceLocation)
    let found = f.recorder.diagnostics.last?.message ?? "(no diagnostic)"
    #expect(found.contains(message), "got: \(found)", sourceLocation: sourceLocation)
}
