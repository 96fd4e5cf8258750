// Weights out in the safetensors format (huggingface/safetensors, "Format" in its README), which
// PyTorch, JAX and MLX load:
//
//   [8 bytes: header length N, unsigned little-endian] [N bytes: JSON header] [raw tensor data]
//
// The header maps each tensor name to {"dtype", "shape", "data_offsets": [begin, end]} (byte
// offsets into the data that follows the header) plus an optional "__metadata__" object of
// string → string. Basin writes little-endian F32, tensors in sorted name order so offsets rise
// with the keys, and pads the header with spaces to a multiple of 8 so the data is aligned (as
// the reference writer does).
//
// Names follow `Network.namedParameters` ("0.weight", "2.bias"): the same keys a PyTorch
// `nn.Sequential` of the same layers has, activations counting as layers. Shapes are PyTorch's
// (dense [out, in], conv [out, in, k]). Top-level batch norms also write their running mean and
// variance ("3.running_mean", "3.running_var"), which PyTorch keeps in the state dict too.
import Networks

public enum Safetensors {
    public struct Tensor: Sendable, Equatable {
        public var name: String
        public var shape: [Int]
        public var values: [Float]
        public init(name: String, shape: [Int], values: [Float]) {
            self.name = name
            self.shape = shape
            self.values = values
        }
    }

    /// The network's parameters (and top-level batch-norm running statistics) as named tensors.
    public static func tensors(of network: Network) -> [Tensor] {
        let parameters = network.parameters.array, state = network.state.array
        var out = network.namedParameters.map { t in
            Tensor(name: t.name, shape: t.shape, values: Array(parameters[t.offset..<(t.offset + t.count)]))
        }
        for (i, layer) in network.layers.enumerated() where layer is BatchNorm {
            let c = layer.stateCount / 2, start = network.stack.stateOffsets[i]
            guard start + 2 * c <= state.count else { continue }
            out.append(Tensor(name: "\(i).running_mean", shape: [c], values: Array(state[start..<(start + c)])))
            out.append(Tensor(name: "\(i).running_var", shape: [c], values: Array(state[(start + c)..<(start + 2 * c)])))
        }
        return out
    }

    /// The file's bytes: header length, JSON header, then each tensor's little-endian floats.
    public static func encode(_ tensors: [Tensor], metadata: [String: String] = [:]) -> [UInt8] {
        let sorted = tensors.sorted { $0.name < $1.name }
        var entries: [String] = []
        if !metadata.isEmpty {
            let fields = metadata.keys.sorted().map { "\(JSON.quoted($0)):\(JSON.quoted(metadata[$0] ?? ""))" }
            entries.append("\"__metadata__\":{\(fields.joined(separator: ","))}")
        }
        var offset = 0
        for t in sorted {
            let bytes = t.values.count * 4
            let shape = t.shape.map(String.init).joined(separator: ",")
            entries.append(
                "\(JSON.quoted(t.name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + bytes)]}")
            offset += bytes
        }
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        var out: [UInt8] = []
        out.reserveCapacity(8 + header.count + offset)
        appendLittleEndian(UInt64(header.count), to: &out)
        out += header
        for t in sorted {
            for v in t.values { appendLittleEndian(v.bitPattern, to: &out) }
        }
        return out
    }

    static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        var v = value.littleEndian
        withUnsafeBytes(of: &v) { out.append(contentsOf: $0) }
    }

}
