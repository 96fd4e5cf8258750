// The layer-spec tree of `net NAME = …`, which the interpreter turns into real layers.

import Diagnostics

/// `net a = dense 32 relu, res { … } x8, dense 3`.
public struct NetworkDefinition: Hashable, Sendable {
    public var name: Identifier
    public var layers: [LayerItem]
    public var span: SourceSpan

    public init(name: Identifier, layers: [LayerItem], span: SourceSpan) {
        self.name = name
        self.layers = layers
        self.span = span
    }
}

/// One comma-separated item of a net spec: a layer or a residual block, maybe repeated.
public struct LayerItem: Hashable, Sendable {
    public indirect enum Kind: Hashable, Sendable {
        case layer(Layer)
        /// `res { … }`: x + f(x).
        case residual([LayerItem])
        /// `a[1..4]` or `a[2]`: another net's layers with copies of their trained weights.
        case borrowed(net: Identifier, layers: Value)
    }

    public var kind: Kind
    /// `x20` / `x$depth`: how many copies (a number or a variable); nil means one.
    public var repeatCount: Value?
    public var span: SourceSpan

    public init(_ kind: Kind, repeatCount: Value? = nil, span: SourceSpan) {
        self.kind = kind
        self.repeatCount = repeatCount
        self.span = span
    }
}

/// Activation functions, as a layer of their own or as a layer's trailing word.
public enum Activation: String, Hashable, Sendable, CaseIterable {
    case relu, tanh, sigmoid, gelu, leaky, linear
}

/// One layer with its (possibly `$variable`) operands.
public struct Layer: Hashable, Sendable {
    public var kind: LayerKind
    /// The trailing activation word (`relu` in `dense 32 relu`); a word or a `$variable`.
    public var activation: Value?
    /// The layer's name as written (`dense`).
    public var name: Identifier
    public var span: SourceSpan

    public init(kind: LayerKind, activation: Value? = nil, name: Identifier, span: SourceSpan) {
        self.kind = kind
        self.activation = activation
        self.name = name
        self.span = span
    }
}

/// What a layer is. Sizes are `Value`s because they may be `$variables`; the interpreter
/// resolves them (`Value.resolved`) and refuses absurd sizes before allocating.
public enum LayerKind: Hashable, Sendable {
    /// `dense N`: a fully connected layer with N outputs.
    case dense(units: Value)
    /// `conv N k= s= pad=` (`dimensions` 1) or `conv2d N k= s= pad=` (2): N output channels;
    /// nil fields take the interpreter's defaults.
    case conv(channels: Value, kernel: Value?, stride: Value?, padding: Value?, dimensions: Int)
    /// `pool max|avg K` (`dimensions` 1) or `pool2d max|avg K` (2).
    case pool(mode: Value, size: Value, dimensions: Int)
    case flatten
    /// `dropout P`.
    case dropout(rate: Value)
    case batchNorm
    case layerNorm
    /// `embed W [vocab=V]`: token + position embedding.
    case embed(width: Value, vocabulary: Value?)
    /// `attention heads=H [causal]`.
    case attention(heads: Value?, causal: Bool)
    /// `transformer heads=H [mlp=M] [causal]`.
    case transformer(heads: Value?, mlp: Value?, causal: Bool)
    /// An activation on its own: `relu`.
    case activation(Activation)
}
