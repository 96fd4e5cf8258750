// `if TEST { … } [else { … }]`: the test is decided on the workspace's variables and the chosen
// branch runs statement by statement, as if typed. In a sweep body the same test, on a sampled
// parameter, also shapes the search space (SweepBody.swift); in a trial a test on a parameter
// that is inactive takes neither branch, matching the space (a condition on an inactive parent
// is false).
import Diagnostics
import Language

enum IfEvaluation {
    /// Does `test` hold for the variables of `scope`? Clauses are read left to right and stop as
    /// soon as the answer is known (`and`: at the first false one, `or`: at the first true one).
    static func holds(_ test: IfTest, in scope: any VariableScope) throws(RuntimeError) -> Bool {
        for clause in test.clauses {
            let h = try holds(clause, in: scope)
            if h != (test.joiner == .and) { return h }
        }
        return test.joiner == .and
    }

    /// One clause. Equality compares numbers by value and words or strings by text (a number
    /// never equals a word); ordering needs two numbers.
    static func holds(_ test: IfClause, in scope: any VariableScope) throws(RuntimeError) -> Bool {
        let subject = try literal(test.subject, scope)
        switch test.relation {
        case .isOneOf(let values):
            for value in values where equal(subject, try literal(value, scope)) { return true }
            return false
        case .compare(let op, let value):
            let other = try literal(value, scope)
            guard op.orders else { return equal(subject, other) == (op == .equal) }
            guard case .number(let x) = subject, case .number(let y) = other else {
                let word = if case .number = subject { value } else { test.subject }
                throw RuntimeError(
                    DefinitionRefusal.ordersNumbers(op: op.rawValue, word: word.text, value: word == value ? other : subject),
                    at: word.span)
            }
            switch op {
            case .less: return x < y
            case .lessOrEqual: return x <= y
            case .greater: return x > y
            default: return x >= y
            }
        }
    }

    static func literal(_ value: Value, _ scope: any VariableScope) throws(RuntimeError) -> Literal {
        if let own = value.literal { return own }
        guard case .variable(let name) = value.kind, let found = scope.value(of: name) else {
            let name = if case .variable(let n) = value.kind { n } else { value.text }
            throw RuntimeError(
                LanguageError(.undefinedVariable(name, suggestion: suggest(name, among: scope.variableNames)), at: value.span))
        }
        return found
    }

    static func equal(_ a: Literal, _ b: Literal) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): x == y
        case (.word(let x), .word(let y)), (.word(let x), .string(let y)), (.string(let x), .word(let y)),
            (.string(let x), .string(let y)):
            x == y
        default: false
        }
    }

    static func shown(_ literal: Literal) -> String {
        switch literal {
        case .number(let x): NumberLiteral.format(x)
        case .word(let w): "'\(w)'"
        case .string(let s): "\"\(s)\""
        }
    }
}
