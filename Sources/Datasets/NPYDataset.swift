// A dataset from a pair of NPY files (`data z = npy "x.npy" "y.npy"`): x is N × (sample shape),
// any numeric dtype; y decides the task by its dtype — integers are class labels (shape [N] or
// [N, 1], values 0..<1024, classes = largest + 1), floats are regression targets ([N] or [N, k]).

extension Dataset {
    public static func loadNPY(inputs xPath: String, targets yPath: String) throws(DataError) -> Dataset {
        let x = try NPY.read(path: xPath), y = try NPY.read(path: yPath)
        guard let n = x.shape.first, n > 0 else { throw .npy(path: xPath, problem: .noRows) }
        guard y.shape.first == n else {
            throw .shapeMismatch(what: "rows of \(yPath) against \(xPath)", expected: [n], got: y.shape)
        }
        let inputs = x.floats
        if let bad = inputs.firstIndex(where: { !$0.isFinite }) { throw .npy(path: xPath, problem: .nonFinite(index: bad)) }
        let sampleShape = x.shape.count == 1 ? [1] : Array(x.shape.dropFirst())
        return try Dataset(name: baseName(xPath), inputs: inputs, sampleShape: sampleShape,
                           targets: targets(y, rows: n, path: yPath))
    }

    private static func targets(_ y: NPYArray, rows n: Int, path: String) throws(DataError) -> Targets {
        switch y.storage {
        case let .integers(values):
            guard y.shape.count == 1 || y.shape == [n, 1] else {
                throw .shapeMismatch(what: "class labels in \(path)", expected: [n], got: y.shape)
            }
            if let bad = values.firstIndex(where: { $0 < 0 || $0 >= Int64(classLimit) }) {
                throw .npy(path: path, problem: .badLabel(index: bad, value: "\(values[bad])"))
            }
            let classes = Int(values.max() ?? 0) + 1
            return .classes(values.map { Int32($0) }, count: classes)
        case let .floats(values):
            if let bad = values.firstIndex(where: { !$0.isFinite }) { throw .npy(path: path, problem: .nonFinite(index: bad)) }
            return .values(values, outputs: values.count / n)
        }
    }
}
