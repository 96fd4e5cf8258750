// Declarations: the layers of a net spec.

private let activationSlot = Slot(
    "activation", .oneOf(Activation.allCases.map(\.rawValue)), placeholder: "ACT",
    help: "an activation: relu, tanh, sigmoid, gelu, leaky or linear")

private let activationSummaries: [Activation: String] = [
    .relu: "max(0, x)", .tanh: "hyperbolic tangent", .sigmoid: "1 / (1 + e^-x)",
    .gelu: "x·Φ(x), the Gaussian error linear unit", .leaky: "leaky ReLU, slope 0.01 below zero",
    .linear: "identity (no activation)",
]

/// `conv` and `conv2d`: N channels, an activation, and the kernel's size, stride and padding.
private func convolution(
    _ name: String, summary: String, kernel: String, defaults: Bool = false, example: String = "conv 25 k=5 s=2 pad=1 relu"
) -> LayerDeclaration {
    LayerDeclaration(
        name, summary: summary,
        slots: [
            Slot("channels", .positiveInteger, required: true, placeholder: "N", help: "the number of channels"),
            activationSlot,
        ],
        arguments: [
            ArgumentSpec("k", .positiveInteger, help: kernel),
            ArgumentSpec("s", .positiveInteger, help: defaults ? "stride along both axes (default 1)" : "stride"),
            ArgumentSpec(
                "pad", .nonNegativeInteger, help: "zero padding on each side" + (defaults ? " (default 0)" : "")),
        ],
        examples: [example])
}

/// `pool` and `pool2d`: max or avg, and the window's size.
private func pooling(_ name: String, summary: String, size: String) -> LayerDeclaration {
    LayerDeclaration(
        name, summary: summary,
        slots: [
            Slot("mode", .oneOf(["max", "avg"]), required: true, help: "max or avg"),
            Slot("size", .positiveInteger, required: true, placeholder: "K", help: size),
        ],
        examples: ["\(name) max 2"])
}

extension CommandRegistry {
    /// Every layer of a net spec.
    public static let standardLayers: [LayerDeclaration] =
        [
            LayerDeclaration(
                "dense", summary: "fully connected layer with N outputs",
                slots: [
                    Slot("units", .positiveInteger, required: true, placeholder: "N", help: "the number of units"),
                    activationSlot,
                ],
                examples: ["dense 32 relu", "dense 10"]),
            convolution("conv", summary: "1D convolution with N output channels", kernel: "kernel size"),
            convolution(
                "conv2d", summary: "2D convolution over images [C×H×W] with N output channels",
                kernel: "kernel size, K×K (default 3)", defaults: true, example: "conv2d 16 k=3 pad=1 relu"),
            pooling("pool", summary: "max or average pooling over K positions", size: "the pooling size"),
            pooling("pool2d", summary: "max or average pooling over K×K pixels of an image", size: "the window's side"),
            LayerDeclaration("flatten", summary: "channels × positions → one vector", examples: ["flatten"]),
            LayerDeclaration(
                "dropout", summary: "zero each input with probability P while training",
                slots: [Slot("rate", .probability, required: true, placeholder: "P", help: "the drop probability")],
                examples: ["dropout 0.3"]),
            LayerDeclaration("batchnorm", summary: "batch normalization", slots: [activationSlot], examples: ["batchnorm"]),
            LayerDeclaration("layernorm", summary: "layer normalization", slots: [activationSlot], examples: ["layernorm"]),
            LayerDeclaration(
                "embed", summary: "token + learned position embedding of width W (the first layer on token data)",
                slots: [Slot("width", .positiveInteger, required: true, placeholder: "W", help: "the embedding width")],
                arguments: [
                    ArgumentSpec("vocab", .positiveInteger, help: "the number of tokens (default: the data's)")
                ],
                examples: ["embed 48"]),
            LayerDeclaration(
                "attention", summary: "multi-head self-attention over the positions",
                arguments: [
                    ArgumentSpec("heads", .positiveInteger, help: "the number of heads (must divide the width; default 1)"),
                    ArgumentSpec("causal", .flag, help: "each position attends only to itself and earlier ones"),
                ],
                examples: ["attention heads=4", "attention heads=2 causal"]),
            LayerDeclaration(
                "transformer",
                summary: "a pre-LayerNorm transformer block: x + attention(LN(x)), then x + MLP(LN(x))",
                arguments: [
                    ArgumentSpec("heads", .positiveInteger, help: "the number of heads (must divide the width; default 1)"),
                    ArgumentSpec("mlp", .positiveInteger, help: "the MLP's hidden width (default: 4 × the width)"),
                    ArgumentSpec("causal", .flag, help: "each position attends only to itself and earlier ones"),
                ],
                examples: ["transformer heads=3 x3", "transformer heads=4 mlp=128 causal"]),
        ]
        + Activation.allCases.map {
            LayerDeclaration(
                $0.rawValue, summary: activationSummaries[$0] ?? "activation", examples: [$0.rawValue],
                isActivation: true)
        }
}
