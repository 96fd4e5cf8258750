// LayerBuilder: a bound layer declaration → the typed `Layer` of the AST.

import Diagnostics

enum LayerBuilder {
    /// Builds the layer; nil only if a required slot is missing (already reported).
    static func layer(
        _ declaration: LayerDeclaration, _ binding: Binding, name: Identifier,
        span: SourceSpan
    ) -> Layer? {
        func slot(_ key: String) -> Value? { binding.slots[key]?.first }
        func argument(_ key: String) -> Value? { binding.arguments[key] }
        let kind: LayerKind
        switch declaration.name {
        case "dense":
            guard let units = slot("units") else { return nil }
            kind = .dense(units: units)
        case "conv", "conv2d":
            guard let channels = slot("channels") else { return nil }
            kind = .conv(
                channels: channels, kernel: argument("k"), stride: argument("s"), padding: argument("pad"),
                dimensions: declaration.name == "conv2d" ? 2 : 1)
        case "pool", "pool2d":
            guard let mode = slot("mode"), let size = slot("size") else { return nil }
            kind = .pool(mode: mode, size: size, dimensions: declaration.name == "pool2d" ? 2 : 1)
        case "flatten": kind = .flatten
        case "dropout":
            guard let rate = slot("rate") else { return nil }
            kind = .dropout(rate: rate)
        case "batchnorm": kind = .batchNorm
        case "layernorm": kind = .layerNorm
        case "embed":
            guard let width = slot("width") else { return nil }
            kind = .embed(width: width, vocabulary: argument("vocab"))
        case "attention":
            kind = .attention(heads: argument("heads"), causal: binding.flags["causal"] != nil)
        case "transformer":
            kind = .transformer(heads: argument("heads"), mlp: argument("mlp"), causal: binding.flags["causal"] != nil)
        default:
            guard let activation = Activation(rawValue: declaration.name) else { return nil }
            kind = .activation(activation)
        }
        return Layer(kind: kind, activation: slot("activation"), name: name, span: span)
    }
}
