// The files a command reads and writes: paths resolved against the session directory and checked
// against a trial's confinement, atomic writes, bounded reads, and errors that say what is wrong.
import Diagnostics
import Foundation
import Language
import Networks

extension Session {
    /// `path` relative to the session directory unless absolute.
    func resolvePath(_ path: String) -> String {
        path.hasPrefix("/") ? path : settings.directory + "/" + path
    }

    /// `file` resolved against the session directory, checked against the confinement: a path
    /// outside it, or any write (or `run`) when writes are not allowed, is refused here.
    func checkedPath(_ file: String, writing: Bool, at span: SourceSpan) throws(RuntimeError) -> String {
        let path = resolvePath(file)
        guard let confinement = settings.confinement else { return path }
        if writing && !confinement.allowWrites {
            throw RuntimeError(FileRefusal.writesNotAllowed(file: file), at: span)
        }
        // The resolved path is the one opened: what was checked is what is read or written.
        guard let resolved = confinement.resolve(path) else {
            throw RuntimeError(FileRefusal.outsideConfinement(file: file, root: confinement.root), at: span)
        }
        return resolved
    }

    /// A path as the user should read it: relative to the session directory when inside it.
    func shown(_ path: String) -> String {
        let base = settings.directory.hasSuffix("/") ? settings.directory : settings.directory + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    /// A file's bytes (weights to load), or an error that says what is wrong with the file.
    func readBytes(_ file: String, at span: SourceSpan, limit: Int) throws(RuntimeError) -> [UInt8] {
        let path = try checkedPath(file, writing: false, at: span)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            let ending = "." + ((file as NSString).pathExtension.isEmpty ? "safetensors" : (file as NSString).pathExtension)
            throw RuntimeError(FileRefusal.noSuchFile(file: file, near: nearFile(file, ending: ending)), at: span)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard !isDirectory.boolValue, size <= limit else {
            throw RuntimeError(
                isDirectory.boolValue ? FileRefusal.isDirectory(file: file) : FileRefusal.tooLarge(file: file, limit: limit),
                at: span)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuntimeError(FileRefusal.permissionDenied(file: file), at: span)
        }
        return [UInt8](data)
    }

    /// The file closest in name to a missing one, among those with the same ending beside it.
    func nearFile(_ file: String, ending: String) -> String? {
        let folder = (file as NSString).deletingLastPathComponent
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: resolvePath(folder.isEmpty ? "." : folder))) ?? []
        let scripts = entries.filter { $0.hasSuffix(ending) }.map { folder.isEmpty ? $0 : folder + "/" + $0 }
        return suggest(file, among: scripts)
    }

    /// Writes `bytes` to `file` (relative to the session directory), replacing it atomically: a
    /// temporary file beside it, written and synced, then renamed over it — a kill at any moment
    /// leaves the previous file or the new one, never a torn one; the temporary of a writer that
    /// was killed (its process gone) is removed by the next write into that directory.
    func write(_ bytes: [UInt8], to file: String, at span: SourceSpan) throws(RuntimeError) {
        guard !file.isEmpty else { throw RuntimeError(FileRefusal.emptyName, at: span) }
        let path = try checkedPath(file, writing: true, at: span)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw cannotWrite(file, EISDIR, at: span)
        }
        let directory = (path as NSString).deletingLastPathComponent
        Temporaries.removeStale(in: directory.isEmpty ? "." : directory, prefix: Temporaries.exportPrefix)
        var template =
            Array((directory.isEmpty ? "." : directory).utf8CString.dropLast())
            + Array(("/\(Temporaries.exportPrefix)\(getpid())-XXXXXX").utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw cannotWrite(file, errno, at: span) }
        let temporary = String(cString: template)
        var failure: Int32 = 0
        var written = 0
        while written < bytes.count, failure == 0 {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { failure = n < 0 ? errno : EIO } else { written += n }
        }
        if failure == 0, fchmod(fd, 0o644) != 0 || fsync(fd) != 0 { failure = errno }
        close(fd)
        if failure == 0, rename(temporary, path) != 0 { failure = errno }
        guard failure == 0 else {
            unlink(temporary)
            throw cannotWrite(file, failure, at: span)
        }
    }

    func cannotWrite(_ file: String, _ code: Int32, at span: SourceSpan) -> RuntimeError {
        RuntimeError(FileRefusal.cannotWrite(file: file, code: code, directory: settings.directory), at: span)
    }
}

/// Temporary files of atomic writes, named with their writer's process id so that what a killed
/// writer left can be told from what a running one is writing.
enum Temporaries {
    static let exportPrefix = ".basin-export-"

    /// Removes `prefix<pid>-…` files in `directory` whose process is gone.
    static func removeStale(in directory: String, prefix: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let pid = rest.split(separator: "-").first.flatMap({ Int32($0) }), pid != getpid(), kill(pid, 0) != 0,
                errno == ESRCH
            else { continue }
            unlink(directory + "/" + name)
        }
    }
}
