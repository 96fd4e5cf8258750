// Statement dispatch: narrative, `let`, `net`, and commands bound to the registry, each
// handled by a method named after it (Commands/…).
import Diagnostics
import Language

/// A bound command and where it came from; typed values resolve `$variables` from the workspace.
struct CommandContext {
    let invocation: Invocation
    let command: Command
    let source: SourceFile
    /// The statement after this one (a tutorial `pause` offers it).
    let next: String?
    let scope: any VariableScope

    var span: SourceSpan { command.span }
    var name: String { invocation.name }

    func span(of key: String) -> SourceSpan { invocation.value(key)?.span ?? command.span }

    func int(_ key: String) throws(RuntimeError) -> Int? {
        do { return try invocation.integer(key, in: scope) } catch { throw RuntimeError(error) }
    }

    func number(_ key: String) throws(RuntimeError) -> Double? {
        do { return try invocation.number(key, in: scope) } catch { throw RuntimeError(error) }
    }

    func text(_ key: String) throws(RuntimeError) -> String? {
        do { return try invocation.text(key, in: scope) } catch { throw RuntimeError(error) }
    }

    /// Every value of a variadic slot, as text.
    func texts(_ slot: String) throws(RuntimeError) -> [String] {
        var out: [String] = []
        for value in invocation.values(slot) {
            let literal: Literal
            do {
                literal = try value.resolved(in: scope, as: .text, subject: .positional(of: invocation.name))
            } catch { throw RuntimeError(error) }
            switch literal {
            case .word(let t), .string(let t): out.append(t)
            case .number(let n): out.append(NumberLiteral.format(n))
            }
        }
        return out
    }

    func isSet(_ flag: String) -> Bool { invocation.isSet(flag) }

    /// A positive integer that also fits a sane bound (refused with the bound otherwise).
    func bounded(_ key: String, max: Int) throws(RuntimeError) -> Int? {
        guard let v = try int(key) else { return nil }
        guard v <= max else {
            throw RuntimeError("\(key)=\(v) is too large", at: span(of: key), hint: "use at most \(max)")
        }
        return v
    }
}

extension Session {
    func dispatch(_ statement: Statement, source: SourceFile, next: String?) throws(RuntimeError) -> ExecutionStatus {
        switch statement.kind {
        case .narrative(let text):
            emit(.narrative(text))
        case .variable(let binding):
            try defineVariable(binding)
        case .network(let definition):
            try defineNet(definition, source: source)
        case .conditional(let conditional):
            return try runConditional(conditional, source: source)
        case .command(let command):
            let invocation: Invocation
            do {
                invocation = try registry.bind(command)
            } catch {
                throw error.errors.first.map(RuntimeError.init) ?? RuntimeError("cannot run this command", at: command.span)
            }
            if let type = Commands.byName[invocation.name] {
                return try perform(type, invocation, source: source, next: next)
            }
            let context = CommandContext(invocation: invocation, command: command, source: source, next: next, scope: workspace)
            return try handle(context)
        }
        return .ok
    }

    func handle(_ c: CommandContext) throws(RuntimeError) -> ExecutionStatus {
        switch c.name {
        default:
            throw RuntimeError("'\(c.name)' is registered but has no handler (a bug in Basin)", at: c.command.verb.span,
                               hint: "please report it; 'help' lists the commands")
        }
        return .ok
    }
}
