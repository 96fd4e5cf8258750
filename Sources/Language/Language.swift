// Language — Basin's command language: lexer, parser, AST, command registry, completion.
//
// README
// ------
// Entry points
//   Script.parse(_ source: SourceFile) -> ParseResult   a whole file, cell or line: the AST and
//                                                       EVERY error (lexical, syntax, registry)
//   Script.braceBalance(of: text)                       `{` left open: a prompt reads more lines
//   CommandRegistry                                     the table of commands and layers (the interpreter
//                                                       builds CommandRegistry.standard from its commands)
//   registry.bind(command) -> Invocation                named slots/arguments/flags of a command
//   invocation.integer("epochs", in: scope)             typed values, $variables resolved then
//   Completer(registry:names:).complete(line, cursor:)  Tab completion
//   HelpText(registry:)                                 `help` text and docs generation
// Diagnostics: every error is a `LanguageError` (data); `.diagnostic` words it and
// `DiagnosticRenderer` (module Diagnostics) draws it with the source line and caret.
//
// Files: Token, Lexer (+Scanning), Parser (+Values, +Network), AST, NetworkAST, LanguageError
// (+Wording), Invocation, Completion, Help; Registry/ holds the declarations (one file per
// group of commands), the binder and the layer builder.

import Diagnostics

/// A parsed source and everything wrong with it.
public struct ParseResult: Hashable, Sendable {
    public var script: Script
    /// Every error, in source order; the script should not run unless this is empty.
    public var errors: [LanguageError]

    public var diagnostics: [Diagnostic] { errors.map(\.diagnostic) }
    public var succeeded: Bool { errors.isEmpty }
}

extension Script {
    /// Lexes, parses and checks a whole source against the registry.
    public static func parse(_ source: SourceFile, registry: CommandRegistry) -> ParseResult {
        var parser = Parser(source, registry: registry)
        let script = parser.parseScript()
        return ParseResult(script: script, errors: parser.errors)
    }

    /// Parses text typed at a prompt (no file name).
    public static func parse(_ text: String, registry: CommandRegistry) -> ParseResult {
        parse(SourceFile(text: text), registry: registry)
    }
}
