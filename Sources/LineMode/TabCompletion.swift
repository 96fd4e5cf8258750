// Tab at the libedit prompt: a C callback (`rl_attempted_completion_function`) that asks
// Language's `Completer` (commands, arguments, choice words, workspace names) for candidates and hands libedit a malloc'd, NULL-terminated array in
// libedit's layout: [common prefix, candidate 1, …, candidate n, NULL] (even for n = 1; libedit
// tests `matches[2] == NULL` for "exactly one"). libedit frees the array and its strings.
//
// libedit decides where the word starts from its word-break characters and passes offsets in
// characters; the completer works in UTF-8 bytes. Both are converted to bytes here and the
// candidates are re-based onto libedit's word when the two starts differ.
import CEditLine
import Foundation
import Language

enum TabCompletion {
    /// What the callback asks. Set once and read only on the main thread (the callback runs
    /// inside `readline`, while no command is running).
    nonisolated(unsafe) static var completer: Completer?

    /// The characters that end a word for libedit (everything that cannot be inside a name).
    static let wordBreaks: StaticString = " \t\n\"'=,;{}()#<>|&~:$+*/"

    static func install(_ completer: Completer) {
        self.completer = completer
        wordBreaks.withUTF8Buffer { buffer in
            buffer.baseAddress.map { basin_rl_set_word_breaks(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
        }
        basin_rl_set_completion(complete)
    }

    /// Candidates re-based so they replace the bytes from `wordStart` to the cursor.
    static func candidates(line: String, wordStart: Int, cursor: Int) -> [String] {
        guard let completion = completer?.complete(line, cursor: cursor) else { return [] }
        let texts = completion.candidates.map(\.text)
        let bytes = Array(line.utf8)
        let start = min(max(0, completion.replaceStart), bytes.count)
        if start == wordStart { return texts }
        if start < wordStart {
            let typed = String(decoding: bytes[start..<wordStart], as: UTF8.self)
            return texts.filter { $0.hasPrefix(typed) }.map { String($0.dropFirst(typed.count)) }
        }
        let extra = String(decoding: bytes[wordStart..<start], as: UTF8.self)
        return texts.map { extra + $0 }
    }

    /// The longest text every candidate starts with.
    static func commonPrefix(_ candidates: [String]) -> String {
        guard var common = candidates.first else { return "" }
        for candidate in candidates.dropFirst() {
            common = String(zip(common, candidate).prefix { $0 == $1 }.map(\.0))
        }
        return common
    }

    /// libedit's match array; nil when there is nothing to offer.
    static func matchArray(_ candidates: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        guard !candidates.isEmpty else { return nil }
        let items = [commonPrefix(candidates)] + candidates
        guard
            let array = malloc(MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (items.count + 1))?
                .bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: items.count + 1)
        else { return nil }
        for (index, item) in items.enumerated() { array[index] = strdup(item) }
        array[items.count] = nil
        return array
    }

    /// A byte offset for an offset in Unicode scalars (libedit counts wide characters).
    static func byteOffset(_ line: String, scalars: Int) -> Int {
        line.unicodeScalars.prefix(max(0, scalars)).reduce(0) { $0 + UTF8.width($1) }
    }
}

/// The callback libedit calls on Tab: `start`/`end` delimit the word in characters.
private let complete:
    @convention(c) (UnsafePointer<CChar>?, Int32, Int32)
        -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { _, start, end in
            basin_rl_set_completion_over(1)
            guard let buffer = basin_rl_line_buffer() else { return nil }
            let line = String(cString: buffer)
            let wordStart = TabCompletion.byteOffset(line, scalars: Int(start))
            let cursor = TabCompletion.byteOffset(line, scalars: Int(end))
            let candidates = TabCompletion.candidates(line: line, wordStart: wordStart, cursor: cursor)
            // A single `key=` or `name(` continues at once; a finished word gets a space.
            let single = candidates.count == 1 ? candidates[0] : nil
            let joins = single.map { $0.hasSuffix("=") || $0.hasSuffix("(") } ?? false
            basin_rl_set_completion_append(joins ? 0 : Int32(UInt8(ascii: " ")))
            return TabCompletion.matchArray(candidates)
        }
