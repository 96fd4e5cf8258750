// The wording of the refusals of `expect` and `ask` expressions.

extension ExpressionRefusal {
    var message: String {
        switch self {
        case .noClaim: return "expect needs a claim"
        case .choicesNeedAnswer: return "choices= needs answer= to say which is right"
        case .notAChoice: return "with choices=, answer= is one of the choices, most(FIELD) or least(FIELD)"
        case .notAClaim: return "an expectation compares values: this is a value, not a claim"
        case .claimAsValue: return "a claim where a value belongs"
        case .undefinedVariable(let name, _): return "undefined variable '$\(name)'"
        case .notANumber(let name, let value): return "$\(name) is \(value), not a number"
        case .choiceFunction(let function):
            return "\(function)(…) picks one of an ask's choices= and gives a name, not a number"
        case .unknownFunction(let name): return "unknown function '\(name)'"
        case .nothingNamed(let name, _, _): return "nothing named '\(name)'"
        case .nameAField(let owner, let kind, _): return "'\(owner)' is a \(kind): name one of its values"
        case .unknownField(let name, let kind, _, _, _): return "a \(kind) has no value '\(name)'"
        case .pastNumber(let owner, let field): return "'\(owner)' is a number: it has no '.\(field)'"
        case .noWeights(let net): return "\(net) has no weights yet"
        case .noLayerWithWeights(let net): return "\(net) has no layer with weights"
        case .sharpnessNotMeasured(let net, let everySeed):
            return "\(net)'s sharpness has not been measured" + (everySeed ? " on every seed" : "")
        case .hessianNotMeasured(let net, let copies):
            return "\(net)'s Hessian has not been measured at its current weights"
                + (copies.map { " on every \($0.dropLast())" } ?? "")
        case .lineNotDrawn(let net): return "no line has been drawn from \(net) at its current weights"
        case .noGap(let net): return "\(net)'s data has no val part: there is no gap"
        case .noPart(let net, let part): return "\(net)'s data has no \(part) part"
        case .noAccuracy(let net, _): return "\(net) is a regression: it has no accuracy"
        case .notTrained(let net): return "\(net) has not trained yet: it has no values"
        case .unknownParameter(let sweep, let name, _, _): return "sweep \(sweep) has no parameter '\(name)'"
        case .nameAParameter: return "name a parameter after 'importance.'"
        case .noFinishedTrial(let sweep): return "sweep \(sweep) has no finished trial"
        case .parameterNotANumber(let name): return "\(name) of the best trial is not a number"
        case .bestKeptNoNet(let sweep, _, _): return "sweep \(sweep)'s best trial kept no net"
        case .noClasses(let data): return "\(data) is a regression: it has no classes"
        }
    }

    var hint: String? {
        switch self {
        case .noClaim: return "for example: expect big.train.acc > 0.9"
        case .choicesNeedAnswer: return "for example: answer=most(gap) or answer=least(val.loss)"
        case .notAChoice: return "for example: answer=most(gap), answer=least(val.loss)"
        case .notAClaim: return "compare it with something, e.g. 'expect big.val.acc > 0.8'"
        case .claimAsValue: return "compare values: 'expect A > B and C < D'"
        case .undefinedVariable(let name, let suggestion):
            return suggestion.map { "did you mean '$\($0)'?" } ?? "define it first with 'let \(name) = VALUE'"
        case .choiceFunction(let function): return "ask \"Which net …?\" choices=(a, b) answer=\(function)(gap)"
        case .nothingNamed(_, let suggestion, let names):
            return suggestion.map { "did you mean '\($0)'?" }
                ?? (names.isEmpty ? "train a net first" : "nets, datasets and sweeps: " + names.joined(separator: ", "))
        case .nameAField(let owner, _, let fields): return "after '\(owner).': " + fields.joined(separator: ", ")
        case .unknownField(_, _, let owner, let suggestion, let fields):
            return suggestion.map { "did you mean '\($0)'?" } ?? "after '\(owner).': " + fields.joined(separator: ", ")
        case .noWeights(let net): return "train it first: train \(net) on DATA"
        case .sharpnessNotMeasured(let net, _): return "measure it first: sharpness \(net)"
        case .hessianNotMeasured(let net, _): return "measure it first: hessian \(net)"
        case .lineNotDrawn(let net): return "draw it first: landscape \(net) 1d from=OTHER (or from=init)"
        case .noAccuracy(let net, let part): return "use \(net).\(part).loss"
        case .notTrained(let net): return "train \(net) on DATA first"
        case .unknownParameter(_, _, let suggestion?, _): return "did you mean '\(suggestion)'?"
        case .unknownParameter(_, _, nil, let parameters), .nameAParameter(let parameters):
            return "its parameters: " + parameters.joined(separator: ", ")
        case .noFinishedTrial: return "run it with more trials"
        case .bestKeptNoNet(_, let builtin, let parameters):
            return builtin.map { "objective=\($0) sweeps train nothing" }
                ?? "name a parameter: " + parameters.joined(separator: ", ")
        case .notANumber, .unknownFunction, .pastNumber, .noLayerWithWeights, .noGap, .noPart, .parameterNotANumber,
            .noClasses:
            return nil
        }
    }
}
