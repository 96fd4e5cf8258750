// Declarations: data, networks and training setup (LANGUAGE.md "Data", "Networks",
// "Training setup").

/// Slots and arguments shared by many commands.
enum Common {
    static let net = Slot("net", .name(.net), placeholder: "NET", help: "the net (default: the current net)")
    static let data = Slot("data", .name(.data), placeholder: "DATA", help: "the dataset (default: the current dataset)")
    static let seed = ArgumentSpec("seed", .nonNegativeInteger, defaultText: "the global seed", help: "random seed for this command")
}

let dataCommands: [CommandSpec] = [
    CommandSpec("data", category: "Data", summary: "create a dataset: a 2D toy, a 1D regression, MNIST-1D or your own file",
                form: .binding(.data),
                slots: [
                    Slot("source", .oneOf(["spiral", "moons", "circles", "xor", "blobs", "gauss", "sine", "mnist1d", "csv", "npy"]),
                         required: true, placeholder: "SOURCE",
                         help: "a source: spiral, moons, circles, xor, blobs, gauss, sine, mnist1d, csv or npy"),
                    Slot("files", .string, variadic: true, placeholder: "\"FILE\"", help: "the file(s) for csv and npy"),
                ],
                arguments: [
                    ArgumentSpec("n", .positiveInteger, fullName: "sampleCount", defaultText: "600 for the toys, 60 for sine, 5000 for mnist1d", help: "number of samples"),
                    ArgumentSpec("classes", .positiveInteger, fullName: "classCount", defaultText: "3 for spiral, 2 for the other toys", help: "number of classes (toys; for csv and npy at least the largest label + 1, else read from the labels)"),
                    ArgumentSpec("noise", .nonNegativeNumber, defaultText: "0.1", help: "noise level of the generator"),
                    ArgumentSpec("target", .text, fullName: "targetColumn", help: "csv column holding the target"),
                    ArgumentSpec("permute", .flag, fullName: "permutesInputs",
                                 help: "shuffle the input features by a fixed permutation"),
                    Common.seed,
                ],
                examples: ["data d = spiral n=600 classes=3 noise=0.2", "data s = sine n=60 noise=0.3",
                           "data m = mnist1d n=5000", "data c = csv \"points.csv\" target=label",
                           "data z = npy \"x.npy\" \"y.npy\""]),
    CommandSpec("split", category: "Data", summary: "split a dataset into train, val and test parts (the test part is locked)",
                slots: [Common.data],
                arguments: [
                    ArgumentSpec("train", .probability, fullName: "trainFraction", defaultText: "what val and test leave: 0.7", help: "fraction for training"),
                    ArgumentSpec("val", .probability, fullName: "validationFraction", defaultText: "0.15, or half what train leaves", help: "fraction for validation"),
                    ArgumentSpec("test", .probability, fullName: "testFraction", defaultText: "0.15, or half what train leaves", help: "fraction for the locked test part"),
                    Common.seed,
                ],
                examples: ["split d train=0.7 val=0.15 test=0.15", "split d train=0.8"],
                details: "Parts not written are filled in: without train=, val and test are 0.15 each and train takes the "
                    + "rest; with train= alone, val and test share the rest equally (train=0.8 gives 0.1 and 0.1); with "
                    + "train= and one of them, the other takes the rest. The parts must add up to 1."),
    CommandSpec("noise", category: "Data", summary: "add label noise to the training part",
                slots: [Common.data],
                arguments: [ArgumentSpec("labels", .probability, fullName: "labelNoise", required: true, help: "fraction of training labels to randomize"),
                            Common.seed],
                examples: ["noise d labels=0.15"]),
    CommandSpec("augment", category: "Data", summary: "training-time augmentation",
                slots: [Common.data],
                arguments: [
                    ArgumentSpec("shift", .nonNegativeInteger, defaultText: "0", help: "largest random shift, in samples"),
                    ArgumentSpec("scale", .nonNegativeNumber, defaultText: "0", help: "largest relative random scaling"),
                    ArgumentSpec("noise", .nonNegativeNumber, defaultText: "0", help: "standard deviation of added Gaussian noise"),
                ],
                examples: ["augment d shift=3 scale=0.1 noise=0.05"]),
]

let networkCommands: [CommandSpec] = [
    CommandSpec("net", category: "Networks", summary: "define a net from layers (input size inferred from the data)",
                form: .network,
                examples: ["net a = dense 32 relu, dense 32 relu, dense 3", "net deep = dense 32 relu x20, dense 3",
                           "net res = dense 32 relu, res { dense 32 relu, dense 32 } x8, dense 3",
                           "net cnn = conv 25 k=5 s=2 relu, conv 25 k=3 s=2 relu, flatten, dense 10"],
                details: "Layers: dense N, conv N k= s= pad=, pool max|avg K, flatten, dropout P, batchnorm, layernorm, "
                    + "res { … }; activations as a layer or a trailing word: relu tanh sigmoid gelu leaky linear. "
                    + "xN after a layer or block repeats it."),
    CommandSpec("init", category: "Networks", summary: "re-initialize the weights, or load them from a file",
                slots: [Common.net, Slot("scheme", .oneOf(["he", "xavier", "normal", "from"]), required: true,
                                         help: "a scheme: he, xavier or normal; or from \"FILE\""),
                        Slot("file", .string, placeholder: "\"FILE\"", help: "with from: a .safetensors file")],
                arguments: [ArgumentSpec("std", .positiveNumber, fullName: "standardDeviation", defaultText: "0.1", help: "standard deviation for normal"),
                            Common.seed],
                examples: ["init a he", "init a normal std=0.1", "init a from \"a.safetensors\""],
                details: "Default: he for relu-like activations, xavier otherwise. 'init NET from \"FILE\"' loads weights "
                    + "written by 'export NET' (or a PyTorch state dict saved with safetensors, same layers): every tensor "
                    + "must be there with its shape; F32, F64, F16 and BF16 are read. The run's history starts over."),
]

let setupCommands: [CommandSpec] = [
    CommandSpec("opt", category: "Training setup", summary: "choose the optimizer and its settings",
                slots: [Common.net, Slot("optimizer", .oneOf(["sgd", "adam", "adamw", "rmsprop"]), required: true,
                                         help: "an optimizer: sgd, adam, adamw or rmsprop")],
                arguments: [
                    ArgumentSpec("lr", .positiveNumber, fullName: "learningRate", defaultText: "0.01 for sgd, 1e-3 otherwise", help: "learning rate"),
                    ArgumentSpec("momentum", .probability, defaultText: "0", help: "momentum (sgd, rmsprop)"),
                    ArgumentSpec("nesterov", .flag, help: "Nesterov momentum (sgd)"),
                    ArgumentSpec("b1", .probability, fullName: "beta1", defaultText: "0.9", help: "first-moment decay (adam, adamw)"),
                    ArgumentSpec("b2", .probability, fullName: "beta2", defaultText: "0.999", help: "second-moment decay (adam, adamw)"),
                    ArgumentSpec("eps", .positiveNumber, fullName: "epsilon", defaultText: "1e-8", help: "denominator guard"),
                    ArgumentSpec("wd", .nonNegativeNumber, fullName: "weightDecay", defaultText: "1e-2 for adamw, 0 otherwise", help: "decoupled weight decay (adamw)"),
                ],
                examples: ["opt a sgd lr=0.1 momentum=0.9 nesterov", "opt a adam lr=1e-3 b1=0.9 b2=0.999",
                           "opt a adamw wd=1e-2", "opt a rmsprop"]),
    CommandSpec("loss", category: "Training setup", summary: "choose the loss (default: from the data)",
                slots: [Common.net, Slot("kind", .oneOf(["xent", "mse", "bce"]), required: true,
                                         help: "a loss: xent, mse or bce")],
                examples: ["loss a xent", "loss a mse"]),
    CommandSpec("reg", category: "Training setup", summary: "explicit regularization",
                slots: [Common.net],
                arguments: [ArgumentSpec("l2", .nonNegativeNumber, fullName: "l2Penalty", defaultText: "unchanged, 0 at first", help: "L2 penalty on the weights"),
                            ArgumentSpec("l1", .nonNegativeNumber, fullName: "l1Penalty", defaultText: "unchanged, 0 at first", help: "L1 penalty on the weights")],
                examples: ["reg a l2=1e-4 l1=0"]),
    CommandSpec("schedule", category: "Training setup", summary: "learning-rate schedule",
                slots: [Common.net, Slot("kind", .oneOf(["constant", "step", "cosine"]), required: true,
                                         help: "a schedule: constant, step or cosine")],
                arguments: [
                    ArgumentSpec("every", .positiveInteger, fullName: "stepInterval", defaultText: "10", help: "epochs between decays (step)"),
                    ArgumentSpec("gamma", .positiveNumber, fullName: "decayFactor", defaultText: "0.5", help: "factor per decay (step)"),
                    ArgumentSpec("warmup", .nonNegativeInteger, fullName: "warmupSteps", defaultText: "0", help: "linear warm-up steps"),
                ],
                examples: ["schedule a cosine", "schedule a step every=10 gamma=0.5 warmup=100", "schedule a constant warmup=100"]),
]
