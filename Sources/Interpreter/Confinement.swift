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

    /// Whether `path` (absolute) lies inside the root once every link in it is resolved (for a
    /// path that does not exist yet, every link in the part that does).
    public func contains(_ path: String) -> Bool {
        // Resolve the deepest part that exists (links and all), then append the rest as written.
        var url = URL(fileURLWithPath: path).standardizedFileURL
        var rest: [String] = []
        var resolved = Self.realPath(url.path)
        while resolved == nil, url.path != "/" {
            rest.insert(url.lastPathComponent, at: 0)
            url.deleteLastPathComponent()
            resolved = Self.realPath(url.path)
        }
        guard let base = resolved, !rest.contains("..") else { return false }
        let full = ([base] + rest).joined(separator: "/")
        return full == root || full.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// realpath(3): the absolute path with every symbolic link, `.` and `..` resolved; nil when
    /// the path does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

extension Session {
    /// `file` resolved against the session directory, checked against the confinement: a path
    /// outside it, or any write (or `run`) when writes are not allowed, is refused here.
    func checkedPath(_ file: String, writing: Bool, at span: SourceSpan) throws(RuntimeError) -> String {
        let path = resolvePath(file)
        guard let confinement = settings.confinement else { return path }
        if writing && !confinement.allowWrites {
            throw RuntimeError("this trial may not write files or run scripts ('\(file)')", at: span,
                               hint: "basin trial --allow-writes lets a trusted config do so")
        }
        guard confinement.contains(path) else {
            throw RuntimeError("'\(file)' is outside the trial's directory \(confinement.root)", at: span,
                               hint: "a trial reads and writes only below the directory basin trial runs in")
        }
        return path
    }
}
