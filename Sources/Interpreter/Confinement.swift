// Where a session may read and write files. A session a person drives reaches any path they
// name. A trial an outside scheduler runs (`basin trial`, ScaleOut.swift) runs other people's
// configs, so it is confined: every path resolves — symbolic links followed — inside its working
// directory, and no command writes a file or runs another script unless the scheduler said
// `--allow-writes`.
import Diagnostics
import Foundation

public struct Confinement: Sendable, Equatable {
    /// The directory every path must stay in, with its symbolic links resolved.
    public var root: String
    /// Whether commands may write files (`export`, `save`) and run other scripts (`run`).
    public var allowWrites: Bool

    public init(root: String, allowWrites: Bool) {
        self.root = Self.realPath(root) ?? root
        self.allowWrites = allowWrites
    }

    /// `path` with every link resolved — what opening it would reach — when that lies inside the
    /// root; nil otherwise. The deepest part that exists goes through realpath(3) (links, `.`
    /// and `..`, in the order the kernel follows them); the rest may not climb with `..`.
    /// Not standardized as text first: `link/../x` must climb from the link's target.
    public func resolve(_ path: String) -> String? {
        var existing = path.hasPrefix("/") ? path : "/" + path
        var rest: [String] = []
        var resolved = Self.realPath(existing)
        while resolved == nil {
            let url = URL(fileURLWithPath: existing)
            let last = url.lastPathComponent
            guard !last.isEmpty, last != "/" else { return nil }
            rest.insert(last, at: 0)
            existing = url.deletingLastPathComponent().path
            resolved = Self.realPath(existing)
        }
        guard let base = resolved, !rest.contains(".."), !rest.contains(".") else { return nil }
        let full = ([base == "/" ? "" : base] + rest).joined(separator: "/")
        let inside = full == root || full.hasPrefix(root.hasSuffix("/") ? root : root + "/")
        return inside ? full : nil
    }

    /// realpath(3): the absolute path with every symbolic link, `.` and `..` resolved; nil when
    /// the path does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
