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
            throw RuntimeError(LookingRefusal.noAttention(net: n.entry.name), at: c.span)
        }
        let wanted = layer ?? (firstLayer.offset + 1)
        guard layers.contains(where: { $0.offset + 1 == wanted }) else {
            throw RuntimeError(
                LookingRefusal.notAttention(
                    net: n.entry.name, layer: wanted,
                    kind: wanted <= n.network.layers.count ? n.network.layers[wanted - 1].kind : nil,
                    attentionLayers: layers.map { $0.offset + 1 }),
                at: c.span(\.layer))
        }
        let data = n.data.validation ?? n.data.parts.train
        let part = n.data.validation == nil ? "training" : "validation"
        guard example <= data.count else {
            throw RuntimeError(
                LookingRefusal.pastLastExample(data: n.data.name, part: part, count: data.count, example: example),
                at: c.span(\.example))
        }
        let f = data.featureCount, row = example - 1
        let x = Array(data.inputs[row * f..<(row + 1) * f])
        guard let map = n.network.attentionMaps(example: x).first(where: { $0.layer == wanted }) else {
            throw RuntimeError(LookingRefusal.noAttentionWeights(net: n.entry.name, layer: wanted), at: c.span)
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
