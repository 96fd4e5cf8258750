// The wording of `eval`'s detail refusals.

extension EvalRefusal {
    var message: String {
        switch self {
        case .needsClasses(let what, let data): return "\(what) needs class labels; \(data) holds regression targets"
        case .cannotPredict(let net, let data): return "cannot run \(net) on \(data): its shapes do not fit"
        }
    }

    var hint: String? {
        switch self {
        case .needsClasses: return "for a regression, plot fit NET shows outputs against targets"
        case .cannotPredict(let net, _): return "eval \(net) on the data it was trained on"
        }
    }
}
