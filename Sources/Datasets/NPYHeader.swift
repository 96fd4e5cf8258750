// The NPY header: a Python dict literal such as
//   {'descr': '<f4', 'fortran_order': False, 'shape': (4000, 40), }
// parsed on bytes by a tiny recursive-descent reader that accepts exactly what numpy writes
// (single- or double-quoted strings, True/False, tuples of integers, an optional trailing comma)
// and names the first thing it does not understand. Spec: numpy/lib/format.py (NEP 1).

struct NPYHeader: Equatable {
    var descr: String
    var fortranOrder: Bool
    var shape: [Int]
}

struct NPYHeaderParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The three required keys, each exactly once, and nothing else.
    mutating func parse() throws(NPYProblem) -> NPYHeader {
        var descr: String?, fortran: Bool?, shape: [Int]?
        try expect("{")
        while peek() != UInt8(ascii: "}") {
            let key = try string()
            try expect(":")
            switch key {
            case "descr" where descr == nil: descr = try descrValue()
            case "fortran_order" where fortran == nil: fortran = try boolean()
            case "shape" where shape == nil: shape = try tuple()
            default: throw .malformedHeader(.unexpectedKey(key))
            }
            if peek() == UInt8(ascii: ",") { i += 1 } else { break }
        }
        try expect("}")
        skipSpace()
        guard i == bytes.count else { throw .malformedHeader(.textAfterClosingBrace) }
        guard let descr, let fortran, let shape else {
            let missing = descr == nil ? "descr" : fortran == nil ? "fortran_order" : "shape"
            throw .malformedHeader(.missingKey(missing))
        }
        return NPYHeader(descr: descr, fortranOrder: fortran, shape: shape)
    }

    /// The next non-space byte (not consumed), or nil at the end.
    private mutating func peek() -> UInt8? {
        skipSpace()
        return i < bytes.count ? bytes[i] : nil
    }

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x09 || bytes[i] == 0x0D { i += 1 }
    }

    private mutating func expect(_ c: Unicode.Scalar) throws(NPYProblem) {
        guard peek() == UInt8(ascii: c) else { throw .malformedHeader(.expectedCharacter(Character(c), byte: i)) }
        i += 1
    }

    /// A quoted string without escapes.
    private mutating func string() throws(NPYProblem) -> String {
        guard let quote = peek(), quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") else {
            throw .malformedHeader(.expectedString(byte: i))
        }
        let start = i + 1
        var end = start
        while end < bytes.count, bytes[end] != quote, bytes[end] != UInt8(ascii: "\\") { end += 1 }
        guard end < bytes.count, bytes[end] == quote else { throw .malformedHeader(.unterminatedString(byte: i)) }
        i = end + 1
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// The dtype string; a list means a structured dtype, which Basin cannot use.
    private mutating func descrValue() throws(NPYProblem) -> String {
        if peek() == UInt8(ascii: "[") { throw .unsupportedType(descr: "structured dtype") }
        return try string()
    }

    private mutating func boolean() throws(NPYProblem) -> Bool {
        _ = peek()
        for (word, value) in [("True", true), ("False", false)] where matches(word) {
            i += word.utf8.count
            return value
        }
        throw .malformedHeader(.expectedBoolean(byte: i))
    }

    private func matches(_ word: String) -> Bool {
        let w = Array(word.utf8)
        return i + w.count <= bytes.count && bytes[i..<i + w.count].elementsEqual(w)
    }

    /// `( )`, `(n,)` or `(n, m, …)` with an optional trailing comma.
    private mutating func tuple() throws(NPYProblem) -> [Int] {
        try expect("(")
        var dims: [Int] = []
        while peek() != UInt8(ascii: ")") {
            dims.append(try integer())
            guard dims.count <= 32 else { throw .malformedHeader(.tooManyDimensions(limit: 32)) }
            if peek() == UInt8(ascii: ",") { i += 1 } else { break }
        }
        try expect(")")
        return dims
    }

    /// A non-negative decimal integer (a Python 2 `L` suffix is allowed).
    private mutating func integer() throws(NPYProblem) -> Int {
        _ = peek()
        var value = 0, digits = 0
        while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int(bytes[i] - UInt8(ascii: "0")))
            guard !o1, !o2 else { throw .malformedHeader(.dimensionTooLarge(byte: i)) }
            value = s; digits += 1; i += 1
        }
        guard digits > 0 else { throw .malformedHeader(.expectedDimension(byte: i)) }
        if i < bytes.count, bytes[i] == UInt8(ascii: "L") { i += 1 }
        return value
    }
}
