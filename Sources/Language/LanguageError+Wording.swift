// The wording of language errors: one voice ("expected X after Y", "NAME expects TYPE, got V"),
// one suggestion each, usage lines as notes.

import Diagnostics

extension LanguageError: DiagnosticConvertible {
    public var diagnostic: Diagnostic {
        var diagnostic = Diagnostic.error(message, at: span)
        diagnostic.help = help
        diagnostic.notes = notes
        if let replacement = replacement { diagnostic.fixIt = FixIt(span: span, replacement: replacement) }
        return diagnostic
    }

    public var message: String {
        switch kind {
        case .unterminatedString: return "unterminated string"
        case .invalidEscape(let escape): return "unknown escape '\(escape)' in string"
        case .malformedNumber(let text): return "malformed number '\(text)'"
        case .numberOutOfRange(let text): return "number '\(text)' is too large"
        case .unexpectedCharacter(let text): return "unexpected character\(text.unicodeScalars.count > 1 ? "s" : "") '\(text)'"
        case .missingVariableName: return "expected a variable name after '$'"
        case .misplacedNarrative: return "unexpected '>'"
        case .expected(let expectation, let found): return "expected \(expectation.wording), found \(found)"
        case .unclosedBlock: return "expected '}' to close the block"
        case .unmatchedClosingBrace: return "unexpected '}' with no block open"
        case .repetitionOutsideNetwork(let text): return "'\(text)' repeats a layer; it only works in a net spec"
        case .distributionOutsideSweep(let name): return "'let \(name) ~ …' samples a value; it only works in a sweep body"
        case .nestingTooDeep(let limit): return "blocks are nested more than \(limit) deep"
        case .elseWithoutIf: return "'else' without an 'if' before it"
        case .mixedJoiners: return "a test joins with 'and' or with 'or', not both"
        case .unknownCommand(let name, _): return "unknown command '\(name)'"
        case .unknownArgument(let name, let command, _, _): return "unknown argument '\(name)' for '\(command)'"
        case .unknownLayer(let name, _): return "unknown layer '\(name)'"
        case .softmaxLayer: return "softmax is not a layer"
        case .unknownDistribution(let name, _): return "unknown distribution '\(name)'"
        case .unknownFunction(let name, _): return "unknown function '\(name)'"
        case .functionArity(let name, let expected, let got):
            let wanted = expected.count == 1 ? "\(expected.lowerBound)" : "\(expected.lowerBound) to \(expected.upperBound)"
            return "\(name) takes \(wanted) value\(expected.upperBound == 1 ? "" : "s"), got \(got)"
        case .distributionArity(let kind, let got): return "\(kind.rawValue) takes \(kind.arity), got \(got)"
        case .typeMismatch(let subject, let type, let got, _): return "\(subject.wording) expects \(type.expectation), got \(got)"
        case .missingPositional(let slot, let command, _): return "'\(command)' needs \(slot.help)"
        case .missingArgument(let name, let command, _): return "'\(command)' needs '\(name)='"
        case .duplicateArgument(let name, _): return "'\(name)' is given twice"
        case .extraOperand(let text, let command, _): return "unexpected '\(text)' in '\(command)'"
        case .unexpectedBlock(let command): return "'\(command)' does not take a { … } block"
        case .missingBlock(let command): return "'\(command)' needs a { … } block"
        case .undefinedVariable(let name, _): return "undefined variable '$\(name)'"
        }
    }

    /// The one suggestion.
    public var help: String? {
        switch kind {
        case .unterminatedString: return "add a closing '\"'"
        case .invalidEscape: return "the escapes are \\\" \\\\ \\n and \\t"
        case .malformedNumber: return "numbers look like 1, 0.5, 1e-3, -2 or 10k"
        case .numberOutOfRange: return "use a smaller number"
        case .misplacedNarrative: return "'>' starts narrative text only at the start of a line"
        case .unclosedBlock: return "add '}' after the last line of the block"
        case .unknownCommand(_, let suggestion?), .unknownArgument(_, _, let suggestion?, _),
            .unknownLayer(_, let suggestion?), .unknownDistribution(_, let suggestion?),
            .unknownFunction(_, let suggestion?), .typeMismatch(_, _, _, let suggestion?):
            return "did you mean '\(suggestion)'?"
        case .undefinedVariable(_, let suggestion?): return "did you mean '$\(suggestion)'?"
        case .unknownCommand: return "type 'help' to list the commands"
        case .unknownDistribution: return "use log(a, b), uniform(a, b), int(a, b) or choice(v1, v2, …)"
        case .softmaxLayer: return "leave it out: the loss applies softmax to the outputs"
        case .repetitionOutsideNetwork: return "write it after a layer, as in 'net a = dense 32 relu x20'"
        case .distributionOutsideSweep(let name): return "write 'let \(name) = VALUE', or put it inside 'sweep NAME { … }'"
        case .undefinedVariable: return "define it first with 'let NAME = VALUE'"
        case .elseWithoutIf: return "write 'else' on the line of the if's closing brace: '} else {'"
        case .mixedJoiners: return "nest the ifs: 'if A or B { if C { … } }'"
        default: return nil
        }
    }

    var notes: [DiagnosticNote] {
        switch kind {
        case .unclosedBlock(let opening): return [DiagnosticNote("the block opened here", span: opening)]
        case .duplicateArgument(_, let first): return [DiagnosticNote("first given here", span: first)]
        case .unknownArgument(_, _, _, let usage), .missingPositional(_, _, let usage),
            .missingArgument(_, _, let usage), .extraOperand(_, _, let usage):
            return [DiagnosticNote("usage: \(usage)")]
        case .unknownFunction(_, nil):
            return [DiagnosticNote("functions: " + ExpressionVocabulary.functions.map(\.name).joined(separator: ", "))]
        case .unknownLayer(_, nil):
            return [DiagnosticNote("layers: " + CommandRegistry.standardLayers.map(\.name).joined(separator: ", "))]
        default: return []
        }
    }

    /// The replacement text of the suggestion's fix-it, when it is a plain substitution.
    var replacement: String? {
        switch kind {
        case .unknownCommand(_, let suggestion?), .unknownLayer(_, let suggestion?),
            .unknownDistribution(_, let suggestion?), .unknownFunction(_, let suggestion?),
            .typeMismatch(_, _, _, let suggestion?):
            return suggestion
        case .undefinedVariable(_, let suggestion?): return "$" + suggestion
        default: return nil
        }
    }
}

extension Expectation {
    var wording: String {
        switch self {
        case .command: return "a command"
        case .name(let what): return "a name for the \(what)"
        case .equals(let after): return "'=' after '\(after)'"
        case .equalsOrTilde(let after): return "'=' or '~' after '\(after)'"
        case .value(let after): return "a value after '\(after)'"
        case .layer: return "a layer"
        case .distribution: return "a distribution: log, uniform, int or choice"
        case .closingBrace: return "'}'"
        case .closingParen: return "')'"
        case .closingBracket: return "']' after the layers (a[1..4])"
        case .openingParen(let after): return "'(' after '\(after)'"
        case .openingBrace(let after): return "'{' after '\(after)'"
        case .endOfStatement: return "end of line or ';'"
        case .comparison(let after): return "a comparison (==, !=, <, <=, >, >= or in (…)) after '\(after)'"
        case .elseBody: return "'{' or 'if' after 'else'"
        }
    }
}

extension Subject {
    var wording: String {
        switch self {
        case .argument(let name): return name
        case .positional(let command): return "'\(command)'"
        }
    }
}

extension DistributionKind {
    /// "2 values (low, high)"
    var arity: String { self == .choice ? "at least 1 value" : "2 values (low, high)" }
}
