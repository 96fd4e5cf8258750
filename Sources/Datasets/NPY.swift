// NPY input (numpy/lib/format.py, versions 1.0, 2.0 and 3.0): little-endian float32/float64,
// int8–int64 and uint8–uint32 in C order. The header is checked against numpy's own 10,000-byte
// limit and against the file size, and the data size implied by the shape must equal the bytes
// that follow, all before anything is allocated for the elements. Also here: a Dataset from an
// x/y pair of NPY files, and the writer (float32 and int64) for exports and round trips.

/// The element types Basin reads.
public enum NPYElementType: String, Sendable, CaseIterable {
    case float32 = "f4", float64 = "f8"
    case int8 = "i1", int16 = "i2", int32 = "i4", int64 = "i8"
    case uint8 = "u1", uint16 = "u2", uint32 = "u4"

    public var byteSize: Int {
        switch self {
        case .int8, .uint8: return 1
        case .int16, .uint16: return 2
        case .float32, .int32, .uint32: return 4
        case .float64, .int64: return 8
        }
    }
    public var isFloat: Bool { self == .float32 || self == .float64 }
}

/// A loaded array: floats as Float, integers as Int64 (both exact for what Basin needs).
public struct NPYArray: Sendable, Equatable {
    public enum Storage: Sendable, Equatable {
        case floats([Float])
        case integers([Int64])
    }

    public let shape: [Int]
    public let elementType: NPYElementType
    public let storage: Storage

    public var count: Int {
        switch storage {
        case let .floats(v): return v.count
        case let .integers(v): return v.count
        }
    }

    /// The elements as Float (integers converted).
    public var floats: [Float] {
        switch storage {
        case let .floats(v): return v
        case let .integers(v): return v.map { Float($0) }
        }
    }
}

public enum NPY {
    /// numpy's own default `max_header_size` for np.load.
    public static let maxHeaderLength = 10_000
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY

    /// Reads and decodes the file at `path`.
    /// `asFloats` converts integer elements straight to Float (inputs), never staging them as
    /// Int64: an int8 array then peaks at 5× its file size in memory, not 13×.
    public static func read(path: String, asFloats: Bool = false) throws(DataError) -> NPYArray {
        let bytes = try FileIO.read(path)
        guard !bytes.isEmpty else { throw .file(path: path, problem: .empty) }
        do {
            return try bytes.withUnsafeBufferPointer { (b) throws(NPYProblem) -> NPYArray in try decode(b, asFloats: asFloats) }
        } catch {
            throw .npy(path: path, problem: error)
        }
    }

    /// Decodes NPY bytes.
    public static func decode(_ b: UnsafeBufferPointer<UInt8>, asFloats: Bool = false) throws(NPYProblem) -> NPYArray {
        guard b.count >= 8, b.prefix(6).elementsEqual(magic) else { throw .notNPY }
        let (major, minor) = (Int(b[6]), Int(b[7]))
        guard (1...3).contains(major), minor == 0 else { throw .unsupportedVersion(major: major, minor: minor) }
        let start = major == 1 ? 10 : 12
        guard b.count >= start else { throw .truncatedHeader(needed: start, available: b.count) }
        var length = Int(b[8]) | Int(b[9]) << 8
        if major > 1 { length |= Int(b[10]) << 16 | Int(b[11]) << 24 }
        guard length <= maxHeaderLength else { throw .headerTooLong(length: length, limit: maxHeaderLength) }
        guard start + length <= b.count else { throw .truncatedHeader(needed: start + length, available: b.count) }
        var parser = NPYHeaderParser(UnsafeBufferPointer(rebasing: b[start..<start + length]))
        let header = try parser.parse()
        let type = try elementType(header.descr)
        guard let count = checkedProduct(header.shape),
            case let (bytes, overflow) = count.multipliedReportingOverflow(by: type.byteSize), !overflow
        else {
            throw .shapeOverflow(shape: header.shape)
        }
        // Refused before anything is converted: an int8 array of 1 GiB would be 4 GiB of floats.
        guard count <= Dataset.valueLimit else { throw .tooManyValues(count: count, limit: Dataset.valueLimit) }
        let data = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(b)[(start + length)...])
        guard bytes == data.count else {
            throw .sizeMismatch(shape: header.shape, expectedBytes: bytes, actualBytes: data.count)
        }
        var storage = elements(data, type: type, count: count, asFloats: asFloats)
        // Fortran order (`np.save(f, x.T)`, or any column-major array): NumPy reads both orders,
        // so Basin does too, turning the column-major elements into row-major ones.
        if header.fortranOrder && header.shape.count >= 2 {
            switch storage {
            case .floats(let v): storage = .floats(rowMajor(v, shape: header.shape))
            case .integers(let v): storage = .integers(rowMajor(v, shape: header.shape))
            }
        }
        return NPYArray(shape: header.shape, elementType: type, storage: storage)
    }

    /// Column-major elements of an array of `shape`, in row-major order.
    static func rowMajor<T>(_ values: [T], shape: [Int]) -> [T] {
        guard let first = values.first else { return values }
        // Column-major stride of each axis: 1, d0, d0·d1, …
        var strides = [Int](repeating: 1, count: shape.count)
        for axis in 1..<shape.count { strides[axis] = strides[axis - 1] * shape[axis - 1] }
        var out = [T](repeating: first, count: values.count)
        var index = [Int](repeating: 0, count: shape.count)
        for k in out.indices {
            var source = 0
            for axis in shape.indices { source += index[axis] * strides[axis] }
            out[k] = values[source]
            // Next row-major index: the last axis moves fastest.
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < shape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
        return out
    }

    /// The element type of a descr such as '<f4'; the problem for big-endian, object and
    /// anything else.
    static func elementType(_ descr: String) throws(NPYProblem) -> NPYElementType {
        var code = Substring(descr)
        let order = code.first.flatMap { "<>|=".contains($0) ? $0 : nil }
        if order != nil { code = code.dropFirst() }
        if code == "O" { throw .objectArray(descr: descr) }
        guard let type = NPYElementType(rawValue: String(code)) else { throw .unsupportedType(descr: descr) }
        if order == ">" && type.byteSize > 1 { throw .bigEndian(descr: descr) }
        return type
    }

    /// Little-endian elements → Float or Int64 storage. `data.count == count · byteSize`.
    static func elements(
        _ data: UnsafeRawBufferPointer, type: NPYElementType, count: Int, asFloats: Bool = false
    ) -> NPYArray.Storage {
        func load<T: FixedWidthInteger>(_: T.Type, _ k: Int) -> T {
            T(littleEndian: data.loadUnaligned(fromByteOffset: k * MemoryLayout<T>.size, as: T.self))
        }
        if asFloats && !type.isFloat {
            switch type {
            case .int8: return .floats((0..<count).map { Float(load(Int8.self, $0)) })
            case .int16: return .floats((0..<count).map { Float(load(Int16.self, $0)) })
            case .int32: return .floats((0..<count).map { Float(load(Int32.self, $0)) })
            case .int64: return .floats((0..<count).map { Float(load(Int64.self, $0)) })
            case .uint8: return .floats((0..<count).map { Float(load(UInt8.self, $0)) })
            case .uint16: return .floats((0..<count).map { Float(load(UInt16.self, $0)) })
            default: return .floats((0..<count).map { Float(load(UInt32.self, $0)) })
            }
        }
        switch type {
        case .float32: return .floats((0..<count).map { Float(bitPattern: load(UInt32.self, $0)) })
        case .float64: return .floats((0..<count).map { Float(Double(bitPattern: load(UInt64.self, $0))) })
        case .int8: return .integers((0..<count).map { Int64(load(Int8.self, $0)) })
        case .int16: return .integers((0..<count).map { Int64(load(Int16.self, $0)) })
        case .int32: return .integers((0..<count).map { Int64(load(Int32.self, $0)) })
        case .int64: return .integers((0..<count).map { load(Int64.self, $0) })
        case .uint8: return .integers((0..<count).map { Int64(load(UInt8.self, $0)) })
        case .uint16: return .integers((0..<count).map { Int64(load(UInt16.self, $0)) })
        case .uint32: return .integers((0..<count).map { Int64(load(UInt32.self, $0)) })
        }
    }
}

// MARK: - Datasets from NPY files

// A dataset from a pair of NPY files (`data z = npy "x.npy" "y.npy"`): x is N × (sample shape),
// any numeric dtype; y decides the task by its dtype — integers are class labels (shape [N] or
// [N, 1], values 0..<1024, classes = largest + 1), floats are regression targets ([N] or [N, k]).

extension Dataset {
    public static func loadNPY(inputs xPath: String, targets yPath: String) throws(DataError) -> Dataset {
        let x = try NPY.read(path: xPath, asFloats: true), y = try NPY.read(path: yPath)
        guard let n = x.shape.first, n > 0 else { throw .npy(path: xPath, problem: .noRows) }
        guard y.shape.first == n else {
            throw .shapeMismatch(what: .rows(targets: yPath, inputs: xPath), expected: [n], got: y.shape)
        }
        let inputs = x.floats
        if let bad = inputs.firstIndex(where: { !$0.isFinite }) { throw .npy(path: xPath, problem: .nonFinite(index: bad)) }
        let sampleShape = x.shape.count == 1 ? [1] : Array(x.shape.dropFirst())
        return try Dataset(
            name: baseName(xPath), inputs: inputs, sampleShape: sampleShape,
            targets: targets(y, rows: n, path: yPath), isSignal: true)
    }

    /// A train pair and a test pair of files (inputs, targets): one dataset, the train rows
    /// first (`trainRows` of them). Examples must have one shape and targets one kind in both;
    /// the classes are as many as the larger label of either file says.
    public static func loadNPYPair(
        train: (inputs: String, targets: String), test: (inputs: String, targets: String)
    ) throws(DataError) -> (data: Dataset, trainRows: Int) {
        let a = try loadNPY(inputs: train.inputs, targets: train.targets)
        let b = try loadNPY(inputs: test.inputs, targets: test.targets)
        guard a.sampleShape == b.sampleShape else {
            throw .filesDisagree(
                path: test.inputs, other: train.inputs, difference: .sampleShape(b.sampleShape, expected: a.sampleShape))
        }
        let targets: Targets
        switch (a.targets, b.targets) {
        case let (.classes(la, ca), .classes(lb, cb)): targets = .classes(la + lb, count: max(ca, cb))
        case let (.values(va, oa), .values(vb, ob)):
            guard oa == ob else {
                throw .filesDisagree(path: test.targets, other: train.targets, difference: .targetWidth(ob, expected: oa))
            }
            targets = .values(va + vb, outputs: oa)
        case (.classes, .values):
            throw .filesDisagree(path: test.targets, other: train.targets, difference: .targetKind(testHasClasses: false))
        case (.values, .classes):
            throw .filesDisagree(path: test.targets, other: train.targets, difference: .targetKind(testHasClasses: true))
        }
        let total = a.inputs.count + b.inputs.count
        guard total <= valueLimit else {
            throw .npy(path: test.inputs, problem: .tooManyValues(count: total, limit: valueLimit))
        }
        let data = try Dataset(
            name: a.name, inputs: a.inputs + b.inputs, sampleShape: a.sampleShape, targets: targets, isSignal: a.isSignal)
        return (data, a.count)
    }

    private static func targets(_ y: NPYArray, rows n: Int, path: String) throws(DataError) -> Targets {
        switch y.storage {
        case let .integers(values):
            guard y.shape.count == 1 || y.shape == [n, 1] else {
                throw .shapeMismatch(what: .classLabels(path: path), expected: [n], got: y.shape)
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

// MARK: - Writing

// NPY output (format version 1.0, little-endian, C order) for float32 and int64 arrays: exports
// and round-trip tests. The header is padded with spaces and a newline so the data starts on a
// 64-byte boundary, as numpy ≥ 1.x writes it.

extension NPY {
    /// The bytes of an NPY file holding `values` (float32) with `shape`.
    public static func encode(float32 values: [Float], shape: [Int]) throws(DataError) -> [UInt8] {
        var out = try header(descr: "<f4", shape: shape, count: values.count)
        out.reserveCapacity(out.count + values.count * 4)
        for v in values { append(v.bitPattern.littleEndian, to: &out) }
        return out
    }

    /// The bytes of an NPY file holding `values` (int64) with `shape`.
    public static func encode(int64 values: [Int64], shape: [Int]) throws(DataError) -> [UInt8] {
        var out = try header(descr: "<i8", shape: shape, count: values.count)
        out.reserveCapacity(out.count + values.count * 8)
        for v in values { append(v.littleEndian, to: &out) }
        return out
    }

    public static func write(float32 values: [Float], shape: [Int], to path: String) throws(DataError) {
        try FileIO.write(encode(float32: values, shape: shape), to: path)
    }

    public static func write(int64 values: [Int64], shape: [Int], to path: String) throws(DataError) {
        try FileIO.write(encode(int64: values, shape: shape), to: path)
    }

    /// Magic, version 1.0, header length and the padded dict literal.
    static func header(descr: String, shape: [Int], count: Int) throws(DataError) -> [UInt8] {
        guard checkedProduct(shape) == count else {
            throw .shapeMismatch(what: .npyShape(values: count), expected: [count], got: shape)
        }
        let dims = shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? "," : "")
        var dict = Array("{'descr': '\(descr)', 'fortran_order': False, 'shape': (\(dims)), }".utf8)
        let unpadded = 10 + dict.count + 1
        dict += [UInt8](repeating: 0x20, count: (64 - unpadded % 64) % 64) + [0x0A]
        guard dict.count <= Int(UInt16.max) else {
            throw .invalidArgument(name: "shape", value: shapeText(shape), allowed: .fewerDimensions)
        }
        return magic + [1, 0, UInt8(dict.count & 0xFF), UInt8(dict.count >> 8)] + dict
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: value) { out.append(contentsOf: $0) }
    }
}
