// Scratch directories for tests: all under one directory per test process, removed when the
// process exits, so repeated runs leave nothing behind in $TMPDIR.
import Foundation

public enum TestDirectories {
    /// `$TMPDIR/basin-tests-PID`, created (and its removal at exit registered) on first use.
    public static let root: String = {
        let path = NSTemporaryDirectory() + "basin-tests-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit {
            try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "basin-tests-\(getpid())")
        }
        return path
    }()

    /// A new empty directory `ROOT/PREFIX-UUID`.
    public static func make(_ prefix: String) -> String {
        let path = root + "/" + prefix + "-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
