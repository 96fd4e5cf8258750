// The buffers one training step reads: a batch of inputs and targets gathered from a dataset,
// and the network's activation workspace. Made once per (run, batch size); reused every step.
import Datasets
import Kernels
import Networks

final class BatchBuffers: @unchecked Sendable {
    let capacity: Int
    let features: Int
    let x: FloatBuffer
    let values: FloatBuffer
    let labels: UnsafeMutablePointer<Int32>
    let indices: UnsafeMutablePointer<Int32>
    let workspace: Workspace
    let isClassification: Bool
    let outputs: Int
    /// Labels per example (sequence targets have one per position).
    let positions: Int

    init(network: Network, data: Dataset, capacity: Int) {
        self.capacity = max(capacity, 1)
        features = data.featureCount
        x = FloatBuffer(count: self.capacity * features)
        outputs = data.targetWidth
        isClassification = data.classCount != nil
        positions = data.positions
        values = FloatBuffer(count: isClassification ? 1 : self.capacity * outputs)
        labels = .allocate(capacity: self.capacity * positions)
        labels.initialize(repeating: 0, count: self.capacity * positions)
        indices = .allocate(capacity: self.capacity)
        indices.initialize(repeating: 0, count: self.capacity)
        workspace = Workspace(network: network, capacity: self.capacity)
    }

    deinit {
        labels.deallocate()
        indices.deallocate()
    }

    /// Copies rows `indices[0..<n]` of `data` into x and the targets.
    func gather(_ n: Int, from data: Dataset) {
        let f = features
        data.inputs.withUnsafeBufferPointer { src in
            guard let s = src.baseAddress else { return }
            for k in 0..<n { (x.base + k * f).update(from: s + Int(indices[k]) * f, count: f) }
        }
        switch data.targets {
        case .classes(let y, _) where positions > 1:
            let p = positions
            y.withUnsafeBufferPointer { src in
                guard let s = src.baseAddress else { return }
                for k in 0..<n { (labels + k * p).update(from: s + Int(indices[k]) * p, count: p) }
            }
        case .classes(let y, _):
            y.withUnsafeBufferPointer { src in
                for k in 0..<n { labels[k] = src[Int(indices[k])] }
            }
        case .values(let v, let w):
            v.withUnsafeBufferPointer { src in
                guard let s = src.baseAddress else { return }
                for k in 0..<n { (values.base + k * w).update(from: s + Int(indices[k]) * w, count: w) }
            }
        }
    }

    /// Copies rows start..<start+n in order (evaluation).
    func gatherRange(_ start: Int, _ n: Int, from data: Dataset) {
        for k in 0..<n { indices[k] = Int32(start + k) }
        gather(n, from: data)
    }

    var targets: LossTargets {
        isClassification ? .labels(labels, positions: positions) : .values(values.base)
    }
}
