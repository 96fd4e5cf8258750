// Copying a batch out of a Dataset into the training loop's buffers: B rows of F inputs and
// B targets. The only work is the row copy; nothing is allocated (the dataset's arrays are
// read through withUnsafeBufferPointer, which borrows them).

extension Batcher {
    /// Fills `inputs` (batchSize × featureCount) and `labels` (batchSize) with the next batch
    /// of a classification dataset; returns the number of rows written.
    public mutating func fill(from data: Dataset, inputs: UnsafeMutablePointer<Float>,
                              labels: UnsafeMutablePointer<Int32>) throws(DataError) -> Int {
        try checkRows(data)
        guard case let .classes(source, _) = data.targets else {
            throw .needsClasses(operation: "a label batch", dataset: data.name)
        }
        let (start, n) = advance()
        copyInputs(data, start: start, count: n, into: inputs)
        source.withUnsafeBufferPointer { y in
            for k in 0..<n { labels[k] = y[Int(row(start + k))] }
        }
        return n
    }

    /// Fills `inputs` (batchSize × featureCount) and `values` (batchSize × outputs) with the
    /// next batch of a regression dataset; returns the number of rows written.
    public mutating func fill(from data: Dataset, inputs: UnsafeMutablePointer<Float>,
                              values: UnsafeMutablePointer<Float>) throws(DataError) -> Int {
        try checkRows(data)
        guard case let .values(source, outputs) = data.targets else {
            throw .invalidArgument(name: "targets", value: "class labels", allowed: "regression values for a value batch")
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
            throw .shapeMismatch(what: "batcher rows for '\(data.name)'", expected: [rows], got: [data.count])
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
