// The wording of a lesson's own refusals.

extension LessonRefusal {
    var message: String {
        switch self {
        case .nothingToReveal: return "there is no prediction to reveal"
        case .revealNeedsAnswer: return "reveal needs answer= to say which choice is right"
        case .revealNeedsNumber: return "reveal needs answer= to say what the number is"
        case .emptySection: return "a section needs a title"
        }
    }

    var hint: String? {
        switch self {
        case .nothingToReveal: return "ask first: predict \"Which net will generalize better?\" choices=(a, b)"
        case .revealNeedsAnswer(let choices):
            return "for example: reveal answer=most(val.acc) (the choices: \(choices.joined(separator: ", ")))"
        case .revealNeedsNumber: return "for example: reveal answer=big.val.acc within=2"
        case .emptySection: return "for example: section \"Dropout\""
        }
    }
}
