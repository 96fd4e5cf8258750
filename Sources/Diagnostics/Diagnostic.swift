// Diagnostic: one message for the user, as a value.
//
// A diagnostic carries a severity, a message, the primary span it points at, notes (each
// optionally with its own span), at most one help line (the suggestion) and an optional
// fix-it a front end may apply. Modules keep their error *data* in their own typed errors and
// conform them to `DiagnosticConvertible`, which is where the *wording* lives.

/// How serious a diagnostic is.
public enum Severity: String, Sendable, Hashable, CaseIterable {
    case error, warning, note
}

/// A secondary remark attached to a diagnostic, e.g. the command's usage line.
public struct DiagnosticNote: Hashable, Sendable {
    public var message: String
    /// When set, the renderer shows this source line with a caret run under the span.
    public var span: SourceSpan?

    public init(_ message: String, span: SourceSpan? = nil) {
        self.message = message
        self.span = span
    }
}

/// A suggested edit: replace the text of `span` with `replacement`.
public struct FixIt: Hashable, Sendable {
    public var span: SourceSpan
    public var replacement: String

    public init(span: SourceSpan, replacement: String) {
        self.span = span
        self.replacement = replacement
    }
}

/// A message for the user about a place in the source.
public struct Diagnostic: Hashable, Sendable {
    public var severity: Severity
    public var message: String
    public var span: SourceSpan
    public var notes: [DiagnosticNote]
    /// One suggestion, shown as `= help: …`.
    public var help: String?
    public var fixIt: FixIt?

    public init(
        _ severity: Severity = .error, _ message: String, at span: SourceSpan,
        notes: [DiagnosticNote] = [], help: String? = nil, fixIt: FixIt? = nil
    ) {
        self.severity = severity
        self.message = message
        self.span = span
        self.notes = notes
        self.help = help
        self.fixIt = fixIt
    }

    /// An error diagnostic.
    public static func error(
        _ message: String, at span: SourceSpan, notes: [DiagnosticNote] = [],
        help: String? = nil, fixIt: FixIt? = nil
    ) -> Diagnostic {
        Diagnostic(.error, message, at: span, notes: notes, help: help, fixIt: fixIt)
    }
}

/// Typed error data that knows how to word itself as a diagnostic.
public protocol DiagnosticConvertible {
    var diagnostic: Diagnostic { get }
}

extension Diagnostic: DiagnosticConvertible {
    public var diagnostic: Diagnostic { self }
}

extension Collection where Element: DiagnosticConvertible {
    /// Whether any element is an error (rather than a warning or note).
    public var containsError: Bool { contains { $0.diagnostic.severity == .error } }
}
