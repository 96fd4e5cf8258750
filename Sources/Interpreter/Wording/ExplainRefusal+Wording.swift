// The wording of `explain`'s refusals.

extension ExplainRefusal {
    var message: String {
        switch self {
        case .tokens(_, let data): return "explain needs real-valued inputs; \(data) holds tokens"
        case .noExample(let index, let part, let count):
            return "example=\(index) is past the \(count) examples of the \(part) part"
        case .noClass(let index, let outputs): return "class=\(index) is past the net's \(outputs) outputs"
        }
    }

    var hint: String? {
        switch self {
        case .tokens(let net, _): return "plot attention \(net) shows what a sequence net looks at"
        case .noExample(_, _, let count): return count > 0 ? "use example=0 to \(count - 1)" : nil
        case .noClass(_, let outputs): return "use class=0 to \(outputs - 1)"
        }
    }
}
