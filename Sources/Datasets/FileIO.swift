// Whole-file reads and writes with the C library (no Foundation): the loaders parse bytes, and
// the only size trusted for an allocation is the one fstat reports, capped at `maxBytes`.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private let systemRead = Glibc.read
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemRead = Darwin.read
private let systemWrite = Darwin.write
#endif

public enum FileIO {
    /// The largest file a loader will read (1 GiB).
    public static let maxBytes = 1 << 30

    /// The bytes of the file at `path`.
    public static func read(_ path: String) throws(DataError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .file(path: path, problem: .cannotOpen(reason: lastError())) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .file(path: path, problem: .readFailed(reason: lastError())) }
        guard info.st_mode & S_IFMT != S_IFDIR else { throw .file(path: path, problem: .isDirectory) }
        let size = Int(info.st_size)
        guard size <= maxBytes else { throw .file(path: path, problem: .tooLarge(bytes: size, limit: maxBytes)) }
        var failure: String?
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            // A file that shrinks while we read yields what is there; one that grows is cut at
            // the size fstat gave.
            while initialized < size {
                let got = systemRead(fd, buffer.baseAddress! + initialized, size - initialized)
                if got < 0 && errno == EINTR { continue }
                if got < 0 { failure = lastError(); break }
                if got == 0 { break }
                initialized += got
            }
        }
        if let failure { throw .file(path: path, problem: .readFailed(reason: failure)) }
        return bytes
    }

    /// Writes `bytes` to `path`, replacing the file.
    public static func write(_ bytes: [UInt8], to path: String) throws(DataError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .file(path: path, problem: .cannotOpen(reason: lastError())) }
        var failure: String?
        bytes.withUnsafeBufferPointer { buffer in
            var written = 0
            while written < buffer.count {
                let n = systemWrite(fd, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { failure = lastError(); return }
                written += n
            }
        }
        if close(fd) != 0 && failure == nil { failure = lastError() }
        if let failure { throw .file(path: path, problem: .writeFailed(reason: failure)) }
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }
}
