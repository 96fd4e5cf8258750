// The wording of network building: "layer N: what, with the numbers", and what would work.

import Kernels
import Networks

extension NetworkError: Refusal {
    public var message: String {
        switch self {
        case .layer(let index, let problem): return "layer \(index): \(problem.message)"
        case .tooLarge(let p, let bytes, let limit):
            let what = p < 0 ? "more parameters than can be counted" : "\(p) parameters"
            return "this network has \(what) and would need \(formatBytes(bytes)) "
                + "(parameters, gradients and optimizer state); the limit is \(formatBytes(limit))"
                + (MemoryBudget.binds(limit, below: NetworkBuilder.ownLimit)
                    ? " (half of \(MemoryBudget.setting ?? "BASIN_MEMORY"))" : "")
        case .empty: return "a network needs at least one layer"
        }
    }

    public var hint: String? {
        switch self {
        case .layer(_, let problem): return problem.hint
        case .tooLarge: return "use fewer or narrower layers"
        case .empty: return nil
        }
    }
}

extension LayerProblem {
    var message: String {
        switch self {
        case .notPositive(let kind, let setting, let value):
            return "\(kind) \(setting.wording) must be a positive integer, got \(value)"
        case .aboveLimit(let kind, let setting, let value, let limit):
            return "\(kind) \(setting.wording) \(value) is above the limit of \(limit)"
        case .paddingOutOfRange(let kind, let padding, let limit):
            return "\(kind) padding must be between 0 and \(limit), got \(padding)"
        case .dropoutOutOfRange(let p):
            return "dropout probability must be in [0, 1), got \(p)"
        case .kernelTooLong(let kind, let kernel, let axis, let side, let padding):
            return "\(kind) kernel \(kernel) is longer than the padded input "
                + "(\(axis.wording) \(side) + 2×\(padding) padding = \(side + 2 * padding))"
        case .windowTooLong(let kind, let size, let axis, let side):
            return "\(kind) size \(size) is longer than the input (\(axis.wording) \(side))"
        case .activationsTooLarge(let kind, let bytes, let limit):
            return "\(kind) would need \(formatBytes(bytes)) of activations per example; the limit is \(formatBytes(limit))"
        case .notAGrid(let kind, let dimensions, let input):
            return
                "\(kind) expects examples of shape \(dimensions == 2 ? "[C×H×W]" : "[L] or [C×L]"), got \(describeShape(input))"
        case .emptyResidual:
            return "a residual block needs at least one layer in its branch"
        case .inResidualBranch(let inner, let problem):
            return "in the residual branch, layer \(inner): \(problem.message)"
        case .embedNotFirst:
            return "embed looks up tokens, so it must be the net's first layer"
        case .embedNeedsSequence(let input):
            return "embed expects a sequence of tokens, shape [L], got \(describeShape(input))"
        case .embedNeedsTokens(_, let input):
            return "embed needs token inputs, but these inputs are real numbers (shape \(describeShape(input)))"
        case .vocabularyOutOfRange(let v, let limit):
            return "embed vocab must be from 1 to \(limit), got \(v)"
        case .vocabularyTooSmall(let v, let tokens):
            return "embed has vocab=\(v) but the inputs hold \(tokens) different tokens"
        case .notASequence(let kind, let input):
            return "\(kind) attends over the positions of a sequence [W×L], got \(describeShape(input))"
        case .headsDoNotDivide(let kind, let heads, let w):
            return "\(kind) heads=\(heads) does not divide the width \(w) (each head takes W / heads features)"
        }
    }

    var hint: String? {
        switch self {
        case .notPositive, .aboveLimit, .paddingOutOfRange, .vocabularyOutOfRange: return nil
        case .dropoutOutOfRange: return "p = 0.5 drops half the inputs"
        case .kernelTooLong(_, _, _, let side, let padding):
            return "use a kernel of at most \(side + 2 * padding) or more padding"
        case .windowTooLong(_, _, _, let side): return "use a size of at most \(side)"
        case .activationsTooLarge: return "use fewer channels or a larger stride"
        case .notAGrid(let kind, let dimensions, let input):
            let image = dimensions == 2
            let other = image ? String(kind.dropLast(2)) : kind + "2d"
            if image && input.count <= 2 { return "\(kind) works on images [C×H×W]; along a signal use '\(other)'" }
            if !image && input.count == 3 { return "\(kind) runs along a signal; on images [C×H×W] use '\(other)'" }
            return "remove a flatten before it: \(kind) needs the \(image ? "image's rows and columns" : "signal's positions")"
        case .emptyResidual: return "res { dense 100 relu }"
        case .inResidualBranch(_, let problem): return problem.hint
        case .embedNotFirst(let width):
            return "write 'embed \(width)' first: net t = embed \(width), transformer heads=2, dense …"
        case .embedNeedsSequence:
            return "embed reads token data: data q = sort len=6 vocab=3 (or reverse, copy, modadd, parity, recall)"
        case .embedNeedsTokens(let width, _):
            return "use token data (data q = sort len=6 vocab=3), or say the tokens of a file: embed \(width) vocab=N"
        case .vocabularyTooSmall(_, let tokens): return "use vocab=\(tokens), or leave vocab= out to take the data's"
        case .notASequence(let kind, let input):
            return input.count == 1
                ? "start the net with 'embed W' on token data (sort, recall, …), and put no flatten before \(kind)"
                : "\(kind) reads one vector per position: a [W×L] sequence"
        case .headsDoNotDivide(_, let heads, let w):
            let divisors = (1...min(w, 16)).filter { w % $0 == 0 }.map(String.init).joined(separator: ", ")
            return "use heads=\(divisors) — or a width that \(heads) divides, e.g. embed \(max(heads, (w / heads + 1) * heads))"
        }
    }
}

extension LayerProblem.Setting {
    var wording: String {
        switch self {
        case .width: "width"
        case .channels: "channels"
        case .kernel: "kernel size"
        case .stride: "stride"
        case .size: "size"
        case .heads: "heads"
        case .mlpWidth: "mlp width"
        }
    }
}

extension LayerProblem.Axis {
    var wording: String {
        switch self {
        case .length: "length"
        case .height: "height"
        case .width: "width"
        }
    }
}
