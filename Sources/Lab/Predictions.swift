// A network's predictions on a dataset, example by example: the outputs (logits), and for class
// targets the softmax probabilities, the predicted class and its probability. What `eval …
// confusion`, `eval … worst=K` and `export NET predictions` read. Evaluation mode, in chunks.
import Datasets
import Foundation
import Networks

public struct Predictions: Sendable {
    /// Examples.
    public let count: Int
    /// Outputs per example, as the network gives them ([classes, positions] channel-major for a
    /// sequence target).
    public let outputs: [Float]
    public let outputWidth: Int
    /// Classes, or nil for regression.
    public let classes: Int?
    /// Labelled positions per example (1 unless the targets are sequences).
    public let positions: Int
    /// Per example and position: the true class, the predicted class, its probability, and
    /// every class's probability ([count × positions × classes]). Empty for regression.
    public let truth: [Int32]
    public let predicted: [Int32]
    public let confidence: [Float]
    public let probabilities: [Float]

    /// The network's predictions on every example of `data`; nil when the shapes do not fit.
    public init?(network: Network, data: Dataset) {
        guard data.featureCount == network.inputCount, data.count > 0 else { return nil }
        let out = network.predictions(data.inputs, count: data.count)
        guard out.count == data.count * network.outputCount else { return nil }
        count = data.count
        outputs = out
        outputWidth = network.outputCount
        positions = data.positions
        guard let k = data.classCount, let labels = data.labels, network.outputCount == k * data.positions else {
            classes = nil
            truth = []
            predicted = []
            confidence = []
            probabilities = []
            return
        }
        classes = k
        let p = data.positions
        var predicted = [Int32](repeating: 0, count: count * p)
        var confidence = [Float](repeating: 0, count: count * p)
        var probabilities = [Float](repeating: 0, count: count * p * k)
        for n in 0..<count {
            for position in 0..<p {
                // Class c of this position sits at c·p + position in a [classes, positions] output.
                let logit = { (c: Int) in Double(out[n * k * p + c * p + position]) }
                var best = 0
                var top = -Double.infinity
                for c in 0..<k where logit(c) > top {
                    top = logit(c)
                    best = c
                }
                var sum = 0.0
                for c in 0..<k { sum += (logit(c) - top).exp }
                let row = (n * p + position) * k
                for c in 0..<k { probabilities[row + c] = Float((logit(c) - top).exp / sum) }
                predicted[n * p + position] = Int32(best)
                confidence[n * p + position] = probabilities[row + best]
            }
        }
        truth = labels
        self.predicted = predicted
        self.confidence = confidence
        self.probabilities = probabilities
    }

    /// counts[true][predicted] over every labelled position.
    public var confusion: [[Int]] {
        guard let k = classes else { return [] }
        var m = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
        for (t, p) in zip(truth, predicted) { m[Int(t)][Int(p)] += 1 }
        return m
    }

    /// The `k` examples predicted wrong with the highest confidence (an example of a sequence
    /// counts once, at its most confident wrong position): (example, position), most confident first.
    public func mostConfidentlyWrong(_ k: Int) -> [(example: Int, position: Int)] {
        guard classes != nil, k > 0 else { return [] }
        var wrong: [(example: Int, position: Int, confidence: Float)] = []
        for n in 0..<count {
            var worst: (Int, Float)?
            for position in 0..<positions where predicted[n * positions + position] != truth[n * positions + position] {
                let c = confidence[n * positions + position]
                if worst == nil || c > worst!.1 { worst = (position, c) }
            }
            if let worst { wrong.append((n, worst.0, worst.1)) }
        }
        // Ties keep example order, so the choice is deterministic.
        return wrong.enumerated().sorted { ($0.element.confidence, -$0.offset) > ($1.element.confidence, -$1.offset) }
            .prefix(k).map { ($0.element.example, $0.element.position) }
    }
}

extension Double {
    fileprivate var exp: Double { Foundation.exp(self) }
}
