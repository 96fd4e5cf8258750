// Sequence tasks for attention and transformers (UDL chapter 12): inputs are sequences of
// tokens (integers in 0..<vocabulary, stored as floats), targets are a class per position
// (`sort`, `reverse`, `copy`) or one class per sequence (`modadd`, `parity`, `recall`).
//
// Every example is a different input, so a held-out example is never one the net trained on:
// a task with fewer distinct inputs than asked for is refused with the number it has.
//   sort len=L vocab=V      a random sequence → the same tokens sorted (minGPT's demo: 6, 3)
//   reverse / copy          a random sequence → reversed / unchanged
//   modadd p=P              (a, b) → (a + b) mod P, all P² pairs at most (the grokking task)
//   parity bits=N relevant=K  N random bits → the parity of K of them, the same K for every
//                           example, chosen by the seed (sparse parity)
//   recall pairs=K vocab=V  k₁ v₁ … k_K v_K q → the value stored with key q (associative
//                           recall): keys are K different tokens of 0..<V, values tokens V..<2V
//                           (class = value − V), q one of the keys.
import Kernels

public enum SequenceTask: String, Sendable, CaseIterable {
    case sort, reverse, copy, modadd, parity, recall

    /// Per-position targets (one class for every input position).
    public var perPosition: Bool { self == .sort || self == .reverse || self == .copy }
}

public struct SequenceOptions: Sendable, Equatable {
    public var task: SequenceTask
    /// Examples; nil: 2,000, or every distinct input when there are fewer.
    public var count: Int?
    /// Sequence length (sort, reverse, copy).
    public var length = 6
    /// Tokens (sort, reverse, copy; keys and values of recall).
    public var vocabulary = 3
    /// The modulus of modadd.
    public var modulus = 97
    /// Bits and relevant bits of parity.
    public var bits = 20
    public var relevant = 3
    /// Key–value pairs of recall.
    public var pairs = 4
    public var seed: UInt64 = 0

    public static let defaultCount = 2000
    /// Most examples a task makes (each is checked against all the others for repeats).
    public static let maxCount = 1_000_000
    public static let maxLength = 256
    public static let maxVocabulary = 512

    public init(task: SequenceTask) {
        self.task = task
        if task == .recall { vocabulary = 8 }
    }
}

extension Dataset {
    /// A sequence task's examples, every input different, in random order.
    public static func sequences(_ o: SequenceOptions) throws(DataError) -> Dataset {
        try o.validate()
        var rng = RNG(seed: o.seed, stream: "sequences-\(o.task.rawValue)")
        let distinct = o.distinctInputs
        let n = o.count ?? Int(min(Double(SequenceOptions.defaultCount), distinct))
        guard n >= 1, n <= SequenceOptions.maxCount else {
            throw .invalidArgument(name: "n", value: "\(n)", allowed: .sequenceCount(1...SequenceOptions.maxCount))
        }
        guard n * (o.inputLength + o.positions) <= Dataset.valueLimit else {
            throw .invalidArgument(
                name: "n", value: "\(n)",
                allowed: .sequenceExamples(
                    atMost: Dataset.valueLimit / (o.inputLength + o.positions), tokens: o.inputLength,
                    valueLimit: Dataset.valueLimit))
        }
        guard Double(n) <= distinct else {
            throw .tooFewDistinct(task: o.description, distinct: Int(distinct), requested: n)
        }
        let relevantBits = o.task == .parity ? Array(rng.permutation(o.bits).prefix(o.relevant)).map(Int.init) : []
        let inputs = o.distinctRows(n, distinct: distinct, rng: &rng)
        var labels: [Int32] = []
        labels.reserveCapacity(n * o.positions)
        for row in inputs {
            switch o.task {
            case .sort: labels += row.sorted()
            case .reverse: labels += row.reversed()
            case .copy: labels += row
            case .modadd: labels.append(Int32((Int(row[0]) + Int(row[1])) % o.modulus))
            case .parity: labels.append(Int32(relevantBits.reduce(0) { $0 ^ Int(row[$1]) }))
            case .recall:
                let query = row[row.count - 1]
                let slot = stride(from: 0, to: 2 * o.pairs, by: 2).first { row[$0] == query } ?? 0
                labels.append(row[slot + 1] - Int32(o.vocabulary))
            }
        }
        return try Dataset(
            name: o.task.rawValue, inputs: inputs.flatMap { $0.map(Float.init) }, sampleShape: [o.inputLength],
            targets: .classes(labels, count: o.classes), positions: o.positions, vocabulary: o.tokens)
    }
}

extension SequenceOptions: CustomStringConvertible {
    /// As a user writes it: "sort len=6 vocab=3".
    public var description: String {
        switch task {
        case .sort, .reverse, .copy: return "\(task.rawValue) len=\(length) vocab=\(vocabulary)"
        case .modadd: return "modadd p=\(modulus)"
        case .parity: return "parity bits=\(bits) relevant=\(relevant)"
        case .recall: return "recall pairs=\(pairs) vocab=\(vocabulary)"
        }
    }

    /// Tokens in one input.
    public var inputLength: Int {
        switch task {
        case .sort, .reverse, .copy: return length
        case .modadd: return 2
        case .parity: return bits
        case .recall: return 2 * pairs + 1
        }
    }

    /// Tokens an input may hold (the embedding's vocabulary).
    public var tokens: Int {
        switch task {
        case .sort, .reverse, .copy: return vocabulary
        case .modadd: return modulus
        case .parity: return 2
        case .recall: return 2 * vocabulary
        }
    }

    public var classes: Int {
        switch task {
        case .sort, .reverse, .copy, .recall: return vocabulary
        case .modadd: return modulus
        case .parity: return 2
        }
    }

    /// Labels per example.
    public var positions: Int { task.perPosition ? length : 1 }

    /// How many different inputs the task has (a Double: V^L overflows Int quickly).
    public var distinctInputs: Double {
        switch task {
        case .sort, .reverse, .copy: return pow(Double(vocabulary), Double(length))
        case .modadd: return Double(modulus * modulus)
        case .parity: return pow(2, Double(bits))
        case .recall:
            // Ordered distinct keys × values × which key is asked.
            var keys = 1.0
            for i in 0..<pairs { keys *= Double(vocabulary - i) }
            return keys * pow(Double(vocabulary), Double(pairs)) * Double(pairs)
        }
    }

    func validate() throws(DataError) {
        func check(_ value: Int, _ name: String, _ range: ClosedRange<Int>) throws(DataError) {
            guard range.contains(value) else {
                throw .invalidArgument(
                    name: name, value: "\(value)", allowed: .integer(range))
            }
        }
        switch task {
        case .sort, .reverse, .copy:
            try check(length, "len", 1...Self.maxLength)
            try check(vocabulary, "vocab", 2...Self.maxVocabulary)
        case .modadd:
            try check(modulus, "p", 2...Self.maxVocabulary)
        case .parity:
            try check(bits, "bits", 1...64)
            try check(relevant, "relevant", 1...bits)
        case .recall:
            try check(vocabulary, "vocab", 2...Self.maxVocabulary)
            try check(pairs, "pairs", 1...min(vocabulary, 64))
        }
    }

    /// One random input of the task (not necessarily new).
    func randomRow(_ rng: inout RNG) -> [Int32] {
        switch task {
        case .sort, .reverse, .copy:
            return (0..<length).map { _ in Int32(rng.int(below: vocabulary)) }
        case .modadd:
            return [Int32(rng.int(below: modulus)), Int32(rng.int(below: modulus))]
        case .parity:
            return (0..<bits).map { _ in Int32(rng.int(below: 2)) }
        case .recall:
            let keys = rng.permutation(vocabulary).prefix(pairs)
            var row: [Int32] = []
            for k in keys { row += [k, Int32(vocabulary + rng.int(below: vocabulary))] }
            return row + [keys[keys.startIndex + rng.int(below: pairs)]]
        }
    }

    /// Input number `index` of an enumeration of every input (tasks whose inputs are all
    /// sequences of `inputLength` tokens of `tokens`: base-`tokens` digits).
    func enumeratedRow(_ index: Int) -> [Int32] {
        var rest = index
        var row = [Int32](repeating: 0, count: inputLength)
        for i in (0..<inputLength).reversed() {
            row[i] = Int32(rest % tokens)
            rest /= tokens
        }
        return row
    }

    /// `n` different inputs: drawn from an enumeration when there are few enough to enumerate
    /// (then any `n` up to all of them is fast), else drawn at random with repeats rejected.
    func distinctRows(_ n: Int, distinct: Double, rng: inout RNG) -> [[Int32]] {
        if task != .recall, distinct <= Double(1 << 20) {
            var order = Array(0..<Int(distinct))
            for i in 0..<n {
                let j = i + rng.int(below: order.count - i)
                order.swapAt(i, j)
            }
            return order.prefix(n).map(enumeratedRow)
        }
        var seen = Set<[Int32]>()
        var rows: [[Int32]] = []
        rows.reserveCapacity(n)
        while rows.count < n {
            let row = randomRow(&rng)
            if seen.insert(row).inserted { rows.append(row) }
        }
        return rows
    }
}

#if canImport(Glibc)
import Glibc
#endif
