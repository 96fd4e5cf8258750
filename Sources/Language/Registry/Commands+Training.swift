// Declarations: training and looking (LANGUAGE.md "Training", "Looking"; issue 5's
// landscape, sharpness, checkpoint, rewind and fork).

let trainingCommands: [CommandSpec] = [
    CommandSpec("train", category: "Training", summary: "train with live curves; Ctrl-C stops after the current step",
                slots: [Common.net, Slot("data", .name(.data), keyword: "on", placeholder: "DATA", help: "the dataset after 'on'")],
                arguments: [
                    ArgumentSpec("epochs", .positiveInteger, fullName: "epochCount", defaultText: "10, when steps= is not given", help: "passes over the training part"),
                    ArgumentSpec("steps", .positiveInteger, fullName: "stepCount", help: "optimizer steps (instead of epochs)"),
                    ArgumentSpec("batch", .positiveInteger, fullName: "batchSize", defaultText: "32; a batch= is kept on the net", help: "mini-batch size"),
                    ArgumentSpec("early", .positiveInteger, fullName: "earlyStoppingPatience",
                                 defaultText: "off", help: "stop after N evaluations without a better val loss; restore the best weights"),
                    ArgumentSpec("every", .positiveInteger, fullName: "evaluationInterval", defaultText: "once per epoch, at most 100 evaluations per train", help: "evaluate every N steps"),
                    ArgumentSpec("seeds", .positiveInteger, fullName: "seedCount", defaultText: "1, or the count it trained with",
                                 help: "train N copies (seeds s … s+N−1) at once; report each and their mean ± sd"),
                ],
                examples: ["train a on d epochs=50 batch=32", "train a steps=500", "train a epochs=200 early=10", "train a epochs=20 seeds=5"],
                details: "seeds=N trains the net and N−1 copies with seeds seed+1 … seed+N−1 on every core (BASIN_THREADS caps "
                    + "it); each seed's numbers are exactly what it gets trained alone. Later trains continue all N; "
                    + "'reset NET' goes back to one."),
    CommandSpec("step", category: "Training", summary: "exactly N optimizer steps, then a one-line status",
                slots: [Common.net, Slot("count", .positiveInteger, placeholder: "N", default: .number(1), help: "the number of steps")],
                examples: ["step a 10"]),
    CommandSpec("eval", category: "Training", summary: "loss and accuracy on train and val (or the locked test part)",
                slots: [Slot("net", .name(.net), placeholder: "NET", help: "the net or a sweep's best (s.best)"),
                        Slot("part", .oneOf(["train", "val", "test"]), keyword: "on", placeholder: "train|val|test",
                             help: "the part after 'on'")],
                examples: ["eval a", "eval a on test", "eval s.best on test"],
                details: "Evaluating on the test part is allowed and recorded as a \"peek\"."),
    CommandSpec("reset", category: "Training", summary: "fresh weights, history cleared",
                slots: [Common.net], arguments: [Common.seed], examples: ["reset a seed=3"]),
    CommandSpec("fork", category: "Training", summary: "copy weights, optimizer state and history into a new net",
                slots: [Common.net,
                        Slot("new", .name(.net), keyword: "as", required: true, placeholder: "NEW", help: "the new net's name after 'as'"),
                        .marker("at")],
                arguments: [ArgumentSpec("step", .nonNegativeInteger, defaultText: "the net's current step", help: "branch from the snapshot at this step")],
                examples: ["fork a as b", "fork a as c at step=300"]),
    CommandSpec("checkpoint", category: "Training", summary: "keep weight snapshots (for rewind, fork at=, dirs=pca)",
                slots: [Common.net],
                arguments: [ArgumentSpec("every", .positiveInteger, fullName: "snapshotInterval", defaultText: "100", help: "steps between snapshots"),
                            ArgumentSpec("keep", .positiveInteger, fullName: "snapshotLimit", defaultText: "as many as fit in 256 MiB", help: "most snapshots kept")],
                examples: ["checkpoint a every=100"]),
    CommandSpec("rewind", category: "Training", summary: "go back to a snapshot",
                slots: [Common.net, .marker("to")],
                arguments: [ArgumentSpec("step", .nonNegativeInteger, help: "the snapshot's step (default: the latest)")],
                examples: ["rewind a to step=300"]),
]

let lookingCommands: [CommandSpec] = [
    CommandSpec("plot", category: "Looking", summary: "curves, decision regions, a regression fit, or a sweep against a parameter",
                slots: [Slot("what", .oneOf(["loss", "acc", "boundary", "fit"]), default: .word("loss"),
                             help: "what to plot: loss, acc, boundary or fit"),
                        Slot("nets", .name(.net), variadic: true, placeholder: "NET", help: "the nets (or, with x=, the sweep) to draw")],
                arguments: [ArgumentSpec("log", .flag, fullName: "logScale", help: "log-scale y axis"),
                            ArgumentSpec("x", .text, fullName: "parameter",
                                         help: "a sweep's parameter (or 'params', the parameter count) on the x axis")],
                examples: ["plot loss a b", "plot loss a b log", "plot acc a", "plot boundary a", "plot fit a", "plot s x=width"],
                details: "plot SWEEP x=PARAM draws the final train (dim) and val (bright) metric of every finished trial "
                    + "against PARAM — mean ± sd where trials share a value or ran with seeds= — on a log axis when the "
                    + "values span more than a decade: with label noise over width, the double-descent picture. "
                    + "x=params puts each trial's parameter count on the axis."),
    CommandSpec("hist", category: "Looking", summary: "histograms of weights, gradients or activations per layer",
                slots: [Common.net, Slot("what", .oneOf(["weights", "grads", "acts"]), default: .word("weights"), help: "weights, grads or acts")],
                arguments: [ArgumentSpec("layer", .positiveInteger, help: "only this layer (default: small multiples)"),
                            ArgumentSpec("over", .oneOf(["time"]), help: "distribution over steps"),
                            ArgumentSpec("bins", .positiveInteger, fullName: "binCount", help: "histogram bins")],
                examples: ["hist a weights layer=2", "hist a grads", "hist a weights over=time"]),
    CommandSpec("norms", category: "Looking", summary: "per-layer weight and gradient norms: vanishing or exploding",
                slots: [Common.net], arguments: [ArgumentSpec("over", .oneOf(["time"]), help: "norms over steps")],
                examples: ["norms a", "norms a over=time"]),
    CommandSpec("landscape", category: "Looking", summary: "loss-landscape slice: a line (1d) or a filter-normalized plane (2d)",
                slots: [Common.net, Slot("dims", .oneOf(["1d", "2d"]), default: .word("2d"), help: "a line (1d) or a plane (2d)")],
                arguments: [
                    ArgumentSpec("from", .name(.net), fullName: "origin", default: .word("init"), help: "1d: start of the line, init or a net"),
                    ArgumentSpec("res", .positiveInteger, fullName: "resolution", defaultText: "51 for 1d, 41 for 2d (odd: the centre is a grid point)", help: "grid points per axis"),
                    ArgumentSpec("span", .positiveNumber, default: .number(1), help: "2d: half-width of the plane (pca: times the path's reach)"),
                    ArgumentSpec("dirs", .oneOf(["random", "pca"]), fullName: "directions", default: .word("random"), help: "2d: random directions or the training path's PCA"),
                    ArgumentSpec("log", .flag, fullName: "logScale", help: "log scale (colours in 2d, y axis in 1d)"),
                    Common.seed,
                ],
                examples: ["landscape a 1d from=init res=51", "landscape a 1d from=b", "landscape a 2d span=1 res=41",
                           "landscape a 2d dirs=pca log"],
                details: """
                    1d: training and validation loss along w(α) = w_from + α·(w_now − w_from) for α in [-0.5, 1.5]; \
                    both end points are marked and exact. 2d: training loss on the plane w_now + α·d1 + β·d2; random \
                    directions are Gaussian and filter-normalized (Li et al. 2018), pca directions are the top two \
                    principal directions of the snapshots (checkpoint NET every=N before training) with the path drawn. \
                    The grid refines coarse-to-fine; Ctrl-C keeps what is computed. Batch norm and dropout are in \
                    evaluation mode. export NET grid|directions writes the last slice.
                    """),
    CommandSpec("sharpness", category: "Looking", summary: "top Hessian eigenvalue of the training loss",
                slots: [Common.net],
                arguments: [ArgumentSpec("iters", .positiveInteger, fullName: "iterationLimit", defaultText: "100 (20 with eps=)", help: "most power iterations (Frank–Wolfe steps with eps=)"),
                            ArgumentSpec("tol", .positiveNumber, fullName: "tolerance", default: .number(1e-3), help: "relative tolerance"),
                            ArgumentSpec("eps", .positiveNumber, fullName: "epsilon", help: "ε-sharpness of Keskar et al. in a box of relative size ε, instead of λmax"),
                            Common.seed],
                examples: ["sharpness a", "sharpness a iters=300 tol=1e-4", "sharpness a eps=1e-3"],
                details: """
                    Power iteration on Hessian-vector products, each a central difference of two full-data gradients \
                    with step ε = 1e-3·‖w‖ (checked against ε/2; made ten times smaller when they differ by more than \
                    2 %). Evaluation mode; reg penalties are not included. compare shows the value. With eps=: \
                    100·(max L(w+y) − L(w))/(1 + L(w)) over the box |yᵢ| ≤ ε(|wᵢ|+1) (Keskar et al. 2017), maximized \
                    by Frank–Wolfe steps from the vertex the gradient points to; compare shows it too.
                    """),
    CommandSpec("compare", category: "Looking", summary: "one table: params, losses, accuracies, sharpness, steps",
                slots: [Slot("nets", .name(.net), variadic: true, placeholder: "NET", help: "the nets to compare")],
                examples: ["compare a b c"]),
    CommandSpec("show", category: "Looking", summary: "summary of a dataset, net or sweep",
                slots: [Slot("target", .name(.any), placeholder: "NAME", help: "a dataset, net or sweep")],
                examples: ["show d", "show a", "show s"]),
]
