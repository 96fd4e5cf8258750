// Declarations: hyperparameter search, sessions and tutorial markup (LANGUAGE.md; issue 6's
// sweep and report).

let searchCommands: [CommandSpec] = [
    CommandSpec("sweep", category: "Hyperparameter search", summary: "search hyperparameters; the body runs once per trial",
                slots: [Slot("name", .name(.sweep), required: true, placeholder: "NAME", help: "a name for the sweep")],
                arguments: [
                    ArgumentSpec("method", .oneOf(["random", "grid", "tpe", "bayes", "hyperband", "bohb", "halving"]),
                                 help: "search method (bohb: TPE inside hyperband brackets; halving: one bracket)"),
                    ArgumentSpec("trials", .positiveInteger, fullName: "trialCount", help: "number of trials"),
                    ArgumentSpec("max", .positiveInteger, fullName: "maximumBudget", default: .number(81), help: "hyperband: largest budget R (epochs)"),
                    ArgumentSpec("eta", .positiveInteger, fullName: "reductionFactor", default: .number(3), help: "hyperband: keep 1/eta per round"),
                    ArgumentSpec("points", .positiveInteger, fullName: "gridPoints", help: "grid: points per continuous range"),
                    ArgumentSpec("budget", .positiveInteger, default: .number(10), help: "$budget (epochs) for methods other than hyperband"),
                    ArgumentSpec("objective", .oneOf(["branin", "hartmann6"]), help: "built-in test function (no body)"),
                    ArgumentSpec("plan", .flag, help: "print the schedule, run nothing"),
                    ArgumentSpec("workers", .positiveInteger, fullName: "workerCount", defaultText: "the cores (BASIN_THREADS caps it)",
                                 help: "trials run at once; the results are the same for any count"),
                    ArgumentSpec("seeds", .positiveInteger, fullName: "seedCount", default: .number(1),
                                 help: "run each trial's body on N seeds; its objective is their mean (random, grid, tpe, bayes)"),
                    Common.seed,
                ],
                block: .optional,
                examples: ["sweep s method=tpe trials=40 {\n  let lr ~ log(1e-4, 1e-1)\n  net t = dense 32 relu, dense 10\n  opt t adam lr=$lr\n  train t on m epochs=$budget\n}",
                           "sweep d method=random trials=20 {\n  let depth ~ int(1, 3)\n  let w ~ choice(32, 64, 128) per depth\n  net t = dense $w relu x$depth, dense 10\n  train t on m epochs=$budget\n}",
                           "sweep h method=hyperband max=81 eta=3 plan", "sweep b method=tpe objective=branin trials=100"],
                details: "The objective is the val loss of the net trained last in the body (or 'report val_acc maximize'). "
                    + "$budget is the job's epochs under hyperband, budget= otherwise. 'let w ~ int(16, 128) per depth' "
                    + "samples w1 … wN, wk only when depth ≥ k; 'dense $w relu x$depth' gives layer k width $wk. "
                    + "workers=N runs N trials at once (default: every core; BASIN_THREADS=1 on a shared server) and "
                    + "gives the same trials, table and best as workers=1: random, grid and hyperband rounds run fully "
                    + "in parallel, tpe and bayes during their 10 start-up trials, then one at a time (each proposal "
                    + "needs the results before it). seeds=N runs each trial's body on N seeds and optimizes their "
                    + "mean; the table shows mean ± sd and 'export s' each seed's objective. Ctrl-C stops every running "
                    + "trial and keeps each finished one (with several workers that can include trials numbered after "
                    + "one that was stopped)."),
    CommandSpec("report", category: "Hyperparameter search", summary: "choose a sweep body's objective",
                slots: [Slot("metric", .oneOf(["val_loss", "val_acc", "train_loss", "train_acc"]), required: true,
                             help: "a metric: val_loss, val_acc, train_loss or train_acc"),
                        Slot("direction", .oneOf(["minimize", "maximize"]), help: "minimize or maximize")],
                examples: ["report val_acc maximize"]),
]

let sessionCommands: [CommandSpec] = [
    CommandSpec("let", category: "Sessions", summary: "set a variable, used as $name; in a sweep body, sample one",
                form: .variable,
                examples: ["let w = 64",
                           "sweep s method=random trials=8 {\n  let lr ~ log(1e-4, 1e-1)\n  let width ~ choice(16, 32, 64, 128)\n  let depth ~ int(1, 4)\n  let p ~ uniform(0, 0.5)\n}"],
                details: "Inside a sweep body, 'let NAME ~ DISTRIBUTION' samples a value per trial: log(a, b) log-uniform, "
                    + "uniform(a, b), int(a, b) inclusive, choice(v1, v2, …)."),
    CommandSpec("if", category: "Sessions", summary: "run a block only when a test holds; in a sweep body, sample only then",
                form: .conditional,
                examples: ["let depth = 3\nif $depth >= 3 {\n  net t = dense 32 relu x$depth, dense 10\n} else {\n  net t = dense 64 relu, dense 10\n}",
                           "sweep s method=tpe trials=30 {\n  let opt ~ choice(sgd, adam)\n  if $opt == sgd {\n    let momentum ~ uniform(0, 0.99)\n  }\n  let lr ~ log(1e-4, 1e-1)\n  net t = dense 64 relu, dense 10\n  if $opt == sgd {\n    opt t sgd lr=$lr momentum=$momentum\n  } else {\n    opt t adam lr=$lr\n  }\n  train t on m epochs=$budget\n}"],
                details: "Tests: ==, !=, <, <=, >, >= (ordering compares numbers), and 'in (v1, v2, …)', joined by 'and' or "
                    + "by 'or' (not both; read left to right, stopping once the answer is known). 'else' goes on "
                    + "the line of the closing brace; 'else if' chains. In a sweep body a 'let NAME ~ …' inside an if is a "
                    + "conditional parameter: sampled (and shown to TPE) only in trials where the test holds — the test "
                    + "must name a parameter sampled on an earlier line, or a variable set before the sweep."),
    CommandSpec("seed", category: "Sessions", summary: "the global seed (default 0)",
                slots: [Slot("value", .nonNegativeInteger, required: true, placeholder: "N", help: "a seed")],
                examples: ["seed 7"],
                details: "Everything random — data, initial weights, batch order, dropout, sweeps — follows from the "
                    + "seed, and the same seed gives the same numbers on every machine with AVX2 or AVX-512: Basin "
                    + "runs its own kernels in one fixed order, whatever the CPU, OpenBLAS settings or thread count. "
                    + "`basin --version` names the kernel path in use; BASIN_ISA=avx512|avx2|baseline picks one. "
                    + "The baseline path (x86-64 without FMA) may differ in the last digits and, after many steps, more."),
    CommandSpec("save", category: "Sessions", summary: "write sessions/NAME.basin: the commands that ran",
                slots: [Slot("name", .text, required: true, placeholder: "NAME", help: "a session name")],
                examples: ["save lesson1"]),
    CommandSpec("run", category: "Sessions", summary: "run a script inside the session",
                slots: [Slot("file", .text, required: true, placeholder: "\"FILE\"", help: "a script file")],
                examples: ["run \"tutorials/regularization.basin\""]),
    CommandSpec("export", category: "Sessions", summary: "write weights (safetensors), metrics (CSV), the last plot (SVG) or trials",
                slots: [Slot("target", .name(.any), placeholder: "NAME", help: "the net or sweep"),
                        Slot("what", .oneOf(["weights", "metrics", "plot", "grid", "directions", "trials"]),
                             help: "what to write (default: weights for a net, trials for a sweep)"),
                        Slot("file", .string, required: true, placeholder: "\"FILE\"", help: "a file name in quotes")],
                examples: ["export a \"a.safetensors\"", "export a metrics \"a.csv\"", "export plot \"loss.svg\""]),
    CommandSpec("help", category: "Sessions", summary: "list the commands, or explain one",
                slots: [Slot("topic", .commandName, placeholder: "COMMAND", help: "a command or layer")],
                examples: ["help", "help train"]),
    CommandSpec("history", category: "Sessions", summary: "the commands typed so far", examples: ["history"]),
    CommandSpec("clear", category: "Sessions", summary: "clear the screen", examples: ["clear"]),
    CommandSpec("quit", aliases: ["exit"], category: "Sessions", summary: "leave Basin", examples: ["quit"]),
]

let tutorialCommands: [CommandSpec] = [
    CommandSpec("ask", category: "Tutorials", summary: "ask the reader a question (a line starting with '>' is narrative)",
                slots: [Slot("question", .string, required: true, placeholder: "\"QUESTION\"", help: "a question in quotes")],
                arguments: [ArgumentSpec("answer", .number, help: "the expected answer"),
                            ArgumentSpec("within", .nonNegativeNumber, fullName: "tolerance", defaultText: "0: only the exact answer", help: "accepted distance from the answer")],
                examples: ["ask \"At what width does train error first reach 0?\" answer=42 within=10"]),
    CommandSpec("pause", category: "Tutorials", summary: "the notebook waits for the reader; batch runs continue",
                examples: ["pause"]),
]
