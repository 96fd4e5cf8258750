// RuntimeError: a command refused or failed at run time. What went wrong is a typed value — a
// `Refusal` from one of the domains in Refusals/ (what, and the numbers) or an engine error — and
// where is a span; the words for every refusal live in Wording/, one file per domain, as
// LanguageError+Wording.swift words the language's errors.

import Datasets
import Diagnostics
import Lab
import Language
import Networks
import Search

/// Why a command cannot go on, as data. Conformers are enums whose cases carry the names and
/// numbers; their `message`, `hint` and `notes` are written in Wording/.
public protocol Refusal: Sendable {
    /// One sentence: what is wrong, with the numbers.
    var message: String { get }
    /// What would work instead, when there is one thing to say.
    var hint: String? { get }
    /// Further lines under the message (usage, lists).
    var notes: [String] { get }
}

extension Refusal {
    public var hint: String? { nil }
    public var notes: [String] { [] }
}

public struct RuntimeError: Error, Sendable, Equatable {
    /// What went wrong.
    public var refusal: any Refusal
    /// Where: the operand or command it concerns (nil: the whole command).
    public var span: SourceSpan?

    public init(_ refusal: any Refusal, at span: SourceSpan? = nil) {
        self.refusal = refusal
        self.span = span
    }

    public var message: String { refusal.message }
    public var hint: String? { refusal.hint }
    public var notes: [String] { refusal.notes }

    /// The diagnostic, pointing at `span` or else at `fallback` (the whole command).
    func diagnostic(fallback: SourceSpan) -> Diagnostic {
        Diagnostic(.error, message, at: span ?? fallback, notes: notes.map { DiagnosticNote($0) }, help: hint)
    }

    /// A language error found while resolving a value at run time, at its own span.
    init(_ error: LanguageError) {
        self.init(LanguageRefusal(diagnostic: error.diagnostic), at: error.diagnostic.span)
    }

    public static func == (a: RuntimeError, b: RuntimeError) -> Bool {
        a.span == b.span && a.message == b.message && a.hint == b.hint && a.notes == b.notes
    }
}

/// A language error met at run time keeps the language's own wording.
struct LanguageRefusal: Refusal {
    let diagnostic: Diagnostic
    var message: String { diagnostic.message }
    var hint: String? { diagnostic.help }
    var notes: [String] { diagnostic.notes.map(\.message) }
}

/// Converts typed errors from the engine into runtime errors at a span.
func rethrow<T>(at span: SourceSpan, _ body: () throws -> T) throws(RuntimeError) -> T {
    do {
        return try body()
    } catch let e as RuntimeError {
        throw e
    } catch let e as LanguageError {
        throw RuntimeError(e)
    } catch let e as any Refusal {
        throw RuntimeError(e, at: span)
    } catch {
        throw RuntimeError(UnexpectedError(error: String(describing: error)), at: span)
    }
}

/// A readable message for any error.
func describe(_ error: any Error) -> String {
    switch error {
    case let e as RuntimeError: return e.message
    case let e as any Refusal: return e.message
    default: return String(describing: error)
    }
}

/// An error no domain declares (a bug if ever seen): its own description, said as it is.
struct UnexpectedError: Refusal {
    let error: String
    var message: String { error }
}
