// Builders for the sequence layers (embed, attention, transformer): each setting checked, with
// the shapes involved, before anything is allocated.
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
            try positive(m, "transformer", .mlpWidth, index: index)
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
        try positive(width, "embed", .width, index: index)
        guard context.atInput else { throw .layer(index, .embedNotFirst(width: width)) }
        guard input.count == 1, let length = input.first, length >= 1 else {
            throw .layer(index, .embedNeedsSequence(input: input))
        }
        guard let v = vocabulary ?? context.vocabulary else {
            throw .layer(index, .embedNeedsTokens(width: width, input: input))
        }
        guard v >= 1, v <= maxVocabulary else { throw .layer(index, .vocabularyOutOfRange(v, limit: maxVocabulary)) }
        if let tokens = context.vocabulary, v < tokens { throw .layer(index, .vocabularyTooSmall(v, tokens: tokens)) }
        guard let count = product(v + length, width) else { throw .tooLarge(parameters: -1, bytes: -1, limit: memoryLimit) }
        try checkBudget(count)
        return Embedding(length: length, vocabulary: v, width: width)
    }

    /// The width W of a [W, L] sequence that `heads` heads split evenly, or why not.
    static func sequence(_ input: [Int], _ kind: String, heads: Int, index: Int) throws(NetworkError) -> Int {
        try positive(heads, kind, .heads, index: index)
        guard input.count == 2 else { throw .layer(index, .notASequence(kind: kind, input: input)) }
        let w = input[0]
        guard w % heads == 0 else { throw .layer(index, .headsDoNotDivide(kind: kind, heads: heads, width: w)) }
        return w
    }
}
