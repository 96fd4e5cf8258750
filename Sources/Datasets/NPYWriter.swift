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
            throw .shapeMismatch(what: "NPY shape for \(count) values", expected: [count], got: shape)
        }
        let dims = shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? "," : "")
        var dict = Array("{'descr': '\(descr)', 'fortran_order': False, 'shape': (\(dims)), }".utf8)
        let unpadded = 10 + dict.count + 1
        dict += [UInt8](repeating: 0x20, count: (64 - unpadded % 64) % 64) + [0x0A]
        guard dict.count <= Int(UInt16.max) else {
            throw .invalidArgument(name: "shape", value: shapeText(shape), allowed: "fewer dimensions")
        }
        return magic + [1, 0, UInt8(dict.count & 0xFF), UInt8(dict.count >> 8)] + dict
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: value) { out.append(contentsOf: $0) }
    }
}
