// Where Basin keeps what outlives a session: the journal, the input history, lesson records.
import Foundation

/// Basin's state directory: `$XDG_STATE_HOME/basin`, else `~/.local/state/basin`.
public enum StateDirectory {
    public static func path(environment: [String: String]) -> String {
        let base =
            environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()) + "/.local/state"
        return base + "/basin"
    }

    /// Creates the directory (and its parents) if needed; nil when that is impossible.
    public static func ensure(environment: [String: String]) -> String? {
        let directory = path(environment: environment)
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            return directory
        } catch {
            return nil
        }
    }
}
