// landscape, sharpness, compare's sharpness column, export grid|directions and the over=time
// views, through a session with a recording host.
import Charts
import Foundation
import Interpreter
import Testing

@Suite("Landscapes and sharpness in the interpreter")
struct LandscapeCommandTests {
    static func trained(width: Int = 80) -> LookingFixture {
        let f = LookingFixture(width: width)
        f.run(
            """
            data d = spiral n=300 classes=3 noise=0.2
            net a = dense 16 relu, dense 16 relu, dense 3
            opt a adam lr=1e-2
            checkpoint a every=10
            train a on d epochs=8
            """)
        return f
    }

    @Test("landscape 1d draws train and val along the line with both end points marked")
    func line() throws {
        let f = Self.trained()
        #expect(f.run("landscape a 1d res=21") == .ok)
        guard case .line(let chart)? = f.recorder.charts.last else { Issue.record("no line chart"); return }
        #expect(chart.series.map(\.name) == ["train", "val"])
        #expect(chart.marks.filter { !$0.label.isEmpty }.map(\.x) == [0, 1])
        #expect(f.recorder.texts.last?.contains("at init") == true)
    }

    @Test("NET.barrier is the line's highest training loss between its ends above the higher end; asked for first, it says how")
    func barrier() throws {
        let f = Self.trained()
        #expect(f.run("expect a.barrier >= 0") == .runtimeError, "no line drawn yet")
        #expect(f.recorder.diagnostics.last?.message == "no line has been drawn from a at its current weights")
        f.run("net b = dense 16 relu, dense 16 relu, dense 3\nopt b adam lr=1e-2\ntrain b on d epochs=8")
        #expect(f.run("landscape a 1d from=b res=21") == .ok)
        guard case .line(let chart)? = f.recorder.charts.last, let train = chart.series.first else {
            Issue.record("no line chart")
            return
        }
        let ends = max(chart.marks[0].y, chart.marks[1].y)
        let between = train.points.filter { $0.x >= 0 && $0.x <= 1 }.map(\.y).max() ?? 0
        let expected = max(0, between - ends)
        #expect(f.recorder.texts.last?.contains("barrier ") == true, "\(f.recorder.texts.last ?? "")")
        #expect(f.run("expect abs(a.barrier - \(expected)) < 1e-9") == .ok, "as drawn: the chart's own points")
        let verdict = f.recorder.outputs.compactMap { if case .expectation(let v) = $0 { v } else { nil } }.last
        #expect(verdict?.holds == true, "\(String(describing: verdict))")
        f.run("train a epochs=1")
        #expect(f.run("expect a.barrier >= 0") == .runtimeError, "the weights moved: the line is stale")
    }

    @Test("landscape 2d: a heatmap with contours, the minimum marked, partial pictures while refining")
    func plane() throws {
        let f = Self.trained()
        #expect(f.run("landscape a 2d res=20 seed=3") == .ok)
        guard case .heatmap(let map)? = f.recorder.charts.last else { Issue.record("no heatmap"); return }
        #expect(map.columns == 21 && map.rows == 21 && map.marksMinimum && map.contourLevels > 0)
        #expect(map.values.allSatisfy { $0.isFinite })
        #expect(f.recorder.partials.count >= 2)
        #expect(f.recorder.texts.last?.contains("centre (the weights now)") == true)
    }

    @Test("dirs=pca draws the path ending at the centre; without snapshots it says how to get them")
    func pca() throws {
        let f = Self.trained()
        #expect(f.run("landscape a 2d dirs=pca res=15") == .ok)
        guard case .heatmap(let map)? = f.recorder.charts.last else { Issue.record("no heatmap"); return }
        #expect(map.path.last == PlotPoint(x: 0, y: 0) && map.path.count > 3)
        f.run("net b = dense 8 relu, dense 3\ntrain b on d epochs=2")
        #expect(f.run("landscape b 2d dirs=pca") == .runtimeError)
        #expect(f.recorder.diagnostics.last?.help?.contains("checkpoint b every=N") == true)
    }

    @Test("Ctrl-C during a slice keeps the computed points and shows them")
    func cancelKeepsPicture() {
        let f = Self.trained()
        f.recorder.onPartial = { [session = f.session] in session.cancel() }
        // The command ends normally, keeping its picture; the status says Ctrl-C ended it.
        #expect(f.run("landscape a 2d res=41") == .interrupted)
        guard case .heatmap(let map)? = f.recorder.charts.last else { Issue.record("no heatmap"); return }
        #expect(map.values.contains { $0.isFinite } == true)
        #expect(f.recorder.texts.last?.contains("stopped by Ctrl-C") == true)
    }

    @Test("sharpness shows its convergence; compare reuses it and says so")
    func sharpnessAndCompare() throws {
        let f = Self.trained()
        #expect(f.run("sharpness a") == .ok)
        guard case .line(let chart)? = f.recorder.charts.last else { Issue.record("no chart"); return }
        #expect(chart.series.first?.points.isEmpty == false)
        let summary = try #require(f.recorder.texts.last)
        #expect(summary.contains("top Hessian eigenvalue") && summary.contains("central differences"))
        #expect(f.run("compare a") == .ok)
        #expect(f.recorder.texts.last?.contains("from the last 'sharpness' for a") == true)
        f.run("step a 5")
        f.run("compare a")
        #expect(f.recorder.texts.last?.contains("measured now for a") == true)
    }

    @Test("sharpness eps= gives Keskar's ε-sharpness; compare adds its column while the weights are unchanged")
    func epsilonSharpness() throws {
        let f = Self.trained(width: 160)
        #expect(f.run("sharpness a eps=1e-3") == .ok)
        let summary = try #require(f.recorder.texts.last)
        #expect(
            summary.hasPrefix("a: ε-sharpness ") && summary.contains("at ε = 0.001") && summary.contains("Keskar et al. 2017"),
            "\(summary)")
        // A larger box can only rise higher.
        #expect(f.run("sharpness a eps=1e-2") == .ok)
        func percent(_ s: String) -> Double? { s.split(separator: " ").dropFirst(2).first.flatMap { Double($0) } }
        let small = percent(summary), large = percent(f.recorder.texts.last ?? "")
        #expect(small != nil && large != nil && large! > small!, "\(String(describing: small)) vs \(String(describing: large))")
        #expect(f.run("compare a") == .ok)
        guard case .table(let t)? = f.recorder.charts.last else { Issue.record("no table"); return }
        #expect(t.columns.last?.header == "ε-sharpness" && t.rows.first?.last?.hasSuffix("% (ε 0.01)") == true, "\(t.rows)")
        f.run("step a 5")
        #expect(f.run("compare a") == .ok)
        guard case .table(let u)? = f.recorder.charts.last else { Issue.record("no table"); return }
        #expect(u.columns.last?.header == "sharpness")
        #expect(f.run("sharpness a eps=3") == .runtimeError)
    }

    @Test("export grid and directions write the last landscape")
    func export() throws {
        let f = Self.trained()
        #expect(f.run("export a grid \"g.csv\"") == .runtimeError)
        f.run("landscape a 2d res=11")
        #expect(f.run("export a grid \"g.csv\"\nexport a directions \"d.safetensors\"") == .ok)
        let csv = try String(contentsOfFile: f.path("g.csv"), encoding: .utf8).split(separator: "\n")
        #expect(csv.first == "alpha,beta,loss" && csv.count == 1 + 11 * 11)
        let bytes = try #require(FileManager.default.contents(atPath: f.path("d.safetensors")))
        let header = String(decoding: bytes.dropFirst(8).prefix(2000), as: UTF8.self)
        #expect(header.contains("\"d1.0.weight\"") && header.contains("\"d2.4.bias\""))
    }

    @Test("hist over=time and norms over=time draw the recorded history")
    func overTime() {
        let f = Self.trained()
        #expect(f.run("hist a grads over=time layer=3") == .ok)
        guard case .heatmap(let map)? = f.recorder.charts.last else { Issue.record("no heatmap"); return }
        #expect(map.columns == 8 && map.xLabel == "step")
        #expect(f.run("norms a over=time") == .ok)
        guard case .line(let chart)? = f.recorder.charts.last else { Issue.record("no line chart"); return }
        #expect(chart.logY && chart.series.count == 3)
        #expect(f.run("hist a acts over=time") == .runtimeError)
    }

    @Test("every new view renders within its width at several sizes")
    func sizes() {
        let f = Self.trained()
        f.run("landscape a 1d res=21\nlandscape a 2d dirs=pca res=15\nsharpness a\nhist a weights over=time\nnorms a over=time")
        for chart in f.recorder.charts {
            for width in [40, 60, 100, 140] {
                let text = chart.rendered(width: width, profile: RenderProfile(glyphs: .unicode, colors: .none)).text
                #expect(text.split(separator: "\n").allSatisfy { $0.count <= width })
                #expect(!text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
            }
        }
    }
}
