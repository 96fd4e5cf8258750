// The wording of the session's refusals.

extension SessionRefusal {
    var message: String {
        switch self {
        case .cannotRun: return "cannot run this command"
        case .noCommandType(let name): return "'\(name)' is registered but has no command type (a bug in Basin)"
        case .noHelp(let topic, _): return "no help for '\(topic)'"
        case .runTooDeep(let limit, _): return "scripts run inside each other more than \(limit) levels deep"
        case .scriptSyntaxErrors(let file): return "nothing in '\(file)' ran: it has syntax errors"
        case .badSessionName(let name, _): return "'\(name)' cannot name a session"
        case .noJournal: return "this session keeps no journal, so there is nothing to resume from"
        case .nothingToResume(let directory): return "no session to resume: every journal in \(directory) ended normally"
        }
    }

    var hint: String? {
        switch self {
        case .noCommandType: return "please report it; 'help' lists the commands"
        case .noHelp(_, let suggestion): return suggestion.map { "did you mean '\($0)'?" } ?? "'help' lists every command"
        case .runTooDeep(_, let file): return "does '\(file)' run itself, directly or through another script?"
        case .scriptSyntaxErrors: return "fix the lines shown above, then run it again"
        case .badSessionName(_, let directory):
            return "use a plain name such as 'lesson1'; sessions are saved in \(directory)/"
        case .nothingToResume: return "a session that crashes or is killed leaves one; 'save NAME' keeps a session on purpose"
        case .cannotRun, .noJournal: return nil
        }
    }
}
