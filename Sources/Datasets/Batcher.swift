// Mini-batches for the training loop, copied into buffers the caller owns. After `init` (which
// allocates the epoch permutation once) producing a batch allocates nothing: it is a row copy
// loop. Two orders:
//
//  - sequential: the MNIST-1D reference loop (peers' `x[bix:bix+B]`, `bix = (step·B) mod N`).
//    Batch i starts at row (i·B) mod N and stops at B rows or at row N, whichever is first, so
//    when B does not divide N a batch near the end is short, exactly like the numpy slice.
//  - shuffled: each epoch visits the rows in a fresh seeded permutation, B at a time; the last
//    batch of an epoch holds the N mod B leftover rows, or is skipped with `dropLast`.

import Kernels

public struct Batcher: Sendable {
    public enum Order: Sendable, Equatable {
        case sequential
        case shuffled(seed: UInt64)
    }

    public let rows: Int
    public let batchSize: Int
    public let order: Order
    public let dropLast: Bool
    private let isShuffled: Bool
    /// Batches produced so far.
    public private(set) var step = 0
    /// Completed passes over the data.
    public private(set) var epoch = 0
    private var permutation: [Int32]
    private var cursor = 0
    private var rng: RNG

    public init(rows: Int, batchSize: Int, order: Order, dropLast: Bool = false) throws(DataError) {
        guard rows >= 1, rows <= Int(Int32.max) else {
            throw .invalidArgument(name: "rows", value: "\(rows)", allowed: .atLeast(1))
        }
        guard batchSize >= 1, batchSize <= 1_000_000 else {
            throw .invalidArgument(name: "batch", value: "\(batchSize)", allowed: .range(1...1_000_000))
        }
        guard !(dropLast && batchSize > rows) else {
            throw .invalidArgument(name: "batch", value: "\(batchSize)", allowed: .rowsWithDropLast(atMost: rows))
        }
        self.rows = rows; self.batchSize = batchSize; self.order = order; self.dropLast = dropLast
        isShuffled = order != .sequential
        permutation = (0..<rows).map { Int32($0) }
        rng = RNG(seed: { if case let .shuffled(seed) = order { return seed } else { return 0 } }(), stream: "batches")
        if case .shuffled = order { rng.shuffle(&permutation) }
    }

    /// Writes the row indices of the next batch into `indices` (room for `batchSize`) and
    /// returns how many there are.
    public mutating func nextRows(into indices: UnsafeMutablePointer<Int32>) -> Int {
        let (start, n) = advance()
        for k in 0..<n { indices[k] = row(start + k) }
        return n
    }

    /// The next batch as a start position and a length in the current order.
    mutating func advance() -> (start: Int, count: Int) {
        defer { step += 1 }
        switch order {
        case .sequential:
            // (step · B) mod N, computed without overflow for any step.
            let start = Int((UInt64(step % rows) &* UInt64(batchSize)) % UInt64(rows))
            let n = min(batchSize, rows - start)
            if start + n == rows { epoch += 1 }
            return (start, n)
        case .shuffled:
            if cursor >= rows { cursor = 0; rng.shuffle(&permutation) }
            let start = cursor, n = min(batchSize, rows - cursor)
            cursor += n
            if cursor == rows || (dropLast && cursor + batchSize > rows) {
                epoch += 1
                cursor = rows  // the leftover rows, if any, are dropped
            }
            return (start, n)
        }
    }

    /// The dataset row at position `i` of the current order.
    @inline(__always)
    func row(_ i: Int) -> Int32 {
        isShuffled ? permutation[i] : Int32(i)
    }
}

// MARK: - Filling the caller's buffers

// Copying a batch out of a Dataset into the training loop's buffers: B rows of F inputs and
// B targets. The only work is the row copy; nothing is allocated (the dataset's arrays are
// read through withUnsafeBufferPointer, which borrows them).

extension Batcher {
    /// Fills `inputs` (batchSize × featureCount) and `labels` (batchSize × positions: one label
    /// per example, or one per position of a sequence target) with the next batch of a
    /// classification dataset; returns the number of rows written.
    public mutating func fill(
        from data: Dataset, inputs: UnsafeMutablePointer<Float>,
        labels: UnsafeMutablePointer<Int32>
    ) throws(DataError) -> Int {
        try checkRows(data)
        guard case let .classes(source, _) = data.targets else {
            throw .needsClasses(operation: "a label batch", dataset: data.name)
        }
        let (start, n) = advance()
        copyInputs(data, start: start, count: n, into: inputs)
        let p = data.positions
        source.withUnsafeBufferPointer { y in
            for k in 0..<n {
                let r = Int(row(start + k))
                for t in 0..<p { labels[k * p + t] = y[r * p + t] }
            }
        }
        return n
    }

    /// Fills `inputs` (batchSize × featureCount) and `values` (batchSize × outputs) with the
    /// next batch of a regression dataset; returns the number of rows written.
    public mutating func fill(
        from data: Dataset, inputs: UnsafeMutablePointer<Float>,
        values: UnsafeMutablePointer<Float>
    ) throws(DataError) -> Int {
        try checkRows(data)
        guard case let .values(source, outputs) = data.targets else {
            throw .classLabelsInValueBatch
        }
        let (start, n) = advance()
        copyInputs(data, start: start, count: n, into: inputs)
        source.withUnsafeBufferPointer { y in
            guard let base = y.baseAddress else { return }
            for k in 0..<n {
                (values + k * outputs).update(from: base + Int(row(start + k)) * outputs, count: outputs)
            }
        }
        return n
    }

    private func checkRows(_ data: Dataset) throws(DataError) {
        guard data.count == rows else {
            throw .shapeMismatch(what: .batcherRows(dataset: data.name), expected: [rows], got: [data.count])
        }
    }

    /// The row copy loop: row `row(start + k)` of the inputs to row k of the batch.
    private func copyInputs(_ data: Dataset, start: Int, count n: Int, into inputs: UnsafeMutablePointer<Float>) {
        let f = data.featureCount
        data.inputs.withUnsafeBufferPointer { x in
            guard let base = x.baseAddress else { return }
            for k in 0..<n {
                (inputs + k * f).update(from: base + Int(row(start + k)) * f, count: f)
            }
        }
    }
}
