// show [NAME]: a dataset, net or sweep as tables (and a 2D dataset as a scatter of its points).
import Charts
import Datasets
import Diagnostics
import Lab
import Language
import Networks

struct ShowCommand: RunnableCommand {
    var target: String?

    static var declaration: Declaration<ShowCommand> {
        Declaration(
            "show", category: "Looking", summary: "summary of a dataset, net or sweep", replayable: false,
            examples: ["show d", "show a", "show s"],
            .slot(\.target, "target", .name(.any), placeholder: "NAME", help: "a dataset, net or sweep"))
    }

    func run(_ s: Session, _ c: Context<ShowCommand>) throws(RuntimeError) -> ExecutionStatus {
        if let name = target ?? s.workspace.currentNet ?? s.workspace.currentData {
            // Nets, datasets and sweeps have names of their own: a name may be several, and shows each.
            let net = s.workspace.nets[name], data = s.workspace.datasets[name], sweep = target.flatMap { s.workspace.sweeps[$0] }
            if let sweep { s.sweeps.showSweep(sweep) }
            if let net { Self.showNet(s, net) }
            if let data { Self.showData(s, data) }
            if net != nil || data != nil || sweep != nil { return .ok }
            let names = s.workspace.allNames
            throw RuntimeError(
                LookingRefusal.nothingNamed(name: name, suggestion: suggest(name, among: names), names: names),
                at: c.span(\.target))
        }
        throw RuntimeError(LookingRefusal.nothingToShow, at: c.span)
    }

    static func showNet(_ s: Session, _ net: NetEntry) {
        guard let network = net.currentNetwork else {
            s.say(s.netSummaryLine(net))
            return
        }
        // A [C×L] input with C > 1 is converted on entry to the channels-last layout layers store.
        let entry = network.stack.inputConversion == nil ? "" : "to channels-last"
        var rows: [[String]] = [["", "input", entry, describeShape(network.inputShape), ""]]
        for (i, layer) in network.layers.enumerated() {
            let borrowed = net.transplants.first { $0.layer == i }.map { " · from \($0.source)[\($0.sourceLayer + 1)]" } ?? ""
            let frozen = borrowed + (net.setup.frozen.contains(i + 1) ? " · frozen" : "")
            rows.append([
                "\(i + 1)", layer.kind, layer.summary + frozen, describeShape(layer.outputShape), layer.parameterCount.formatted,
            ])
        }
        rows.append(["", "total", "", "", network.parameterCount.formatted])
        s.emit(
            .chart(
                .table(
                    Table(
                        title: "net \(net.name)",
                        columns: [
                            .init("#", alignment: .right), .init("layer"), .init("settings"), .init("output"),
                            .init("parameters", alignment: .right),
                        ], rows: rows))))
        let setup = net.setup
        let loss = (net.run?.loss ?? setup.loss).map(\.rawValue) ?? "from the data"
        s.say(
            "opt \(describe(setup.optimizer)) · loss \(loss) · schedule \(s.scheduleText(setup.schedule)) · batch \(setup.batchSize) · step \(net.run?.step ?? 0)"
                + (net.dataName.map { " · data \($0)" } ?? ""))
    }

    static func showData(_ s: Session, _ d: DataEntry) {
        var rows = [
            ["source", d.source], ["examples", d.full.count.formatted], ["example shape", describeShape(d.sampleShape)],
            ["train / val / test", "\(d.parts.train.count) / \(d.parts.validation.count) / \(d.parts.testCount) (locked)"],
        ]
        if let counts = d.full.classCounts() {
            let per = d.full.positions > 1 ? " (labels over all \(d.full.positions) positions)" : ""
            rows.append(["classes", "\(counts.count): " + counts.map(String.init).joined(separator: " ") + per])
        }
        if let tokens = d.full.vocabulary { rows.append(["tokens", "\(tokens) (inputs are token ids 0–\(tokens - 1))"]) }
        if let noise = d.parts.labelNoise { rows.append(["label noise", "\(noise.rows.count) training labels"]) }
        if let a = d.augmentation { rows.append(["augmentation", a.description]) }
        if d.parts.peeks.count > 0 { rows.append(["test peeks", "\(d.parts.peeks.count)"]) }
        s.emit(.chart(.table(Table(title: "data \(d.name)", columns: [.init("", alignment: .left), .init("")], rows: rows))))
        if d.sampleShape == [2], let labels = d.full.labels { s.emit(.chart(.heatmap(scatter(d.full, labels)))) }
        if d.full.vocabulary != nil { s.say(sequenceExamples(d.parts.train)) }
        if let grid = imageExamples(d) { s.emit(.chart(.images(grid))) }
        for line in signalExamples(d) { s.emit(line) }
    }

    /// Signals ([L] or [1, L], as MNIST-1D): the first two training examples of each class as
    /// sparklines, labelled with the class, under a line that says what they are.
    static func signalExamples(_ d: DataEntry) -> [Output] {
        let data = d.parts.train, f = data.featureCount
        guard data.isSignal, data.sampleShape.count <= 2, data.sampleShape.first == 1 || data.sampleShape.count == 1,
            f >= 8, let labels = data.labels, let classes = data.classCount, data.positions == 1
        else { return [] }
        var out: [Output] = [.text("\(d.name): two training signals of each class (\(f) values each, one scale per line)")]
        let names = (0..<min(classes, 16)).map { k in d.classNames.flatMap { k < $0.count ? $0[k] : nil } ?? "\(k)" }
        let width = names.map(\.count).max() ?? 1
        for (k, name) in names.enumerated() {
            let rows = labels.indices.filter { labels[$0] == Int32(k) }.prefix(2)
            for (i, row) in rows.enumerated() {
                let values = data.inputs[(row * f)..<((row + 1) * f)].map(Double.init)
                let label = (i == 0 ? name : "").padding(toLength: width, withPad: " ", startingAt: 0)
                out.append(.chart(.sparkline(Sparkline(label: label, values: values, showsLast: false))))
            }
        }
        return out
    }

    /// Images ([C×H×W]): the first training example of each class (the first ten examples of a
    /// regression), the first channel, in one gray scale so brightness compares across them.
    static func imageExamples(_ d: DataEntry) -> ImageGrid? {
        let data = d.parts.train, shape = data.sampleShape
        guard shape.count == 3, data.count > 0 else { return nil }
        let (channels, h, w) = (shape[0], shape[1], shape[2]), f = data.featureCount
        var rows: [(row: Int, caption: String)] = []
        if let labels = data.labels, let classes = data.classCount {
            for k in 0..<min(classes, 16) {
                guard let row = labels.firstIndex(of: Int32(k)) else { continue }
                let name = d.classNames.flatMap { k < $0.count ? $0[k] : nil }
                rows.append((row, name.map { "\(k) \($0)" } ?? "class \(k)"))
            }
        } else {
            rows = (0..<min(data.count, 10)).map { ($0, "example \($0 + 1)") }
        }
        let images = rows.map { r in
            ImageGrid.Image(
                width: w, height: h, pixels: data.inputs[(r.row * f)..<(r.row * f + h * w)].map(Double.init),
                caption: r.caption)
        }
        let note =
            "a training example of each class" + (channels > 1 ? "; channel 1 of \(channels)" : "")
            + (d.augmentation.map { _ in "; before augmentation" } ?? "")
        return ImageGrid(title: "\(d.name): \(w)×\(h) images", images: images, coloring: .gray, note: note)
    }

    /// The first training examples of a token dataset: "2 0 1 1 0 2 → 0 0 1 1 2 2".
    static func sequenceExamples(_ data: Dataset, count: Int = 4) -> String {
        let f = data.featureCount, p = data.positions
        guard let labels = data.labels else { return "" }
        let lines = (0..<min(count, data.count)).map { row in
            let x = data.inputs[row * f..<(row + 1) * f].map { String(Int($0)) }.joined(separator: " ")
            let y = labels[row * p..<(row + 1) * p].map(String.init).joined(separator: " ")
            return "  \(x) → \(y)"
        }
        return "first training examples (input → target):\n" + lines.joined(separator: "\n")
    }

    /// A 2D dataset as points over a blank field.
    static func scatter(_ data: Dataset, _ labels: [Int32]) -> Heatmap {
        let xs = stride(from: 0, to: data.inputs.count, by: 2).map { Double(data.inputs[$0]) }
        let ys = stride(from: 1, to: data.inputs.count, by: 2).map { Double(data.inputs[$0]) }
        let bounds = paddedBounds(xs, ys)
        let points = zip(zip(xs, ys), labels).map { p, l in Heatmap.OverlayPoint(x: p.0, y: p.1, classIndex: Int(l)) }
        return Heatmap(
            title: data.name, columns: 2, rows: 2, values: [Double](repeating: .nan, count: 4),
            xMin: bounds.x.lowerBound, xMax: bounds.x.upperBound, yMin: bounds.y.lowerBound,
            yMax: bounds.y.upperBound, coloring: .classes, points: points)
    }

    static func paddedBounds(_ xs: [Double], _ ys: [Double]) -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        func pad(_ v: [Double]) -> ClosedRange<Double> {
            let lo = v.min() ?? -1, hi = v.max() ?? 1, m = max((hi - lo) * 0.05, 1e-6)
            return (lo - m)...(hi + m)
        }
        return (pad(xs), pad(ys))
    }
}
