// Refusals of the files a command reads and writes: paths outside a trial's confinement, files
// that are missing or unreadable, writes that fail. Worded in Wording/FileRefusal+Wording.swift.

/// A file that cannot be read or written, named as the user wrote it.
enum FileRefusal: Refusal {
    /// A trial that may not write (or run scripts) was asked to, at `file`.
    case writesNotAllowed(file: String)
    /// `file` resolves outside the trial's directory `root`.
    case outsideConfinement(file: String, root: String)
    /// `file` does not exist; `near` is the closest file with its ending beside it.
    case noSuchFile(file: String, near: String?)
    /// `file` is a directory.
    case isDirectory(file: String)
    /// `file` is larger than `limit` bytes.
    case tooLarge(file: String, limit: Int)
    /// `file` exists but cannot be opened.
    case permissionDenied(file: String)
    /// `file` holds NUL bytes or more than `limit` bytes: not a script.
    case notAScript(file: String, limit: Int)
    /// A write to an empty file name.
    case emptyName
    /// Writing `file` failed with `code` (an errno); relative paths start at `directory`.
    case cannotWrite(file: String, code: Int32, directory: String)
    /// Making `directory` for `path` failed; `reason` is the system's description.
    case cannotMakeDirectory(path: String, directory: String, reason: String)
}
