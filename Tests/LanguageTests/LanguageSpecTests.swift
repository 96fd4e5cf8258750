// Every line of LANGUAGE.md parses and checks cleanly (alternatives `a | b` expanded).

import Diagnostics
import Language
import Testing

/// The examples of LANGUAGE.md, section by section, with their comments.
let languageSpecScript = #"""
    data d = spiral n=600 classes=3 noise=0.2          # 2D toys: spiral, moons, circles, xor, blobs, gauss
    data s = sine n=60 noise=0.3                        # 1D regression
    data m = mnist1d n=5000                             # built-in MNIST-1D generator (40 inputs, 10 classes)
    data c = csv "points.csv" target=label              # own data; header row; numeric columns
    data z = npy "x.npy" "y.npy"                        # NumPy arrays (float32/float64 x, integer or float y)
    split d train=0.7 val=0.15 test=0.15                # deterministic; the test part is locked (see eval)
    noise d labels=0.15                                 # label noise on the training part (double descent)
    augment d shift=3 scale=0.1 noise=0.05              # training-time augmentation
    show d                                              # summary table; scatter plot for 2D data
    net a = dense 32 relu, dense 32 relu, dense 3       # input size inferred from the data
    net deep = dense 32 relu x20, dense 3               # "x20" repeats the layer before it
    net res = dense 32 relu, res { dense 32 relu, dense 32 } x8, dense 3   # residual blocks: x + f(x)
    net cnn = conv 25 k=5 s=2 relu, conv 25 k=3 s=2 relu, conv 25 k=3 s=2 relu, flatten, dense 10
    net b = dense 100 relu, dropout 0.3, batchnorm, dense 10
    init a he
    init a xavier
    init a normal std=0.1
    show a                                              # layer table: shapes, parameter counts
    opt a sgd lr=0.1 momentum=0.9 nesterov              # or: adam lr=1e-3 b1=0.9 b2=0.999, adamw wd=1e-2, rmsprop
    opt a adam lr=1e-3 b1=0.9 b2=0.999
    opt a adamw wd=1e-2
    opt a rmsprop
    loss a xent                                          # xent (classes) | mse (regression) | bce; default from the data
    reg a l2=1e-4 l1=0                                   # explicit regularization
    schedule a cosine
    schedule a step every=10 gamma=0.5
    schedule a constant  warmup=100
    train a on d epochs=50 batch=32                      # live curves; Ctrl-C stops after the current step
    train a steps=500
    train a epochs=200 early=10                          # early stopping on val loss, restores the best weights
    step a 10                                            # exactly 10 optimizer steps, then a one-line status
    eval a                                               # loss and accuracy on train and val
    eval a on test                                       # the locked test part: allowed, and recorded as a "peek"
    reset a seed=3                                       # fresh weights, history cleared
    fork a as b                                          # copy weights, optimizer state and history; train on
    checkpoint a every=100                               # keep weight snapshots (for rewind, fork at=, dirs=pca)
    rewind a to step=300                                 # back to a snapshot
    fork a as c at step=300                              # branch from a snapshot; plot loss marks the branch point
    plot loss a b                                        # train (dim) and val (bright) curves, overlaid; log scale: log
    plot loss a b log
    plot acc a
    plot boundary a                                      # decision regions of a 2D classifier with the points
    plot fit a                                           # 1D regression: data, prediction
    hist a weights  layer=2                              # histograms per layer (small multiples without layer=)
    hist a grads  layer=2
    hist a acts
    norms a                                              # per-layer weight and gradient norms: vanishing/exploding
    landscape a 1d from=init res=51                      # loss along the line init → now (or from=b: between nets)
    landscape a 1d from=b
    landscape a 2d span=1 res=41 dirs=random
    landscape a 2d span=1 res=41 dirs=pca
    sharpness a                                          # top Hessian eigenvalue of the training loss
    compare a b c                                        # one table: params, losses, accuracies, sharpness, steps
    sweep s method=tpe trials=40 {                       # random | grid | tpe | bayes | hyperband (max= eta=)
      let lr ~ log(1e-4, 1e-1)
      let width ~ choice(16, 32, 64, 128)
      let depth ~ int(1, 4)
      net t = dense $width relu x$depth, dense 10
      opt t adam lr=$lr
      train t on m epochs=$budget                         # $budget is set by hyperband; a plain number otherwise
    }                                                    # the objective is the val loss of the net trained last
    show s                                               # trial table, best-so-far curve, which setting matters
    eval s.best on test                                  # the best trial's net: the one recorded look at the test part
    sweep h method=hyperband max=81 eta=3 plan           # print the bracket schedule, run nothing
    sweep b method=tpe objective=branin trials=100       # built-in test functions (branin, hartmann6): no body
    let w = 64                                           # variables, used as $w
    seed 7
    save lesson1                                         # writes sessions/lesson1.basin: the commands that ran
    run "tutorials/regularization.basin"                 # runs a script inside the session
    export a "a.safetensors"                             # weights; also: export a metrics "a.csv", export plot "loss.svg"
    export a metrics "a.csv"
    export plot "loss.svg"
    help
    help train
    history
    clear
    quit
    > A line that starts with ">" is narrative text for the reader.
    ask "At what width does train error first reach 0?" answer=42 within=10
    pause                                               # the TUI waits for the reader; batch runs continue
    """#

/// Lines from the brief and the issues that must parse too.
let extraValidLines: [String] = [
    "net c2 = conv 25 k=5 s=2 pad=1 relu, pool max 2, flatten, dense 10",
    "net n = dense 16 tanh, layernorm, dense 16 gelu, dense 8 leaky, sigmoid, dense 2 linear",
    "sweep u { let lr ~ uniform(0.01, 0.5) }",
    "sweep s2 method=hyperband max=81 eta=3 { net t = dense 32 relu, dense 10; train t on m epochs=$budget }",
    "sweep s3 method=tpe trials=10 {\n  report val_acc maximize\n}",
    "hist a weights over=time",
    "norms a over=time",
    "train epochs=5",
    "train on d",
    "data big = mnist1d n=10k",
    "train a; eval a; plot loss a",
    "exit",
]

@Suite("LANGUAGE.md")
struct LanguageSpecTests {
    @Test("every line of LANGUAGE.md parses and checks without errors")
    func everyLineParses() {
        let result = Script.parse(SourceFile(name: "LANGUAGE.md", text: languageSpecScript))
        let rendered = DiagnosticRenderer().render(
            result.diagnostics, sources: [SourceFile(name: "LANGUAGE.md", text: languageSpecScript)])
        #expect(result.errors.isEmpty, "\(rendered)")
        let topLevelLines = languageSpecScript.split(separator: "\n").filter { !$0.hasPrefix(" ") && !$0.hasPrefix("}") }
        #expect(result.script.statements.count == topLevelLines.count)
    }

    @Test(
        "each LANGUAGE.md line parses on its own, as typed at a prompt",
        arguments: languageSpecScript.split(separator: "\n").enumerated().filter {
            !$0.element.hasPrefix(" ") && !$0.element.hasPrefix("}") && !$0.element.hasPrefix("sweep s ")
        }.map { String($0.element) })
    func lineParses(_ line: String) {
        let result = Script.parse(line)
        #expect(result.errors.isEmpty, "\(result.diagnostics.map(\.message))")
        #expect(result.script.statements.count == 1)
    }

    @Test("lines from the brief and the issues parse", arguments: extraValidLines)
    func extraLineParses(_ line: String) {
        let result = Script.parse(line)
        #expect(result.errors.isEmpty, "\(result.diagnostics.map(\.message))")
    }

    @Test("every registry example parses and checks")
    func registryExamplesParse() {
        let registry = standard
        for spec in registry.commands {
            #expect(!spec.examples.isEmpty, "\(spec.name) has no example")
            for example in spec.examples {
                let result = Script.parse(example)
                #expect(result.errors.isEmpty, "\(example): \(result.diagnostics.map(\.message))")
            }
        }
        for layer in registry.layers {
            for example in layer.examples {
                let result = Script.parse("net x = \(example)")
                #expect(result.errors.isEmpty, "\(example): \(result.diagnostics.map(\.message))")
            }
        }
    }
}
