// Statement dispatch: narrative, `let`, `net`, `if`, and commands — each bound to its
// declaration and run by its type (Commands.swift lists them).
import Diagnostics
import Language

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
            guard let type = Commands.byName[invocation.name] else {
                throw RuntimeError("'\(invocation.name)' is registered but has no command type (a bug in Basin)", at: command.verb.span,
                                   hint: "please report it; 'help' lists the commands")
            }
            return try perform(type, invocation, source: source, next: next)
        }
        return .ok
    }

    /// Binds a typed command's operands (`$variables` resolved in the workspace) and runs it.
    func perform<C: RunnableCommand>(_ type: C.Type, _ invocation: Invocation, source: SourceFile, next: String?)
        throws(RuntimeError) -> ExecutionStatus {
        let (command, context) = try C.declaration.make(invocation.binding, syntax: invocation.command, scope: workspace,
                                                        source: source, next: next)
        return try command.run(self, context)
    }
}
