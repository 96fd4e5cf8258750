// The statements the grammar itself defines — `net`, `let`, `if` — declared for `help`, the
// reference and completion. Every other command is declared by its type in the interpreter
// (Interpreter/Commands.swift lists them), which adds these three to the registry it builds.

extension CommandSpec {
    /// `net NAME = LAYER, LAYER, …`
    public static let network = CommandSpec(
        "net", category: "Networks", summary: "define a net from layers (input size inferred from the data)",
        form: .network,
        examples: [
            "net a = dense 32 relu, dense 32 relu, dense 3", "net deep = dense 32 relu x20, dense 3",
            "net res = dense 32 relu, res { dense 32 relu, dense 32 } x8, dense 3",
            "net cnn = conv 25 k=5 s=2 relu, conv 25 k=3 s=2 relu, flatten, dense 10",
            "net t = embed 48, transformer heads=3 x3, dense 3", "net b = a[1..4], dense 5",
        ],
        details: "Layers: dense N, conv N k= s= pad=, pool max|avg K, flatten, dropout P, batchnorm, layernorm, "
            + "embed W, attention heads=H, transformer heads=H, "
            + "res { … }; activations as a layer or a trailing word: relu tanh sigmoid gelu leaky linear. "
            + "xN after a layer or block repeats it. NET[A..B] (or NET[N]) takes another net's layers A to B with "
            + "copies of their weights as they are now (transfer learning: 'freeze' them, train a new head).")

    /// `let NAME = VALUE` or `let NAME ~ DISTRIBUTION`
    public static let variable = CommandSpec(
        "let", category: "Sessions", summary: "set a variable, used as $name; in a sweep body, sample one",
        form: .variable,
        examples: [
            "let w = 64",
            "sweep s method=random trials=8 {\n  let lr ~ log(1e-4, 1e-1)\n  let width ~ choice(16, 32, 64, 128)\n  let depth ~ int(1, 4)\n  let p ~ uniform(0, 0.5)\n}",
        ],
        details: "Inside a sweep body, 'let NAME ~ DISTRIBUTION' samples a value per trial: log(a, b) log-uniform, "
            + "uniform(a, b), int(a, b) inclusive, choice(v1, v2, …).")

    /// `if TEST { … } [else { … }]`
    public static let conditional = CommandSpec(
        "if", category: "Sessions", summary: "run a block only when a test holds; in a sweep body, sample only then",
        form: .conditional,
        examples: [
            "let depth = 3\nif $depth >= 3 {\n  net t = dense 32 relu x$depth, dense 10\n} else {\n  net t = dense 64 relu, dense 10\n}",
            "sweep s method=tpe trials=30 {\n  let opt ~ choice(sgd, adam)\n  if $opt == sgd {\n    let momentum ~ uniform(0, 0.99)\n  }\n  let lr ~ log(1e-4, 1e-1)\n  net t = dense 64 relu, dense 10\n  if $opt == sgd {\n    opt t sgd lr=$lr momentum=$momentum\n  } else {\n    opt t adam lr=$lr\n  }\n  train t on m epochs=$budget\n}",
        ],
        details: "Tests: ==, !=, <, <=, >, >= (ordering compares numbers), and 'in (v1, v2, …)', joined by 'and' or "
            + "by 'or' (not both; read left to right, stopping once the answer is known). 'else' goes on "
            + "the line of the closing brace; 'else if' chains. In a sweep body a 'let NAME ~ …' inside an if is a "
            + "conditional parameter: sampled (and shown to TPE) only in trials where the test holds — the test "
            + "must name a parameter sampled on an earlier line, or a variable set before the sweep.")
}
