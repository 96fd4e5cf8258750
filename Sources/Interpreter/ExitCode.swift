// The one table of exit codes every way into Basin uses (batch, `basin trial`, usage errors,
// a second Ctrl-C), after BSD's sysexits where one fits.
public enum ExitCode {
    public static let ok: Int32 = 0
    /// The script ran to its end, but an `expect` failed.
    public static let expectationFailed: Int32 = 1
    /// The command line or a config is unusable (EX_USAGE).
    public static let usage: Int32 = 64
    /// Nothing to read: `basin class report` found no lesson records (EX_NOINPUT).
    public static let noInput: Int32 = 66
    /// The script has syntax errors; nothing ran (EX_DATAERR).
    public static let syntaxError: Int32 = 65
    /// A command failed; the commands before it took effect (EX_SOFTWARE).
    public static let runtimeError: Int32 = 70
    /// Ctrl-C stopped it (128 + SIGINT, as shells report it).
    public static let interrupted: Int32 = 130

    /// The exit code for how a script ended.
    public static func of(_ status: ExecutionStatus) -> Int32 {
        switch status {
        case .ok, .quit: return ok
        case .syntaxError: return syntaxError
        case .runtimeError: return runtimeError
        case .interrupted: return interrupted
        }
    }
}
