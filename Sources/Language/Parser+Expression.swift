// The expression of `expect` (and, later, computed answers): precedence climbing over
//   expression  → conjunction ('or' conjunction)*
//   conjunction → comparison ('and' comparison)*
//   comparison  → sum (COMPARISON sum)?
//   sum         → product (('+' | '-') product)*
//   product     → unary (('*' | '/') unary)*
//   unary       → '-' unary | primary
//   primary     → NUMBER | $NAME | NAME '(' expression (',' expression)* ')' | NAME ('.' NAME)* | '(' expression ')'
// `a -0.1` (a number right after a value) reads as a subtraction, as it would on paper.

import Diagnostics

extension Parser {
    mutating func expression() throws -> Expression {
        var left = try conjunction()
        while current.word == "or" {
            advance()
            let right = try conjunction()
            left = Expression(.logical(.or, left, right), span: left.span.through(right.span))
        }
        return left
    }

    mutating func conjunction() throws -> Expression {
        var left = try comparisonExpression()
        while current.word == "and" {
            advance()
            let right = try comparisonExpression()
            left = Expression(.logical(.and, left, right), span: left.span.through(right.span))
        }
        return left
    }

    mutating func comparisonExpression() throws -> Expression {
        let left = try sum()
        guard case .comparison(let op) = current.kind else { return left }
        advance()
        let right = try sum()
        return Expression(.comparison(op, left, right), span: left.span.through(right.span))
    }

    mutating func sum() throws -> Expression {
        var left = try product()
        while true {
            if case .arithmetic(let op) = current.kind, op.precedence == 1 {
                advance()
                let right = try product()
                left = Expression(.arithmetic(op, left, right), span: left.span.through(right.span))
            } else if case .number(let n) = current.kind, n.value < 0, current.text.hasPrefix("-") {
                // `a -0.1`: the lexer made a negative number; it is a subtraction here.
                let token = advance()
                let right = Expression(.number(-n.value), span: token.span)
                left = Expression(.arithmetic(.minus, left, right), span: left.span.through(token.span))
            } else {
                return left
            }
        }
    }

    mutating func product() throws -> Expression {
        var left = try unary()
        while case .arithmetic(let op) = current.kind, op.precedence == 2 {
            advance()
            let right = try unary()
            left = Expression(.arithmetic(op, left, right), span: left.span.through(right.span))
        }
        return left
    }

    mutating func unary() throws -> Expression {
        if case .arithmetic(.minus) = current.kind {
            let start = advance()
            let operand = try unary()
            return Expression(.negate(operand), span: start.span.through(operand.span))
        }
        return try primary()
    }

    mutating func primary() throws -> Expression {
        let token = current
        switch token.kind {
        case .number(let n):
            advance()
            return Expression(.number(n.value), span: token.span)
        case .variable(let name):
            advance()
            return Expression(.variable(name), span: token.span)
        case .leftParen:
            advance()
            let inner = try expression()
            try expect(.rightParen, .closingParen)
            return Expression(inner.kind, span: spanned(from: token))
        case .word(let name) where !["and", "or"].contains(name):
            advance()
            if current.kind == .leftParen {
                advance()
                var arguments = [try expression()]
                while match(.comma) != nil { arguments.append(try expression()) }
                try expect(.rightParen, .closingParen)
                let span = spanned(from: token)
                if let function = ExpressionVocabulary.function(named: name) {
                    if !function.arity.contains(arguments.count) {
                        record(.functionArity(name, expected: function.arity, got: arguments.count), at: span)
                    }
                } else {
                    let suggestion = suggest(name, among: ExpressionVocabulary.functions.map(\.name))
                    record(.unknownFunction(name, suggestion: suggestion), at: token.span)
                }
                return Expression(.call(Identifier(name, span: token.span), arguments), span: span)
            }
            var path = [Identifier(name, span: token.span)]
            while current.kind == .dot {
                advance()
                guard let field = current.word else {
                    throw fail(.expected(.name(for: "field after '.'"), found: current.quoted), at: current.span)
                }
                path.append(Identifier(field, span: advance().span))
            }
            return Expression(.path(path), span: spanned(from: token))
        default:
            if token.kind == .invalid { throw Panic() }
            throw fail(.expected(.value(after: previous.text), found: token.quoted), at: token.span)
        }
    }
}
