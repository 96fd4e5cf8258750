// Weights in: a safetensors file (Basin's own export, or a PyTorch state dict saved with
// safetensors.torch.save_file) read back into a network with the same layers.
//
// The reader trusts nothing in the file: the header length must fit the file, the header must
// be a JSON object, every tensor's dtype (F32, F64, F16, BF16), shape and byte range must agree
// and lie inside the data. Loading is strict, like PyTorch's `load_state_dict(strict=True)`:
// every tensor the network has must be there with exactly its shape, and a tensor the network
// does not have is an error — except batch norm's `num_batches_tracked`, which PyTorch stores and
// Basin does not need.
import Networks

/// Why a safetensors file cannot be read or loaded. Worded in the Interpreter
/// (Wording/LabError+Wording.swift).
public enum SafetensorsError: Error, Equatable, Sendable {
    /// The bytes are not a safetensors file.
    case malformed(Malformation)
    /// Tensor `tensor` has a `dtype` Basin does not read.
    case unsupportedDType(tensor: String, dtype: String)
    /// Tensors the network has and the file does not.
    case missing([String])
    /// Tensors the file has and the network does not.
    case unexpected([String])
    /// Tensor `tensor` has shape `got` in the file; the network's is `expected`.
    case shapeMismatch(tensor: String, expected: [Int], got: [Int])

    /// What in the bytes is not as a safetensors file has it.
    public enum Malformation: Equatable, Sendable {
        /// The file is `bytes` long, shorter than its 8-byte header length.
        case tooShort(bytes: Int)
        /// The header length says `claimed` bytes; `available` follow the length.
        case headerBeyondFile(claimed: UInt64, available: Int)
        /// The header is JSON but not an object.
        case headerNotAnObject
        /// `__metadata__` is not an object.
        case metadataNotAnObject
        /// A tensor entry without dtype, shape or two data offsets.
        case incompleteEntry(tensor: String)
        /// A tensor whose shape has an entry that is not a dimension.
        case badShape(tensor: String)
        /// A tensor whose data offsets are not within the data.
        case offsetsOutside(tensor: String)
        /// A tensor holding `bytes` whose `shape` of `dtype` needs `needed` (nil: more than can be counted).
        case sizeMismatch(tensor: String, bytes: Int, shape: [Int], dtype: String, needed: Int?)
        /// Text after the header's JSON.
        case trailingText
        /// The header's JSON stops inside a value.
        case endsEarly
        /// The header's JSON nests more than 64 deep.
        case nestedTooDeeply
        /// An object key not followed by ':'.
        case expectedColon
        /// An element followed by neither ',' nor `close`.
        case expectedSeparator(close: Character)
        /// Text that is no JSON value.
        case unexpectedText
        /// A key that is not a string.
        case expectedString
        /// A \u escape without four hexadecimal digits.
        case badEscape
        /// A string without its closing quote.
        case unclosedString
    }
}

extension Safetensors {
    /// The tensors (as Float) and the `__metadata__` strings of a safetensors file's bytes.
    /// With `network`, the header's names and shapes are checked against it first, so a file
    /// for another net is refused before any of its data is converted.
    public static func decode(
        _ bytes: [UInt8], expecting network: Network? = nil
    )
        throws(SafetensorsError) -> (tensors: [String: Tensor], metadata: [String: String])
    {
        guard bytes.count >= 8 else { throw .malformed(.tooShort(bytes: bytes.count)) }
        let length = bytes[0..<8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard length <= UInt64(bytes.count - 8) else {
            throw .malformed(.headerBeyondFile(claimed: length, available: bytes.count - 8))
        }
        let headerEnd = 8 + Int(length)
        var parser = JSONReader(bytes[8..<headerEnd])
        guard case .object(let header) = try parser.document() else { throw .malformed(.headerNotAnObject) }
        let data = bytes[headerEnd...]
        if let network {
            var shapes: [String: [Int]] = [:]
            for (name, value) in header where name != "__metadata__" && !name.hasSuffix(".num_batches_tracked") {
                guard case .object(let entry) = value, case .array(let dims)? = entry["shape"] else { continue }
                shapes[name] = dims.compactMap { if case .number(let d) = $0, d >= 0, d < 1e12 { Int(d) } else { nil } }
            }
            try checkShapes(shapes, against: network)
        }
        var tensors: [String: Tensor] = [:], metadata: [String: String] = [:]
        for (name, value) in header {
            if name == "__metadata__" {
                guard case .object(let fields) = value else { throw .malformed(.metadataNotAnObject) }
                for (k, v) in fields { if case .string(let s) = v { metadata[k] = s } }
                continue
            }
            // PyTorch's int64 batch-norm counter: Basin has no use for it (see `load`).
            if name.hasSuffix(".num_batches_tracked") { continue }
            tensors[name] = try tensor(name, value, data)
        }
        return (tensors, metadata)
    }

    static func tensor(_ name: String, _ value: JSONValue, _ data: ArraySlice<UInt8>) throws(SafetensorsError) -> Tensor {
        guard case .object(let entry) = value, case .string(let dtype)? = entry["dtype"],
            case .array(let shapeValues)? = entry["shape"], case .array(let offsets)? = entry["data_offsets"], offsets.count == 2
        else {
            throw .malformed(.incompleteEntry(tensor: name))
        }
        var shape: [Int] = []
        for v in shapeValues {
            guard case .number(let d) = v, d >= 0, d == d.rounded(), d < 1e12 else {
                throw .malformed(.badShape(tensor: name))
            }
            shape.append(Int(d))
        }
        guard case .number(let b) = offsets[0], case .number(let e) = offsets[1], b >= 0, e >= b, b == b.rounded(),
            e == e.rounded(),
            e <= Double(data.count)
        else {
            throw .malformed(.offsetsOutside(tensor: name))
        }
        let size: Int
        switch dtype {
        case "F32": size = 4
        case "F64": size = 8
        case "F16", "BF16": size = 2
        default: throw .unsupportedDType(tensor: name, dtype: dtype)
        }
        // Every product overflow-checked: a header may declare any shape.
        var (count, overflow) = (1, false)
        for d in shape where !overflow { (count, overflow) = count.multipliedReportingOverflow(by: d) }
        let (bytes, bytesOverflow) = count.multipliedReportingOverflow(by: size)
        guard !overflow, !bytesOverflow, (Int(e) - Int(b)) == bytes else {
            throw .malformed(
                .sizeMismatch(
                    tensor: name, bytes: Int(e) - Int(b), shape: shape, dtype: dtype,
                    needed: overflow || bytesOverflow ? nil : bytes))
        }
        let start = data.startIndex + Int(b)
        var values = [Float](repeating: 0, count: count)
        for i in 0..<count {
            let p = start + i * size
            func word(_ n: Int) -> UInt64 { (0..<n).reduce(UInt64(0)) { $0 | UInt64(data[p + $1]) << (8 * UInt64($1)) } }
            switch dtype {
            case "F32": values[i] = Float(bitPattern: UInt32(word(4)))
            case "F64": values[i] = Float(Double(bitPattern: word(8)))
            case "BF16": values[i] = Float(bitPattern: UInt32(word(2)) << 16)
            default: values[i] = halfToFloat(UInt16(word(2)))
            }
        }
        return Tensor(name: name, shape: shape, values: values)
    }

    /// IEEE binary16 → Float (subnormals, infinities and NaN included).
    static func halfToFloat(_ h: UInt16) -> Float {
        let sign: Float = h & 0x8000 != 0 ? -1 : 1
        let exponent = Int((h >> 10) & 0x1F), mantissa = Float(h & 0x3FF)
        switch exponent {
        case 0: return sign * mantissa * 0x1p-24
        case 31: return mantissa == 0 ? sign * .infinity : .nan
        default: return sign * (1 + mantissa / 1024) * Float(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }

    /// Writes `tensors` into `network`'s parameters and batch-norm running statistics, after
    /// checking that names and shapes match exactly (nothing is written otherwise).
    public static func load(_ tensors: [String: Tensor], into network: Network) throws(SafetensorsError) {
        try checkShapes(tensors.mapValues(\.shape), against: network)
        for t in network.namedParameters {
            let values = tensors[t.name]?.values ?? []
            for (i, v) in values.enumerated() { network.parameters[t.offset + i] = v }
        }
        for (i, layer) in network.layers.enumerated() where layer is BatchNorm {
            let c = layer.stateCount / 2, start = network.stack.stateOffsets[i]
            for (k, suffix) in ["running_mean", "running_var"].enumerated() {
                let values = tensors["\(i).\(suffix)"]?.values ?? []
                for (j, v) in values.prefix(c).enumerated() { network.state[start + k * c + j] = v }
            }
        }
    }
}

extension Safetensors {
    /// The names and shapes a file holds must be exactly `network`'s: none missing, each shape
    /// equal, none extra (PyTorch's batch-norm counters aside).
    static func checkShapes(_ shapes: [String: [Int]], against network: Network) throws(SafetensorsError) {
        let expected = Self.tensors(of: network)
        let missing = expected.map(\.name).filter { shapes[$0] == nil }
        guard missing.isEmpty else { throw .missing(missing) }
        for t in expected {
            let got = shapes[t.name] ?? []
            guard got == t.shape else { throw .shapeMismatch(tensor: t.name, expected: t.shape, got: got) }
        }
        let known = Set(expected.map(\.name))
        let extra = shapes.keys.filter { !known.contains($0) && !$0.hasSuffix(".num_batches_tracked") }.sorted()
        guard extra.isEmpty else { throw .unexpected(extra) }
    }
}

/// The JSON a safetensors header holds.
enum JSONValue: Equatable {
    case object([String: JSONValue]), array([JSONValue]), string(String), number(Double), bool(Bool), null
}

/// A small recursive-descent JSON reader (RFC 8259) with a depth limit, enough for headers.
struct JSONReader {
    let bytes: [UInt8]
    var i = 0
    var depth = 0

    init(_ slice: ArraySlice<UInt8>) { bytes = Array(slice) }

    mutating func document() throws(SafetensorsError) -> JSONValue {
        let v = try value()
        skipSpace()
        guard i == bytes.count else { throw .malformed(.trailingText) }
        return v
    }

    mutating func skipSpace() { while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 } }

    mutating func value() throws(SafetensorsError) -> JSONValue {
        skipSpace()
        guard i < bytes.count else { throw .malformed(.endsEarly) }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            return try container(close: UInt8(ascii: "}")) { r throws(SafetensorsError) in
                let key = try r.string()
                r.skipSpace()
                guard r.i < r.bytes.count, r.bytes[r.i] == UInt8(ascii: ":") else {
                    throw .malformed(.expectedColon)
                }
                r.i += 1
                return (key, try r.value())
            }
        case UInt8(ascii: "["):
            return try container(close: UInt8(ascii: "]")) { r throws(SafetensorsError) in ("", try r.value()) }
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default: return try number()
        }
    }

    /// An object (pairs with keys) or an array (pairs with empty keys), by `close`.
    mutating func container(
        close: UInt8, _ element: (inout JSONReader) throws(SafetensorsError) -> (String, JSONValue)
    ) throws(SafetensorsError) -> JSONValue {
        depth += 1
        guard depth <= 64 else { throw .malformed(.nestedTooDeeply) }
        defer { depth -= 1 }
        i += 1
        var pairs: [(String, JSONValue)] = []
        skipSpace()
        if i < bytes.count, bytes[i] == close {
            i += 1
        } else {
            while true {
                skipSpace()
                pairs.append(try element(&self))
                skipSpace()
                guard i < bytes.count else { throw .malformed(.endsEarly) }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                guard bytes[i] == close else {
                    throw .malformed(.expectedSeparator(close: Character(UnicodeScalar(close))))
                }
                i += 1
                break
            }
        }
        if close == UInt8(ascii: "]") { return .array(pairs.map(\.1)) }
        return .object(Dictionary(pairs, uniquingKeysWith: { first, _ in first }))
    }

    mutating func literal(_ word: String, _ v: JSONValue) throws(SafetensorsError) -> JSONValue {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else {
            throw .malformed(.unexpectedText)
        }
        i += w.count
        return v
    }

    mutating func number() throws(SafetensorsError) -> JSONValue {
        let start = i
        while i < bytes.count, "+-.eE0123456789".utf8.contains(bytes[i]) { i += 1 }
        guard i > start, let v = Double(String(decoding: bytes[start..<i], as: UTF8.self)) else {
            throw .malformed(.unexpectedText)
        }
        return .number(v)
    }

    mutating func string() throws(SafetensorsError) -> String {
        guard i < bytes.count else { throw .malformed(.endsEarly) }
        guard bytes[i] == UInt8(ascii: "\"") else { throw .malformed(.expectedString) }
        i += 1
        var out: [UInt8] = []
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            guard b == UInt8(ascii: "\\") else { out.append(b); continue }
            guard i < bytes.count else { break }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard i + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16)
                else {
                    throw .malformed(.badEscape)
                }
                i += 4
                out += Array(String(UnicodeScalar(code).map(Character.init) ?? "\u{FFFD}").utf8)
            default: out.append(e)
            }
        }
        throw .malformed(.unclosedString)
    }
}
