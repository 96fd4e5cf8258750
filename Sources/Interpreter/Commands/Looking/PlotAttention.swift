// plot attention NET [layer=L] [example=I]: one heatmap per head of how much each position (a
// row: the query) attends to each position (a column: the key) when the net reads one
// validation example — the tokens, the target and the net's answer in the title.
import Charts
import Datasets
import Diagnostics
import Networks

extension PlotCommand {
    func attention(_ s: Session, _ n: LookedNet, _ c: Context<PlotCommand>) throws(RuntimeError) {
        let layers = n.network.layers.enumerated().filter { $0.element is Attention || $0.element is TransformerBlock }
        guard let firstLayer = layers.first else {
            throw RuntimeError(
                "\(n.entry.name) has no attention layer to draw", at: c.span,
                hint: "a net with attention: net t = embed 32, transformer heads=2, dense …")
        }
        let wanted = layer ?? (firstLayer.offset + 1)
        guard layers.contains(where: { $0.offset + 1 == wanted }) else {
            throw RuntimeError(
                "layer \(wanted) of \(n.entry.name) is \(wanted <= n.network.layers.count ? n.network.layers[wanted - 1].kind : "not there"), "
                    + "not attention", at: c.span(\.layer),
                hint: "attention layers: " + layers.map { "layer=\($0.offset + 1)" }.joined(separator: ", "))
        }
        let data = n.data.validation ?? n.data.parts.train
        let part = n.data.validation == nil ? "training" : "validation"
        guard example <= data.count else {
            throw RuntimeError(
                "\(n.data.name) has \(data.count) \(part) examples; example=\(example) is past the last", at: c.span(\.example),
                hint: "example=1 to \(data.count)")
        }
        let f = data.featureCount, row = example - 1
        let x = Array(data.inputs[row * f..<(row + 1) * f])
        guard let map = n.network.attentionMaps(example: x).first(where: { $0.layer == wanted }) else {
            throw RuntimeError("\(n.entry.name)'s layer \(wanted) gave no attention weights", at: c.span)
        }
        let tokens = x.map { String(Int($0)) }.joined(separator: " ")
        var caption = "\(part) example \(example): \(tokens)"
        if let answer = Self.answer(map.outputs, data: data, row: row) { caption += " · " + answer }
        s.say("\(n.entry.name) layer \(wanted) (\(map.summary)), \(caption)")
        for h in 0..<map.heads {
            let l = map.length
            var values = [Double](repeating: 0, count: l * l)
            for i in 0..<l {
                for j in 0..<l { values[i * l + j] = Double(map.weight(head: h, query: i, key: j)) }
            }
            var heatmap = Heatmap(
                title: "\(n.entry.name) layer \(wanted) head \(h + 1) of \(map.heads) · \(s.stepCaption(n.entry))",
                columns: l, rows: l, values: values, xMin: 0.5, xMax: Double(l) + 0.5, yMin: 0.5, yMax: Double(l) + 0.5,
                xLabel: "attends to position", yLabel: "position")
            heatmap.cells = true
            heatmap.valueRange = 0...1
            s.emit(.chart(.heatmap(heatmap)))
        }
    }

    /// "target 0 0 1 1 2 2, answer 0 0 1 1 2 2 (right)" for a class target (one or a class per position).
    static func answer(_ outputs: [Float], data: Dataset, row: Int) -> String? {
        guard let classes = data.classCount, let labels = data.labels, outputs.count == classes * data.positions else {
            return nil
        }
        let p = data.positions
        let predicted = (0..<p).map { t in (0..<classes).max { outputs[$0 * p + t] < outputs[$1 * p + t] } ?? 0 }
        let target = (0..<p).map { Int(labels[row * p + $0]) }
        let words = { (v: [Int]) in v.map(String.init).joined(separator: " ") }
        return "target \(words(target)), answer \(words(predicted)) " + (predicted == target ? "(right)" : "(wrong)")
    }
}
