// What an `expect` expression may name after a net, sweep or dataset, and the functions it may
// call — declared once for the parser's checks, completion, `help expect` and the reference; the
// interpreter evaluates exactly these.

public enum ExpressionVocabulary {
    /// A function of an expression: its name, how many arguments, and what it gives.
    public struct Function: Sendable {
        public let name: String
        public let arity: ClosedRange<Int>
        public let help: String
    }

    public static let functions: [Function] = [
        Function(name: "se", arity: 1...1, help: "the standard error of a value measured over seeds (0 for one seed)"),
        Function(name: "sd", arity: 1...1, help: "the standard deviation over seeds (0 for one seed)"),
        Function(name: "abs", arity: 1...1, help: "the absolute value"),
        Function(name: "min", arity: 2...8, help: "the smallest of the values"),
        Function(name: "max", arity: 2...8, help: "the largest of the values"),
        Function(name: "most", arity: 1...1, help: "in an ask with choices=: the choice whose value is largest, as most(gap)"),
        Function(
            name: "least", arity: 1...1, help: "in an ask with choices=: the choice whose value is smallest, as least(val.loss)"),
    ]

    /// After a net's name (`big.val.acc`, `big.gap`).
    public static let netFields: [(name: String, help: String)] = [
        ("train", "the training part: .loss or .acc"),
        ("val", "the validation part: .loss or .acc"),
        ("gap", "val loss − train loss, the generalization gap"),
        ("sharpness", "the last measured top Hessian eigenvalue ('sharpness NET' first)"),
        ("hessian", "the last 'hessian NET' at these weights: .min or .max, its smallest or largest eigenvalue"),
        ("grads", "the gradient norm of a layer, as 'norms' shows it: .first or .last"),
        ("weights", "the weight norm of a layer, as 'norms' shows it: .first or .last"),
        (
            "barrier",
            "the last 'landscape NET 1d from=OTHER' at these weights: the highest training loss between the two ends, above the higher end"
        ),
        ("params", "the parameter count"),
        ("steps", "optimizer steps trained"),
    ]

    /// After `.train` or `.val`.
    public static let partFields: [(name: String, help: String)] = [
        ("loss", "the loss on that part"),
        ("acc", "the accuracy on that part (a fraction; shown as %)"),
    ]

    /// After `.hessian`: which end of the spectrum.
    public static let spectrumFields: [(name: String, help: String)] = [
        ("min", "the smallest eigenvalue (negative: a saddle or a slope)"),
        ("max", "the largest eigenvalue (the sharpness)"),
    ]

    /// After `.grads` or `.weights`: which layer with weights.
    public static let layerFields: [(name: String, help: String)] = [
        ("first", "the first layer with weights (nearest the input)"),
        ("last", "the last layer with weights (the output layer)"),
    ]

    /// After a sweep's name (`s.best.val.loss`, `s.best.width`).
    public static let sweepFields: [(name: String, help: String)] = [
        ("best", "the best trial's net (its fields as a net's) or a parameter of its configuration"),
        ("trials", "the number of finished trials"),
        ("importance", "a parameter's share of the objective's rank variance, as 'show SWEEP' charts it: .PARAM"),
    ]

    /// After a dataset's name (`d.train`).
    public static let dataFields: [(name: String, help: String)] = [
        ("count", "examples in all"),
        ("classes", "the number of classes"),
        ("train", "examples in the training part"),
        ("val", "examples in the validation part"),
    ]

    public static func function(named name: String) -> Function? { functions.first { $0.name == name } }
}
