// Refusals of the session's own commands (help, run, save, resume) and of dispatching a command.
// Worded in Wording/SessionRefusal+Wording.swift.

/// A session command that cannot go on, or a command that cannot be dispatched.
enum SessionRefusal: Refusal {
    /// A command the registry could not bind, with no error of its own to say why.
    case cannotRun
    /// `name` is registered but no command type runs it (a bug).
    case noCommandType(name: String)
    /// `help topic` for no command, layer or topic; `suggestion` is the closest.
    case noHelp(topic: String, suggestion: String?)
    /// `run "file"` nested more than `limit` scripts deep.
    case runTooDeep(limit: Int, file: String)
    /// `run "file"` of a script with syntax errors.
    case scriptSyntaxErrors(file: String)
    /// `save name` with a name that is not a plain file name; sessions go in `directory`.
    case badSessionName(name: String, directory: String)
    /// `resume` in a session that keeps no journal.
    case noJournal
    /// `resume` when every journal in `directory` ended normally.
    case nothingToResume(directory: String)
}
