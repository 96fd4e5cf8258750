// Decimal numbers from bytes. The syntax is checked here, byte by byte, so that exactly plain
// decimals are accepted — [+-] digits [. digits] [e|E [+-] digits] — and NaN, inf, hex floats,
// quotes and stray characters are each told apart for the error message. The checked text is
// then converted by the standard library (correctly rounded, so "%.9g" output round-trips to the
// same Float bits); numbers up to 15 bytes fit a small string, so no allocation per field.

enum NumberParsing {
    /// A field's value, or the CSV problem it has.
    static func float(_ field: UnsafeBufferPointer<UInt8>) -> Result<Float, CSVProblem> {
        guard !field.isEmpty else { return .failure(.emptyField) }
        if let problem = syntaxProblem(field) { return .failure(problem) }
        let text = String(decoding: field, as: UTF8.self)
        guard let value = Float(text) else { return .failure(.notANumber(text)) }
        guard value.isFinite else { return .failure(.outOfRange(text)) }
        return .success(value)
    }

    /// nil when `field` is a plain decimal number; otherwise why it is not.
    static func syntaxProblem(_ field: UnsafeBufferPointer<UInt8>) -> CSVProblem? {
        var i = 0
        let n = field.count
        if field[0] == UInt8(ascii: "\"") || field[0] == UInt8(ascii: "'") { return .quotedField(text(field)) }
        if field[i] == UInt8(ascii: "+") || field[i] == UInt8(ascii: "-") { i += 1 }
        if i + 1 < n, field[i] == UInt8(ascii: "0"), field[i + 1] | 0x20 == UInt8(ascii: "x") {
            return .hexFloat(text(field))
        }
        if isNonFiniteWord(field, from: i) { return .nonFinite(text(field)) }
        let integerDigits = digits(field, &i)
        var fractionDigits = 0
        if i < n, field[i] == UInt8(ascii: ".") { i += 1; fractionDigits = digits(field, &i) }
        guard integerDigits + fractionDigits > 0 else { return .notANumber(text(field)) }
        if i < n, field[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < n, field[i] == UInt8(ascii: "+") || field[i] == UInt8(ascii: "-") { i += 1 }
            guard digits(field, &i) > 0 else { return .notANumber(text(field)) }
        }
        return i == n ? nil : .notANumber(text(field))
    }

    /// Skips ASCII digits from `i`; returns how many.
    private static func digits(_ field: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Int {
        let start = i
        while i < field.count, field[i] >= UInt8(ascii: "0"), field[i] <= UInt8(ascii: "9") { i += 1 }
        return i - start
    }

    /// "nan", "inf" or "infinity" in any case, after an optional sign.
    private static func isNonFiniteWord(_ field: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        let rest = UnsafeBufferPointer(rebasing: field[start...])
        func spells(_ word: StaticString) -> Bool {
            guard rest.count == word.utf8CodeUnitCount else { return false }
            for k in 0..<rest.count where rest[k] | 0x20 != word.utf8Start[k] { return false }
            return true
        }
        return spells("nan") || spells("inf") || spells("infinity")
    }

    static func text(_ field: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: field, as: UTF8.self)
    }
}
