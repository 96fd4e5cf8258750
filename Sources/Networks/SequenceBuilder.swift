// Builders for the sequence layers (embed, attention, transformer): each setting checked, with
// the shapes involved and what would work, before anything is allocated.
import Kernels

extension NetworkBuilder {
    /// Tokens an embedding table may have.
    public static let maxVocabulary = 1 << 16

    static func buildSequence(
        _ spec: LayerSpec, input: [Int], index: Int, context: inout BuildContext
    ) throws(NetworkError) -> any Layer {
        let layer: any Layer
        switch spec {
        case .embed(let width, let vocabulary):
            layer = try embed(width, vocabulary, input: input, index: index, context: context)
            context.sequence = true
        case .attention(let heads, let causal):
            let w = try sequence(input, "attention", heads: heads, index: index)
            try checkBudget(4 * w * w + 4 * w)
            layer = Attention(inputShape: input, heads: heads, causal: causal)
        case .transformer(let heads, let mlp, let causal):
            let w = try sequence(input, "transformer", heads: heads, index: index)
            let m = mlp ?? 4 * w
            try positive(m, "transformer mlp width", index: index)
            guard let count = product(2, m, w) else { throw .tooLarge(parameters: -1, bytes: -1, limit: memoryLimit) }
            try checkBudget(4 * w * w + count + 9 * w + m)
            layer = TransformerBlock(inputShape: input, heads: heads, mlp: m, causal: causal)
        default:
            return try build(spec, input: input, index: index, context: &context)
        }
        try checkWorkspace(layer, index: index)
        return layer
    }

    static func embed(
        _ width: Int, _ vocabulary: Int?, input: [Int], index: Int, context: BuildContext
    ) throws(NetworkError) -> any Layer {
        try positive(width, "embed width", index: index)
        guard context.atInput else {
            throw .invalidSetting(
                layer: index, message: "embed looks up tokens, so it must be the net's first layer",
                hint: "write 'embed \(width)' first: net t = embed \(width), transformer heads=2, dense …")
        }
        guard input.count == 1, let length = input.first, length >= 1 else {
            throw .shapeMismatch(
                layer: index, message: "embed expects a sequence of tokens, shape [L], got \(describeShape(input))",
                hint: "embed reads token data: data q = sort len=6 vocab=3 (or reverse, copy, modadd, parity, recall)")
        }
        guard let v = vocabulary ?? context.vocabulary else {
            throw .shapeMismatch(
                layer: index,
                message: "embed needs token inputs, but these inputs are real numbers (shape \(describeShape(input)))",
                hint: "use token data (data q = sort len=6 vocab=3), or say the tokens of a file: embed \(width) vocab=N")
        }
        guard v >= 1, v <= maxVocabulary else {
            throw .invalidSetting(layer: index, message: "embed vocab must be from 1 to \(maxVocabulary), got \(v)")
        }
        if let tokens = context.vocabulary, v < tokens {
            throw .invalidSetting(
                layer: index, message: "embed has vocab=\(v) but the inputs hold \(tokens) different tokens",
                hint: "use vocab=\(tokens), or leave vocab= out to take the data's")
        }
        guard let count = product(v + length, width) else { throw .tooLarge(parameters: -1, bytes: -1, limit: memoryLimit) }
        try checkBudget(count)
        return Embedding(length: length, vocabulary: v, width: width)
    }

    /// The width W of a [W, L] sequence that `heads` heads split evenly, or why not.
    static func sequence(_ input: [Int], _ kind: String, heads: Int, index: Int) throws(NetworkError) -> Int {
        try positive(heads, "\(kind) heads", index: index)
        guard input.count == 2 else {
            throw .shapeMismatch(
                layer: index,
                message: "\(kind) attends over the positions of a sequence [W×L], got \(describeShape(input))",
                hint: input.count == 1
                    ? "start the net with 'embed W' on token data (sort, recall, …), and put no flatten before \(kind)"
                    : "\(kind) reads one vector per position: a [W×L] sequence")
        }
        let w = input[0]
        guard w % heads == 0 else {
            let divisors = (1...min(w, 16)).filter { w % $0 == 0 }.map(String.init).joined(separator: ", ")
            throw .invalidSetting(
                layer: index,
                message: "\(kind) heads=\(heads) does not divide the width \(w) (each head takes W / heads features)",
                hint:
                    "use heads=\(divisors) — or a width that \(heads) divides, e.g. embed \(max(heads, (w / heads + 1) * heads))")
        }
        return w
    }
}
