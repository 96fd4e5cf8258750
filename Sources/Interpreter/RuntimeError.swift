// Runtime errors: what went wrong, where (the command's or the operand's span), and one hint of
// what to do next. They become diagnostics drawn by the one renderer.
import Datasets
import Diagnostics
import Language
import Networks
import Search

public struct RuntimeError: Error, Sendable, Equatable {
    public var message: String
    public var span: SourceSpan?
    public var hint: String?
    public var notes: [String]

    public init(_ message: String, at span: SourceSpan? = nil, hint: String? = nil, notes: [String] = []) {
        self.message = message
        self.span = span
        self.hint = hint
        self.notes = notes
    }

    /// The diagnostic, pointing at `span` or else at `fallback` (the whole command).
    func diagnostic(fallback: SourceSpan) -> Diagnostic {
        Diagnostic(.error, message, at: span ?? fallback, notes: notes.map { DiagnosticNote($0) }, help: hint)
    }

    /// A language error found while resolving a value at run time.
    init(_ error: LanguageError) {
        let d = error.diagnostic
        self.init(d.message, at: d.span, hint: d.help, notes: d.notes.map(\.message))
    }
}

/// An engine error that can say what to do next.
protocol HintedError: Error {
    var hint: String? { get }
}

extension DataError: HintedError {}
extension SearchError: HintedError {}
extension NetworkError: HintedError {}

/// Converts typed errors from the engine into runtime errors at a span; the engine's own hint
/// wins over `hint`, the caller's fallback.
func rethrow<T>(at span: SourceSpan, hint: String? = nil, _ body: () throws -> T) throws(RuntimeError) -> T {
    do {
        return try body()
    } catch let e as RuntimeError {
        throw e
    } catch let e as LanguageError {
        throw RuntimeError(e)
    } catch let e as any HintedError {
        throw RuntimeError(describe(e), at: span, hint: e.hint ?? hint)
    } catch {
        throw RuntimeError(describe(error), at: span, hint: hint)
    }
}

/// A readable message for any engine error.
func describe(_ error: any Error) -> String {
    switch error {
    case let e as RuntimeError: return e.message
    case let e as CustomStringConvertible: return e.description
    default: return String(describing: error)
    }
}
