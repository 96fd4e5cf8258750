// The wording of hyperparameter search: the sweep command, sweep bodies, finished sweeps, report,
// and a failed trial's reason.

extension SweepRefusal {
    var message: String {
        switch self {
        case .noBody(let sweep): return "sweep \(sweep) needs a { body } to run, or a built-in objective="
        case .builtinWithBody(let objective):
            return "objective=\(objective) is a built-in function: the sweep takes no body"
        case .seedsAndFolds: return "give seeds= or cv=, not both"
        case .oneFold(let folds): return "cv=\(folds) is one fold: cross-validation needs at least 2"
        case .foldsScheduled(let method, _):
            return "cv= averages the trials of random, grid, tpe and bayes; \(method) promotes one net per configuration"
        case .seedsScheduled(let method, _):
            return "seeds= averages the trials of random, grid, tpe and bayes; \(method) promotes one net per configuration"
        case .planUnscheduled(let method): return "'plan' prints a hyperband schedule; method=\(method) has none"
        case .scheduledBuiltin(let method): return "method=\(method) schedules budgets; it needs a body that trains"

        case .trainsNothing: return "the sweep body trains no net, so a trial has nothing to measure"
        case .samplesNothing: return "the sweep body samples nothing"
        case .sampledTwice(let name): return "'\(name)' is sampled twice in this sweep body"
        case .peeksAtTest: return "a sweep body may not look at the test part"
        case .notInBody(let verb): return "'\(verb)' cannot run inside a sweep body"
        case .ifWithoutVariable: return "an 'if' in a sweep body tests a variable: '$NAME == VALUE'"
        case .ifOnUnknown(let name):
            return
                "an 'if' in a sweep body tests a parameter sampled on an earlier line, or a variable set before the sweep; $\(name) is neither"
        case .ordersWords(let op, let name): return "'\(op)' orders numbers, but $\(name) takes words"
        case .elseOfAnd: return "the 'else' of an 'and' test is an 'or' of conditions, which a search space cannot hold"
        case .orAcrossParameters: return "an 'or' across different parameters is not a search-space condition"
        case .rangeNotNumbers(let distribution): return "\(distribution)(a, b) takes two numbers"
        case .intRangeNotWhole: return "int(a, b) takes two whole numbers"
        case .undefined(let written): return "\(written) is not defined"
        case .perLayerUnsampled(let depth): return "'per \(depth)' needs '\(depth)' sampled on an earlier line"
        case .perLayerNotLayers(let depth, let maximum):
            return "'per \(depth)' needs '\(depth)' to be a whole number of layers from 1 to \(maximum)"

        case .unknownMember(_, let member): return "a sweep has one member, 'best', not '\(member)'"
        case .noTrainedNet(let sweep, _): return "sweep \(sweep) has no finished trial with a trained net"
        case .trialsNotCSV: return "a sweep's trials are written as CSV"
        case .unknownParameter(let sweep, let name, _, _): return "sweep \(sweep) has no parameter '\(name)'"
        case .nothingToPlot(let sweep, let parameter):
            return "sweep \(sweep) has no finished trial with \(parameter) to plot"

        case .reportOutsideBody: return "'report' chooses a sweep's objective; it only works inside a sweep body"

        case .trialDiverged(let step, let cause): return "diverged at step \(step): \(cause.wording)"
        case .trialTrainedNothing: return "the body trained no net (add 'train NET on DATA epochs=$budget')"
        }
    }

    var hint: String? {
        switch self {
        case .noBody(let sweep):
            return "sweep \(sweep) method=random trials=8 { let lr ~ log(1e-4, 1e-1) … train t on m epochs=$budget }"
        case .seedsAndFolds(let sweep, let folds): return "sweep \(sweep) … cv=\(folds)"
        case .oneFold: return "cv=5 is usual"
        case .foldsScheduled(_, let folds): return "use method=random or tpe with cv=\(folds)"
        case .seedsScheduled(_, let seeds): return "use method=random or tpe with seeds=\(seeds), or train the winner with seeds="
        case .planUnscheduled: return "sweep NAME method=hyperband max=81 eta=3 plan"
        case .scheduledBuiltin: return "use random, grid, tpe or bayes with objective="

        case .trainsNothing: return "end it with 'train NET on DATA epochs=$budget'"
        case .samplesNothing: return "sample something, e.g. 'let lr ~ log(1e-4, 1e-1)'"
        case .sampledTwice: return "sample it once (before the if), or give each branch its own name"
        case .peeksAtTest: return "choose on val; after the sweep, 'eval SWEEP.best on test' is the one recorded look"
        case .ifOnUnknown(let name): return "sample it first: 'let \(name) ~ choice(…)'"
        case .ordersWords: return "use == or != for words, or 'in (a, b, …)'"
        case .elseOfAnd, .orAcrossParameters: return "nest the ifs, so that each samples under one test"
        case .intRangeNotWhole: return "use uniform(a, b) for a real range"
        case .undefined(let written): return "define it before the sweep: let \(written.dropFirst()) = VALUE"
        case .perLayerUnsampled(let depth): return "e.g. 'let \(depth) ~ int(1, 4)' before this line"
        case .perLayerNotLayers: return "declare it as int(1, N) or choice(1, 2, …)"

        case .unknownMember(let sweep, _): return "eval \(sweep).best on test"
        case .noTrainedNet(_, let builtin):
            return builtin.map { "objective=\($0) sweeps train nothing" } ?? "run the sweep with more trials"
        case .trialsNotCSV(let sweep): return "export \(sweep) \"trials.csv\""
        case .unknownParameter(_, _, let suggestion, let names):
            return suggestion.map { "did you mean '\($0)'?" } ?? "its parameters: " + names.joined(separator: ", ")

        case .reportOutsideBody:
            return "sweep s method=random trials=8 { … train t on m epochs=$budget; report val_acc maximize }"

        case .builtinWithBody, .notInBody, .ifWithoutVariable, .rangeNotNumbers, .nothingToPlot, .trialDiverged,
            .trialTrainedNothing:
            return nil
        }
    }
}
