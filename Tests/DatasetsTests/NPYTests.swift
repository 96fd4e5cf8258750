// NPY: writer/reader round trips, every supported dtype from hand-built files (versions 1–3),
// and every malformed case as a table with the exact problem.

import Datasets
import Testing

/// An NPY file built by hand: magic, version, header length (2 or 4 bytes), header, data.
func npyBytes(_ header: String, data: [UInt8], major: UInt8 = 1, pad: Bool = true) -> [UInt8] {
    var h = Array(header.utf8)
    let prefix = major == 1 ? 10 : 12
    if pad { h += [UInt8](repeating: 0x20, count: (64 - (prefix + h.count + 1) % 64) % 64) + [0x0A] }
    let n = h.count
    let length: [UInt8] =
        major == 1
        ? [UInt8(n & 0xFF), UInt8(n >> 8)]
        : [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)]
    return [0x93] + Array("NUMPY".utf8) + [major, 0] + length + h + data
}

func dict(_ descr: String, _ shape: String, fortran: String = "False") -> String {
    "{'descr': '\(descr)', 'fortran_order': \(fortran), 'shape': \(shape), }"
}

func littleEndian<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
    values.flatMap { v in withUnsafeBytes(of: v.littleEndian) { Array($0) } }
}

@Suite struct NPYTests {
    @Test func float32AndInt64RoundTrip() throws {
        let dir = try ScratchDirectory()
        let x: [Float] = (0..<12).map { Float($0) * 0.25 - 1 }
        try NPY.write(float32: x, shape: [4, 3], to: dir.path + "/x.npy")
        try NPY.write(int64: [2, 0, 1, 2], shape: [4], to: dir.path + "/y.npy")
        let a = try NPY.read(path: dir.path + "/x.npy")
        #expect(a.shape == [4, 3] && a.elementType == .float32 && a.storage == .floats(x))
        let d = try Dataset.loadNPY(inputs: dir.path + "/x.npy", targets: dir.path + "/y.npy")
        #expect(d.name == "x" && d.sampleShape == [3] && d.count == 4 && d.isSignal)
        #expect(d.targets == .classes([2, 0, 1, 2], count: 3))
    }

    @Test func writerHeaderIsAlignedAndReadable() throws {
        let bytes = try NPY.encode(float32: [1, 2, 3], shape: [3])
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        #expect((10 + headerLength) % 64 == 0)
        #expect(bytes[10 + headerLength - 1] == 0x0A)
        #expect(
            String(decoding: bytes[10..<10 + headerLength], as: UTF8.self).hasPrefix(
                "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }"))
        #expect(dataError { try NPY.encode(float32: [1, 2, 3], shape: [2, 2]) } != nil)
    }

    static let dtypes: [(String, [UInt8], [Float])] = [
        ("<f8", littleEndian([Double(1.5).bitPattern, Double(-2).bitPattern]), [1.5, -2]),
        ("|i1", [0x01, 0xFE], [1, -2]),
        ("<i2", littleEndian([Int16(1), -2]), [1, -2]),
        ("<i4", littleEndian([Int32(1), -2]), [1, -2]),
        ("<i8", littleEndian([Int64(1), -2]), [1, -2]),
        ("|u1", [1, 254], [1, 254]),
        (">u1", [1, 254], [1, 254]),  // byte order is irrelevant for one-byte types
        ("<u2", littleEndian([UInt16(1), 65534]), [1, 65534]),
        ("<u4", littleEndian([UInt32(1), 4_294_967_294]), [1, 4_294_967_294]),
    ]

    @Test(arguments: dtypes)
    func everyDtypeDecodes(descr: String, data: [UInt8], expected: [Float]) throws {
        let dir = try ScratchDirectory()
        for major: UInt8 in [1, 2, 3] {
            let path = try dir.file("a\(major).npy", bytes: npyBytes(dict(descr, "(2,)"), data: data, major: major))
            let a = try NPY.read(path: path)
            #expect(a.shape == [2] && a.floats == expected)
        }
    }

    /// `np.save(f, x.T)` writes column-major data; NumPy reads both orders, so Basin does.
    /// Column-major [1…6] of shape (2, 3) is [[1, 3, 5], [2, 4, 6]]; of (2, 2, 2), element
    /// (i, j, k) sits at i + 2j + 4k.
    @Test func fortranOrderIsReadAsNumPyReadsIt() throws {
        let dir = try ScratchDirectory()
        let six = littleEndian((1...6).map { Float($0).bitPattern })
        let a = try NPY.read(path: try dir.file("f.npy", bytes: npyBytes(dict("<f4", "(2, 3)", fortran: "True"), data: six)))
        #expect(a.shape == [2, 3] && a.floats == [1, 3, 5, 2, 4, 6])
        let eight = littleEndian((0..<8).map { Int32($0) })
        let b = try NPY.read(path: try dir.file("g.npy", bytes: npyBytes(dict("<i4", "(2, 2, 2)", fortran: "True"), data: eight)))
        #expect(b.floats == [0, 4, 2, 6, 1, 5, 3, 7])
        let vector = try NPY.read(path: try dir.file("v.npy", bytes: npyBytes(dict("<f4", "(6,)", fortran: "True"), data: six)))
        #expect(vector.floats == [1, 2, 3, 4, 5, 6])
    }

    /// Inputs are read straight into Float: integer elements are not staged as Int64 (an int8
    /// file then peaked at 13× its size), and the values are the same.
    @Test func integerInputsAreReadAsFloatsDirectly() throws {
        let bytes = npyBytes(dict("|u1", "(2, 3)"), data: [0, 1, 2, 253, 254, 255])
        let a = try bytes.withUnsafeBufferPointer { (b) throws(NPYProblem) -> NPYArray in try NPY.decode(b, asFloats: true) }
        guard case .floats(let values) = a.storage else { Issue.record("staged as integers"); return }
        #expect(values == [0, 1, 2, 253, 254, 255])
        let staged = try bytes.withUnsafeBufferPointer { (b) throws(NPYProblem) -> NPYArray in try NPY.decode(b) }
        #expect(staged.floats == values)
    }

    @Test func floatTargetsRegressAndShapesCarryOver() throws {
        let dir = try ScratchDirectory()
        let x = try dir.file(
            "x.npy", bytes: npyBytes(dict("<f4", "(2, 2, 3)"), data: littleEndian((0..<12).map { Float($0).bitPattern })))
        let y = try dir.file(
            "y.npy", bytes: npyBytes(dict("<f8", "(2, 2)"), data: littleEndian([0.5, 1, 2, 3].map { Double($0).bitPattern })))
        let d = try Dataset.loadNPY(inputs: x, targets: y)
        #expect(d.sampleShape == [2, 3] && d.featureCount == 6)
        #expect(d.targets == .values([0.5, 1, 2, 3], outputs: 2))
    }

    struct Malformed: Sendable, CustomStringConvertible {
        let description: String
        let bytes: [UInt8]
        let expected: NPYProblem
    }

    static let four = littleEndian([Float(1), 2, 3, 4].map(\.bitPattern))

    static let malformed: [Malformed] = [
        .init(description: "not NPY", bytes: Array("x,y\n1,2\n".utf8), expected: .notNPY),
        .init(
            description: "version 4", bytes: npyBytes(dict("<f4", "(4,)"), data: four, major: 4),
            expected: .unsupportedVersion(major: 4, minor: 0)),
        .init(description: "big-endian", bytes: npyBytes(dict(">f4", "(4,)"), data: four), expected: .bigEndian(descr: ">f4")),
        .init(description: "object array", bytes: npyBytes(dict("|O", "(4,)"), data: four), expected: .objectArray(descr: "|O")),
        .init(description: "float16", bytes: npyBytes(dict("<f2", "(4,)"), data: four), expected: .unsupportedType(descr: "<f2")),
        .init(
            description: "structured dtype",
            bytes: npyBytes("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (4,), }", data: four),
            expected: .unsupportedType(descr: "structured dtype")),
        .init(
            description: "shape larger than data", bytes: npyBytes(dict("<f4", "(5,)"), data: four),
            expected: .sizeMismatch(shape: [5], expectedBytes: 20, actualBytes: 16)),
        .init(
            description: "shape smaller than data", bytes: npyBytes(dict("<f4", "(3,)"), data: four),
            expected: .sizeMismatch(shape: [3], expectedBytes: 12, actualBytes: 16)),
        .init(
            description: "huge shape, tiny file (more values than a dataset holds)",
            bytes: npyBytes(dict("<f4", "(1000000000, 1000000000)"), data: four),
            expected: .tooManyValues(count: 1_000_000_000_000_000_000, limit: Dataset.valueLimit)),
        .init(
            description: "a shape the data does not fill", bytes: npyBytes(dict("<f4", "(1000, 1000)"), data: four),
            expected: .sizeMismatch(shape: [1000, 1000], expectedBytes: 4_000_000, actualBytes: 16)),
        .init(
            description: "shape overflows", bytes: npyBytes(dict("<f8", "(4294967296, 4294967296)"), data: four),
            expected: .shapeOverflow(shape: [4_294_967_296, 4_294_967_296])),
        .init(
            description: "dimension overflows", bytes: npyBytes(dict("<f4", "(99999999999999999999,)"), data: four),
            expected: .malformedHeader(.dimensionTooLarge(byte: 69))),
        .init(
            description: "header too long",
            bytes: npyBytes(dict("<f4", "(4,)") + String(repeating: " ", count: 20_000), data: four),
            expected: .headerTooLong(length: 20_086, limit: 10_000)),
        .init(
            description: "header longer than file", bytes: Array(npyBytes(dict("<f4", "(4,)"), data: []).prefix(40)),
            expected: .truncatedHeader(needed: 128, available: 40)),
        .init(
            description: "header not a dict", bytes: npyBytes("[1, 2]", data: four),
            expected: .malformedHeader(.expectedCharacter("{", byte: 0))),
        .init(
            description: "missing shape", bytes: npyBytes("{'descr': '<f4', 'fortran_order': False}", data: four),
            expected: .malformedHeader(.missingKey("shape"))),
        .init(
            description: "unknown key",
            bytes: npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), 'x': 1}", data: four),
            expected: .malformedHeader(.unexpectedKey("x"))),
        .init(
            description: "bad boolean", bytes: npyBytes(dict("<f4", "(4,)", fortran: "maybe"), data: four),
            expected: .malformedHeader(.expectedBoolean(byte: 34))),
        .init(
            description: "unterminated string", bytes: npyBytes("{'descr': '<f4", data: four, pad: false),
            expected: .malformedHeader(.unterminatedString(byte: 10))),
    ]

    @Test(arguments: malformed)
    func malformedFilesGiveTypedErrors(_ c: Malformed) throws {
        let dir = try ScratchDirectory()
        let path = try dir.file("bad.npy", bytes: c.bytes)
        #expect(dataError { try NPY.read(path: path) } == .npy(path: path, problem: c.expected))
    }

    @Test func emptyFileAndBadLabels() throws {
        let dir = try ScratchDirectory()
        let empty = try dir.file("e.npy", bytes: [])
        #expect(dataError { try NPY.read(path: empty) } == .file(path: empty, problem: .empty))
        let x = try dir.file("x.npy", bytes: npyBytes(dict("<f4", "(2, 2)"), data: Self.four))
        let y = try dir.file("y.npy", bytes: npyBytes(dict("<i8", "(2,)"), data: littleEndian([Int64(1), -3])))
        #expect(
            dataError { try Dataset.loadNPY(inputs: x, targets: y) } == .npy(path: y, problem: .badLabel(index: 1, value: "-3")))
        let y3 = try dir.file("y3.npy", bytes: npyBytes(dict("<i8", "(3,)"), data: littleEndian([Int64(1), 0, 1])))
        #expect(
            dataError { try Dataset.loadNPY(inputs: x, targets: y3) }
                == .shapeMismatch(what: .rows(targets: y3, inputs: x), expected: [2], got: [3]))
        let nan = try dir.file(
            "nan.npy", bytes: npyBytes(dict("<f4", "(2, 2)"), data: littleEndian([Float(1), .nan, 3, 4].map(\.bitPattern))))
        let y2 = try dir.file("y2.npy", bytes: npyBytes(dict("<i8", "(2,)"), data: littleEndian([Int64(1), 0])))
        #expect(dataError { try Dataset.loadNPY(inputs: nan, targets: y2) } == .npy(path: nan, problem: .nonFinite(index: 1)))
    }
}

/// A dataset holds at most `Dataset.valueLimit` values: an NPY header declaring more is refused,
/// with the count and the limit, before any element is converted (an int8 array of 1 GiB would
/// otherwise become 4 GiB of floats, and its parts as much again).
@Test func npyWithMoreValuesThanADatasetHoldsIsRefusedFromItsHeader() {
    let count = Dataset.valueLimit + 1
    var header = "{'descr': '|i1', 'fortran_order': False, 'shape': (\(count),), }"
    header += String(repeating: " ", count: 63 - (10 + header.count) % 64) + "\n"
    var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)]
    bytes += Array(header.utf8) + [UInt8](repeating: 0, count: 16)
    #expect(throws: NPYProblem.tooManyValues(count: count, limit: Dataset.valueLimit)) {
        try bytes.withUnsafeBufferPointer { b throws(NPYProblem) in _ = try NPY.decode(b, asFloats: true) }
    }
}
