// Weights in: Basin's own safetensors files read back exactly, other dtypes converted, and every
// malformed or mismatched file refused with what is wrong.
import Kernels
import Lab
import Networks
import Testing

@Suite("Safetensors reader")
struct SafetensorsReaderTests {
    static func network(seed: UInt64, hidden: Int = 8) throws -> Network {
        let net = try Network(
            inputShape: [3],
            layers: [
                .dense(units: hidden), .activation(.relu), .batchnorm,
                .dense(units: 2),
            ])
        net.initialize(seed: seed)
        // Distinct running statistics, so loading them is visible.
        for i in 0..<net.state.count { net.state[i] = Float(i) * 0.25 + 1 }
        return net
    }

    /// A file by hand: one tensor "x" of `dtype` with `shape` and the raw little-endian `data`.
    static func file(dtype: String, shape: [Int], data: [UInt8], offsets: (Int, Int)? = nil, header: String? = nil) -> [UInt8] {
        let end = offsets ?? (0, data.count)
        let json =
            header
            ?? "{\"x\":{\"dtype\":\"\(dtype)\",\"shape\":[\(shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(end.0),\(end.1)]}}"
        let h = Array(json.utf8)
        return (0..<8).map { UInt8(truncatingIfNeeded: h.count >> (8 * $0)) } + h + data
    }

    @Test("what Basin writes reads back bit for bit, running statistics included")
    func roundTrip() throws {
        let source = try Self.network(seed: 3)
        let bytes = Safetensors.encode(Safetensors.tensors(of: source), metadata: ["step": "40"])
        let (tensors, metadata) = try Safetensors.decode(bytes)
        #expect(metadata["step"] == "40")
        let target = try Self.network(seed: 9)
        for i in 0..<target.state.count { target.state[i] = 0 }
        #expect(target.parameters.array != source.parameters.array)
        try Safetensors.load(tensors, into: target)
        #expect(target.parameters.array == source.parameters.array)
        #expect(target.state.array == source.state.array)
    }

    /// The new layers' tensors under PyTorch's names and layouts (docs/images.md, docs/sequences.md),
    /// written and read back bit for bit.
    @Test(
        "image and sequence nets round-trip with PyTorch's names and shapes",
        arguments: [
            (
                [1, 8, 8], nil as Int?,
                [
                    LayerSpec.conv(channels: 4, kernel: 3, padding: 1, dimensions: 2), .batchnorm, .activation(.relu),
                    .pool(.max, size: 2, dimensions: 2), .flatten, .dense(units: 3),
                ],
                ["0.weight": [4, 1, 3, 3], "0.bias": [4], "1.weight": [4], "5.weight": [3, 64]]
            ),
            (
                [5], 4 as Int?, [LayerSpec.embed(width: 6), .transformer(heads: 2, mlp: 12), .dense(units: 4)],
                [
                    "0.token.weight": [4, 6], "0.position.weight": [5, 6], "1.attn.in_proj_weight": [18, 6],
                    "1.mlp.0.weight": [12, 6],
                ]
            ),
        ])
    func newLayersRoundTrip(_ c: (input: [Int], vocabulary: Int?, specs: [LayerSpec], shapes: [String: [Int]])) throws {
        func net(_ seed: UInt64) throws -> Network {
            let n = try Network(inputShape: c.input, layers: c.specs, vocabulary: c.vocabulary)
            n.initialize(seed: seed)
            return n
        }
        let source = try net(3), target = try net(4)
        let (tensors, _) = try Safetensors.decode(Safetensors.encode(Safetensors.tensors(of: source), metadata: [:]))
        let shapes = tensors.mapValues(\.shape)
        for (name, shape) in c.shapes { #expect(shapes[name] == shape, "\(name): \(shapes[name] ?? [])") }
        #expect(target.parameters.array != source.parameters.array)
        try Safetensors.load(tensors, into: target)
        #expect(target.parameters.array == source.parameters.array && target.state.array == source.state.array)
    }

    @Test("F64, F16 and BF16 are converted to Float")
    func otherDTypes() throws {
        let f64 = (0..<8).map { UInt8(truncatingIfNeeded: (-2.5).bitPattern >> (8 * UInt64($0))) }
        #expect(try Safetensors.decode(Self.file(dtype: "F64", shape: [1], data: f64)).tensors["x"]?.values == [-2.5])
        // binary16: 1.0 = 0x3C00, -2.0 = 0xC000, 65504 = 0x7BFF, smallest subnormal 0x0001 = 2⁻²⁴.
        let halves: [UInt16] = [0x3C00, 0xC000, 0x7BFF, 0x0001]
        let f16 = halves.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(
            try Safetensors.decode(Self.file(dtype: "F16", shape: [2, 2], data: f16)).tensors["x"]?.values == [
                1, -2, 65504, 0x1p-24,
            ])
        // bfloat16 is the top half of a Float: 0x3FC0 = 1.5.
        #expect(try Safetensors.decode(Self.file(dtype: "BF16", shape: [1], data: [0xC0, 0x3F])).tensors["x"]?.values == [1.5])
        // PyTorch's int64 batch-norm counter is skipped, not refused for its dtype.
        let counter = "{\"2.num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]}}"
        let decoded = try Safetensors.decode(
            Self.file(dtype: "I64", shape: [], data: [UInt8](repeating: 0, count: 8), header: counter))
        #expect(decoded.tensors.isEmpty)
    }

    @Test(
        "malformed files are refused with the reason",
        arguments: [
            ([UInt8](repeating: 0, count: 5), .tooShort(bytes: 5)),
            (
                SafetensorsReaderTests.file(dtype: "F32", shape: [1], data: [0, 0, 128, 63], header: "[1, 2]"),
                .headerNotAnObject
            ),
            (SafetensorsReaderTests.file(dtype: "F32", shape: [1], data: [0, 0, 128, 63], header: "{\"x\": {"), .endsEarly),
            (
                SafetensorsReaderTests.file(dtype: "F32", shape: [2], data: [0, 0, 128, 63]),
                .sizeMismatch(tensor: "x", bytes: 4, shape: [2], dtype: "F32", needed: 8)
            ),
            (
                SafetensorsReaderTests.file(dtype: "F32", shape: [1], data: [0, 0, 128, 63], offsets: (0, 400)),
                .offsetsOutside(tensor: "x")
            ),
            (
                SafetensorsReaderTests.file(dtype: "F32", shape: [1], data: [], header: "{\"x\":{\"dtype\":\"F32\"}}"),
                .incompleteEntry(tensor: "x")
            ),
            ([255, 255, 255, 255, 0, 0, 0, 0, 123], .headerBeyondFile(claimed: 4_294_967_295, available: 1)),
            // Shapes whose element count fits an Int but whose byte count does not (it trapped).
            (
                SafetensorsReaderTests.file(dtype: "F32", shape: [100_000_000_000, 50_000_000], data: [0, 0, 128, 63]),
                .sizeMismatch(tensor: "x", bytes: 4, shape: [100_000_000_000, 50_000_000], dtype: "F32", needed: nil)
            ),
            (
                SafetensorsReaderTests.file(dtype: "F64", shape: [999_999_999_999, 999_999_999_999], data: [0, 0, 128, 63]),
                .sizeMismatch(tensor: "x", bytes: 4, shape: [999_999_999_999, 999_999_999_999], dtype: "F64", needed: nil)
            ),
        ] as [([UInt8], SafetensorsError.Malformation)])
    func malformed(_ bytes: [UInt8], _ reason: SafetensorsError.Malformation) {
        #expect(throws: SafetensorsError.malformed(reason)) { try Safetensors.decode(bytes) }
    }

    @Test func unsupportedDTypeIsNamed() {
        let bytes = Self.file(dtype: "I64", shape: [1], data: [UInt8](repeating: 0, count: 8))
        #expect(throws: SafetensorsError.unsupportedDType(tensor: "x", dtype: "I64")) { try Safetensors.decode(bytes) }
    }

    @Test("loading is strict: a missing tensor, a wrong shape or an extra tensor is refused and nothing is written")
    func strict() throws {
        let source = try Self.network(seed: 1)
        var tensors = try Safetensors.decode(Safetensors.encode(Safetensors.tensors(of: source))).tensors
        let target = try Self.network(seed: 2)
        let before = target.parameters.array

        var missing = tensors
        missing["3.bias"] = nil
        #expect(throws: SafetensorsError.missing(["3.bias"])) { try Safetensors.load(missing, into: target) }

        let wider = try Safetensors.decode(Safetensors.encode(Safetensors.tensors(of: try Self.network(seed: 1, hidden: 9))))
            .tensors
        #expect(throws: SafetensorsError.shapeMismatch(tensor: "0.weight", expected: [8, 3], got: [9, 3])) {
            try Safetensors.load(wider, into: target)
        }

        tensors["9.weight"] = Safetensors.Tensor(name: "9.weight", shape: [1], values: [0])
        #expect(throws: SafetensorsError.unexpected(["9.weight"])) { try Safetensors.load(tensors, into: target) }
        #expect(target.parameters.array == before)

        // PyTorch's batch-norm counter is accepted and ignored.
        tensors["9.weight"] = nil
        tensors["2.num_batches_tracked"] = Safetensors.Tensor(name: "2.num_batches_tracked", shape: [], values: [7])
        try Safetensors.load(tensors, into: target)
        #expect(target.parameters.array == source.parameters.array)
    }

    /// Untrusted bytes never crash the reader: every truncation of a valid file and 3,000
    /// random byte mutations of it either decode or throw (a crash fails the whole test run).
    /// `init … from` checks the header against the net before converting any data: a file for
    /// another net is refused by its shapes, even when its data would not decode at all.
    @Test func theHeaderIsCheckedBeforeTheData() throws {
        let net = try Self.network(seed: 1)
        let foreign = Self.file(dtype: "F32", shape: [1_000_000], data: [0, 0, 128, 63])  // data far too short
        #expect(throws: SafetensorsError.missing(Safetensors.tensors(of: net).map(\.name))) {
            try Safetensors.decode(foreign, expecting: net)
        }
        // Without a net to check against, the same file is refused for its data.
        #expect(
            throws: SafetensorsError.malformed(
                .sizeMismatch(tensor: "x", bytes: 4, shape: [1_000_000], dtype: "F32", needed: 4_000_000))
        ) {
            try Safetensors.decode(foreign)
        }
    }

    @Test func survivesTruncationAndMutation() throws {
        let valid = Safetensors.encode(Safetensors.tensors(of: try Self.network(seed: 5)), metadata: ["step": "1"])
        var decodedTruncations = 0
        for n in 0..<valid.count where (try? Safetensors.decode(Array(valid.prefix(n)))) != nil { decodedTruncations += 1 }
        #expect(decodedTruncations == 0)
        var rng = RNG(seed: 11)
        var outcomes = (decoded: 0, refused: 0)
        for _ in 0..<3000 {
            var bytes = valid
            for _ in 0..<(1 + rng.int(below: 4)) { bytes[rng.int(below: bytes.count)] = UInt8(rng.int(below: 256)) }
            if (try? Safetensors.decode(bytes)) != nil { outcomes.decoded += 1 } else { outcomes.refused += 1 }
        }
        #expect(outcomes.decoded + outcomes.refused == 3000)
        #expect(outcomes.refused > 0 && outcomes.decoded > 0)  // mutations in the data decode; in the header most do not
    }
}
