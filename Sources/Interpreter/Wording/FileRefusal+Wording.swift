// The wording of file refusals.

import Foundation
import Networks

extension FileRefusal {
    var message: String {
        switch self {
        case .writesNotAllowed(let file): return "this trial may not write files or run scripts ('\(file)')"
        case .outsideConfinement(let file, let root): return "'\(file)' is outside the trial's directory \(root)"
        case .noSuchFile(let file, _): return "cannot read '\(file)': no such file"
        case .isDirectory(let file): return "cannot read '\(file)': it is a directory"
        case .tooLarge(let file, let limit): return "cannot read '\(file)': it is over \(formatBytes(limit))"
        case .permissionDenied(let file): return "cannot read '\(file)': permission denied"
        case .notAScript(let file, let limit):
            return "'\(file)' is not a Basin script (binary, or over \(formatBytes(limit)))"
        case .emptyName: return "the file name is empty"
        case .cannotWrite(let file, let code, _): return "cannot write '\(file)': \(String(cString: strerror(code)).lowercased())"
        case .cannotMakeDirectory(let path, _, let reason): return "cannot write \(path): \(reason)"
        }
    }

    var hint: String? {
        switch self {
        case .writesNotAllowed: return "basin trial --allow-writes lets a trusted config do so"
        case .outsideConfinement: return "a trial reads and writes only below the directory basin trial runs in"
        case .noSuchFile(_, let near): return Self.missingFileHint(near: near)
        case .cannotWrite(_, let code, let directory):
            return code == ENOENT
                ? "the directory must exist; relative paths start at \(directory)"
                : code == EISDIR ? "give a file name, not a directory" : "check the path and its permissions"
        case .cannotMakeDirectory(_, let directory, _): return "check that \(directory) is a writable directory"
        case .isDirectory, .tooLarge, .permissionDenied, .notAScript, .emptyName: return nil
        }
    }

    /// What to say under a missing file: the name beside it that is closest, or where relative
    /// paths start.
    static func missingFileHint(near: String?) -> String {
        near.map { "did you mean '\($0)'?" } ?? "paths are relative to the directory Basin was started in"
    }
}
