// explain NET [example=I] [on train|val|test] [class=K]: saliency — the gradient of one class's
// logit (the predicted class unless class= says) with respect to one example's input: which
// pixels or time steps would move the net's answer most (Simonyan et al. 2014). Images are drawn
// beside their saliency |∂logit/∂x| (the largest over channels); a signal as sparklines of the
// signal and of its saliency; a point's gradient is two numbers.
import Charts
import Datasets
import Diagnostics
import Foundation
import Lab
import Networks

struct ExplainCommand: RunnableCommand {
    var net: String?
    var example = 0
    var part: EvalCommand.Part?
    var classIndex: Int?

    static var declaration: Declaration<ExplainCommand> {
        Declaration(
            "explain", category: "Looking", summary: "saliency: which inputs move one example's prediction most",
            replayable: false,
            examples: ["explain cnn example=3", "explain a example=12 on train class=4"],
            details: "The gradient of the class's logit (the predicted class unless class= names one) with respect to "
                + "the input, in evaluation mode (Simonyan et al. 2014). Images are drawn beside |gradient| (the "
                + "largest over channels); signals as the signal and |gradient| along it. The test part counts as a peek.",
            .net(\.net),
            .option(\.example, "example", .nonNegativeInteger, help: "the example's index in the part (from 0)"),
            .slot(\.part, "part", keyword: "on", placeholder: "train|val|test", help: "the part after 'on' (default val)"),
            .option(\.classIndex, "class", .nonNegativeInteger, help: "the class whose logit is explained"))
    }

    func run(_ s: Session, _ c: Context<ExplainCommand>) throws(RuntimeError) -> ExecutionStatus {
        let n = try s.looked(try s.workspace.net(net, at: c.span(\.net)), at: c.span)
        let (chosen, examples) = try s.part(
            part, of: n.entry, n.data, reader: "explain \(n.entry.name) on test", at: c.span(\.part))
        guard examples.vocabulary == nil else {
            throw RuntimeError(ExplainRefusal.tokens(net: n.entry.name, data: n.data.name), at: c.span)
        }
        guard example < examples.count else {
            throw RuntimeError(
                ExplainRefusal.noExample(index: example, part: chosen.rawValue, count: examples.count), at: c.span(\.example))
        }
        let f = examples.featureCount
        let input = Array(examples.inputs[(example * f)..<((example + 1) * f)])
        let outputs = n.network.predictions(input, count: 1)
        let labels = examples.classCount
        let predicted = outputs.indices.max { outputs[$0] < outputs[$1] } ?? 0
        let unit = classIndex ?? (labels != nil ? predicted : 0)
        guard unit < n.network.outputCount else {
            throw RuntimeError(
                ExplainRefusal.noClass(index: unit, outputs: n.network.outputCount), at: c.span(\.classIndex))
        }
        guard let (gradient, _) = n.network.inputGradient(of: input, unit: unit) else {
            throw RuntimeError(EvalRefusal.cannotPredict(net: n.entry.name, data: n.data.name), at: c.span)
        }
        let name = { (k: Int) in n.data.classNames.flatMap { k < $0.count ? $0[k] : nil } ?? "\(k)" }
        var head = "\(n.entry.name) on \(n.data.name) \(chosen.rawValue) example \(example)"
        if let labels, let truth = examples.labels?[example] {
            let top = outputs.max() ?? 0
            let sum = outputs.reduce(0.0) { $0 + Double(($1 - top)).exp }
            head += ": true \(name(Int(truth))), predicted \(name(predicted)) (\(pct(1 / sum)))"
            head += " · saliency of the \(name(unit)) logit" + (labels > 0 && unit != predicted ? " (class=\(unit))" : "")
        } else {
            head += " · saliency of output \(unit + 1)"
        }
        let magnitude = gradient.map { abs(Double($0)) }
        let shape = examples.sampleShape
        s.say(head)
        if shape.count == 3 {
            let (channels, h, w) = (shape[0], shape[1], shape[2])
            let pixels = (0..<(h * w)).map { p in Double(input[p]) }
            let saliency = (0..<(h * w)).map { p in (0..<channels).map { magnitude[$0 * h * w + p] }.max() ?? 0 }
            s.emit(
                .chart(
                    .images(
                        ImageGrid(
                            images: [
                                .init(width: w, height: h, pixels: pixels, caption: "input"),
                                .init(width: w, height: h, pixels: saliency, caption: "|∂logit/∂x|"),
                            ], coloring: .gray, sharedRange: false,
                            note: channels > 1 ? "input: channel 1 of \(channels); saliency: the largest over channels" : nil))))
        } else if f >= 8 {
            s.emit(.chart(.sparkline(Sparkline(label: "input", values: input.map(Double.init), showsLast: false))))
            s.emit(.chart(.sparkline(Sparkline(label: "|∂/∂x|", values: magnitude, showsLast: false))))
        } else {
            s.say("∂/∂x = (" + gradient.map { Table.number(Double($0), significant: 3) }.joined(separator: ", ") + ")")
        }
        // How concentrated it is: the share of the total held by the top tenth of the inputs.
        let sorted = magnitude.sorted(by: >), total = sorted.reduce(0, +)
        if f >= 8, total > 0 {
            let top = max(1, f / 10)
            s.say(
                "the \(top) input\(top == 1 ? "" : "s") with the largest |gradient| hold \(pct(sorted.prefix(top).reduce(0, +) / total)) of it"
            )
        }
        if chosen == .test { s.sayPeek(n.data) }
        return .ok
    }
}

extension Double {
    fileprivate var exp: Double { Foundation.exp(self) }
}
