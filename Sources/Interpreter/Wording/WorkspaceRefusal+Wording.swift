// The wording of workspace lookups and operand binding.

extension WorkspaceRefusal {
    var message: String {
        switch self {
        case .noDataset: return "there is no dataset yet"
        case .noNet: return "there is no net yet"
        case .wrongKind(let name, let actual, let wanted): return "'\(name)' is a \(actual), not a \(wanted)"
        case .unknown(let name, let kind, _, _): return "no \(kind) named '\(name)'"
        }
    }

    var hint: String? {
        switch self {
        case .noDataset: return "create one, e.g. 'data d = spiral n=600 classes=3'"
        case .noNet: return "define one, e.g. 'net a = dense 32 relu, dense 3'"
        case .wrongKind: return nil
        case .unknown(_, let kind, let suggestion, let names):
            return suggestion.map { "did you mean '\($0)'?" }
                ?? (names.isEmpty ? nil : "\(kind)s: \(names.sorted().joined(separator: ", "))")
        }
    }
}

extension OperandRefusal {
    var message: String {
        switch self {
        case .notAValue(let text, let expectation): return "\(text) is not \(expectation)"
        case .tooLarge(let name, let value, _): return "\(name)=\(value) is too large"
        case .notAnExpression(let name, let shown): return "\(name)= takes an expression, got \(shown)"
        case .notAList(let name): return "\(name)= takes a list in parentheses, e.g. (a, b)"
        }
    }

    var hint: String? {
        switch self {
        case .tooLarge(_, _, let limit): return "use at most \(limit)"
        case .notAValue, .notAnExpression, .notAList: return nil
        }
    }
}
