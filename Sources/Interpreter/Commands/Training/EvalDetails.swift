// What `eval NET confusion` and `eval NET worst=K` show: the confusion matrix of one part (pooled
// over a net's seeds or folds), and the examples the net gets wrong with the most confidence,
// drawn as the data is drawn (images as images, signals as sparklines, tokens as text).
import Charts
import Datasets
import Diagnostics
import Lab
import Networks

struct EvalDetails {
    let net: String
    let data: DataEntry
    /// "val", "train" or "test".
    let part: String
    let networks: [Network]
    /// Each network's own part (folds differ; seeds share one).
    let parts: [Dataset]
    /// "seeds" or "folds".
    let noun: String

    /// Classes wider than this are drawn as a heatmap, not a table.
    static let tableClasses = 12

    func predictions(_ what: String, at span: SourceSpan) throws(RuntimeError) -> [Predictions] {
        guard data.isClassification else { throw RuntimeError(EvalRefusal.needsClasses(what: what, data: data.name), at: span) }
        let all = zip(networks, parts).compactMap { Predictions(network: $0, data: $1) }
        guard all.count == networks.count, all.allSatisfy({ $0.classes != nil }) else {
            throw RuntimeError(EvalRefusal.cannotPredict(net: net, data: data.name), at: span)
        }
        return all
    }

    /// "56%": whole percents keep a ten-class matrix within 80 columns.
    static func percent(_ n: Int, of total: Int) -> String { "\(Int((100 * Double(n) / Double(total)).rounded()))%" }

    func className(_ k: Int) -> String {
        data.classNames.flatMap { k < $0.count ? $0[k] : nil } ?? "\(k)"
    }

    func confusion(_ s: Session, at span: SourceSpan) throws(RuntimeError) {
        let all = try predictions("confusion", at: span)
        let k = all[0].classes ?? 0
        var m = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
        for p in all {
            for (i, row) in p.confusion.enumerated() { for j in row.indices { m[i][j] += row[j] } }
        }
        let total = m.joined().reduce(0, +), right = (0..<k).reduce(0) { $0 + m[$1][$1] }
        let pooled = all.count > 1 ? " · \(all.count) \(noun) pooled" : ""
        let title = "\(net) on \(data.name) \(part) · rows: true class, columns: predicted\(pooled)"
        if k <= Self.tableClasses {
            let names = (0..<k).map(className)
            var rows = (0..<k).map { i -> [String] in
                let n = m[i].reduce(0, +)
                return [names[i]] + m[i].map { $0 == 0 ? "·" : "\($0)" } + [n > 0 ? Self.percent(m[i][i], of: n) : "–"]
            }
            rows.append(
                ["precision"]
                    + (0..<k).map { j in
                        let n = (0..<k).reduce(0) { $0 + m[$1][j] }
                        return n > 0 ? Self.percent(m[j][j], of: n) : "–"
                    } + [""])
            s.emit(
                .chart(
                    .table(
                        Table(
                            title: title,
                            columns: [.init("true")] + names.map { .init($0, alignment: .right) }
                                + [.init("recall", alignment: .right)],
                            rows: rows))))
        } else {
            s.emit(
                .chart(
                    .heatmap(
                        Heatmap(
                            title: title, columns: k, rows: k,
                            values: m.flatMap { $0.map(Double.init) }, xMin: 0, xMax: Double(k - 1), yMin: 0,
                            yMax: Double(k - 1),
                            xLabel: "predicted", yLabel: "true"))))
        }
        var summary = "\(right) of \(total) right (\(pct(Double(right) / Double(max(total, 1)))))"
        var confused: (i: Int, j: Int, n: Int)?
        for i in 0..<k {
            for j in 0..<k where i != j && m[i][j] > (confused?.n ?? 0) { confused = (i, j, m[i][j]) }
        }
        if let c = confused {
            summary += "; most confused: \(className(c.i)) taken for \(className(c.j)) \(c.n) time\(c.n == 1 ? "" : "s")"
        }
        s.say(summary)
    }

    func worst(_ count: Int, _ s: Session, at span: SourceSpan) throws(RuntimeError) {
        let all = try predictions("worst=", at: span)
        let p = all[0], examples = parts[0]
        let picks = p.mostConfidentlyWrong(count)
        let whose = networks.count > 1 ? " (the first of \(networks.count) \(noun))" : ""
        guard !picks.isEmpty else {
            s.say("\(net)\(whose) gets every \(part) example of \(data.name) right: nothing is wrong to show")
            return
        }
        let k = p.classes ?? 0, positions = p.positions
        let rows = picks.map { pick -> [String] in
            let at = pick.example * positions + pick.position
            var row = ["\(pick.example)"]
            if positions > 1 { row.append("\(pick.position)") }
            row += [className(Int(p.truth[at])), className(Int(p.predicted[at])), pct(Double(p.confidence[at]))]
            let right = p.probabilities[at * k + Int(p.truth[at])]
            row.append(pct(Double(right)))
            return row
        }
        var columns: [Table.Column] = [.init("example", alignment: .right)]
        if positions > 1 { columns.append(.init("position", alignment: .right)) }
        columns += [
            .init("true"), .init("predicted"), .init("confidence", alignment: .right),
            .init("p(true)", alignment: .right),
        ]
        s.emit(
            .chart(
                .table(
                    Table(
                        title: "\(net)\(whose) on \(data.name) \(part): the \(picks.count) most confident mistakes",
                        columns: columns, rows: rows))))
        let shape = examples.sampleShape, f = examples.featureCount
        let captions = picks.map { pick -> String in
            let at = pick.example * positions + pick.position
            return "#\(pick.example) \(className(Int(p.truth[at])))→\(className(Int(p.predicted[at])))"
        }
        if shape.count == 3 {
            let (h, w) = (shape[1], shape[2])
            let images = zip(picks, captions).map { pick, caption in
                ImageGrid.Image(
                    width: w, height: h,
                    pixels: examples.inputs[(pick.example * f)..<(pick.example * f + h * w)].map(Double.init), caption: caption)
            }
            s.emit(
                .chart(
                    .images(
                        ImageGrid(
                            title: "predicted wrong, most confident first", images: images, coloring: .gray,
                            note: shape[0] > 1 ? "channel 1 of \(shape[0])" : nil))))
        } else if examples.vocabulary != nil {
            let lines = zip(picks, captions).map { pick, caption -> String in
                let x = examples.inputs[(pick.example * f)..<((pick.example + 1) * f)].map { String(Int($0)) }
                let y = (0..<positions).map { String(p.truth[pick.example * positions + $0]) }
                let z = (0..<positions).map { String(p.predicted[pick.example * positions + $0]) }
                return
                    "  \(caption): \(x.joined(separator: " ")) → \(y.joined(separator: " ")), predicted \(z.joined(separator: " "))"
            }
            s.say(lines.joined(separator: "\n"))
        } else if examples.isSignal, f >= 8 {
            for (pick, caption) in zip(picks, captions) {
                let values = examples.inputs[(pick.example * f)..<((pick.example + 1) * f)].map(Double.init)
                s.emit(.chart(.sparkline(Sparkline(label: caption, values: values, showsLast: false))))
            }
        }
    }
}
