// Declarations: positional slots, key=value arguments, signatures, commands and layers.
// One declaration drives parsing-time validation, `help`, usage lines, completion and
// "did you mean".

/// A positional word of a command: `a` in `train a`, `on d`, `"a.csv"` in `export a "a.csv"`.
public struct Slot: Hashable, Sendable {
    /// Key under which the value is bound in an `Invocation` ("net", "data", "file").
    public var name: String
    public var type: ValueType
    /// A word that introduces the slot (`on` in `train a on d`). With type `.flag` the word
    /// itself is the whole slot (`at` in `fork a as c at step=300`).
    public var keyword: String?
    public var isRequired: Bool
    /// Takes every remaining positional value (`compare a b c`).
    public var isVariadic: Bool
    /// Shown in usage lines: `NET`, `FILE`.
    public var placeholder: String
    /// Used when the slot is empty; nil means "the current one" or "decided by the interpreter".
    public var defaultValue: Literal?
    public var help: String

    public init(
        _ name: String, _ type: ValueType, keyword: String? = nil, required: Bool = false,
        variadic: Bool = false, placeholder: String? = nil, default defaultValue: Literal? = nil, help: String
    ) {
        self.name = name
        self.type = type
        self.keyword = keyword
        self.isRequired = required
        self.isVariadic = variadic
        self.placeholder = placeholder ?? (type.choices.isEmpty ? name.uppercased() : type.placeholder)
        self.defaultValue = defaultValue
        self.help = help
    }

    /// A filler word such as `at` or `to` that may be written and is otherwise ignored.
    public static func marker(_ word: String) -> Slot {
        Slot(word, .flag, keyword: word, placeholder: word, help: "optional word '\(word)'")
    }

    var isMarker: Bool { keyword != nil && type == .flag }

    /// `NET`, `[NET]`, `[on DATA]`, `[NET...]`, `[at]`.
    public var usage: String {
        var text = isMarker ? placeholder : [keyword, placeholder].compactMap { $0 }.joined(separator: " ")
        if isVariadic { text += "..." }
        return isRequired ? text : "[\(text)]"
    }
}

/// A `key=value` argument (or a bare flag word).
public struct ArgumentSpec: Hashable, Sendable {
    /// The short name typed in the language (`lr`).
    public var name: String
    public var type: ValueType
    /// Used when the argument is absent; nil means "decided by the interpreter" (see help).
    public var defaultValue: Literal?
    public var isRequired: Bool
    public var help: String
    /// The default as help and the reference describe it, when the interpreter decides it
    /// ("10", "0.01 for sgd, 1e-3 otherwise"); `defaultValue` is shown when this is nil.
    public var defaultText: String?

    public init(
        _ name: String, _ type: ValueType, default defaultValue: Literal? = nil,
        required: Bool = false, defaultText: String? = nil, help: String
    ) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.isRequired = required
        self.help = help
        self.defaultText = defaultText ?? defaultValue.map(\.description)
    }

    /// `[epochs=N]`, `[nesterov]`, `dirs=random|pca`.
    public var usage: String {
        let text = type == .flag ? name : "\(name)=\(type.placeholder)"
        return isRequired ? text : "[\(text)]"
    }
}

/// Positional slots plus named arguments: what a command or a layer accepts.
public struct Signature: Hashable, Sendable {
    public var slots: [Slot]
    public var arguments: [ArgumentSpec]

    public init(slots: [Slot] = [], arguments: [ArgumentSpec] = []) {
        self.slots = slots
        self.arguments = arguments
    }

    public func argument(named name: String) -> ArgumentSpec? { arguments.first { $0.name == name } }

    /// Usage text after the verb: slots then arguments.
    public var usage: String { (slots.map(\.usage) + arguments.map(\.usage)).joined(separator: " ") }
}

/// How a command's statement is shaped beyond `VERB operand…`.
public enum CommandForm: Hashable, Sendable {
    /// `VERB operand… [{ block }]`
    case plain
    /// `VERB NAME = operand…` (data)
    case binding(NameKind)
    /// `net NAME = layer, layer, …`
    case network
    /// `let NAME = value` or `let NAME ~ distribution(…)`
    case variable
    /// `if TEST { … } [else { … }]`
    case conditional
    /// `VERB EXPRESSION operand…` (expect)
    case expectation
}

/// Whether a command takes a `{ … }` block.
public enum BlockUse: Hashable, Sendable {
    case none, optional, required
}

/// Everything Basin knows about one command.
public struct CommandSpec: Hashable, Sendable {
    public var name: String
    public var aliases: [String]
    /// Section of `help` and of the generated reference ("Data", "Training", …).
    public var category: String
    /// One line for `help`.
    public var summary: String
    public var form: CommandForm
    public var signature: Signature
    public var block: BlockUse
    /// At least one, each a complete line that parses.
    public var examples: [String]
    /// Longer help text (may be empty).
    public var details: String

    public init(
        _ name: String, aliases: [String] = [], category: String, summary: String,
        form: CommandForm = .plain, slots: [Slot] = [], arguments: [ArgumentSpec] = [],
        block: BlockUse = .none, examples: [String], details: String = ""
    ) {
        self.name = name
        self.aliases = aliases
        self.category = category
        self.summary = summary
        self.form = form
        self.signature = Signature(slots: slots, arguments: arguments)
        self.block = block
        self.examples = examples
        self.details = details
    }

    /// The usage line: `train [NET] [on DATA] [epochs=N] …`.
    public var usage: String {
        var parts = [name]
        switch form {
        case .plain: break
        case .expectation: parts.append("EXPRESSION")
        case .binding: parts.append("NAME =")
        case .network: return "net NAME = LAYER, LAYER, …   (LAYER: dense N [ACT] [xN], res { … } [xN], …)"
        case .variable: return "let NAME = VALUE  |  let NAME ~ log(A, B)|uniform(A, B)|int(A, B)|choice(V, …)"
        case .conditional: return "if $NAME == VALUE [and|or …] { … } [else { … }]   (==, !=, <, <=, >, >=, or: $NAME in (V, …))"
        }
        let rest = signature.usage
        if !rest.isEmpty { parts.append(rest) }
        if block != .none { parts.append(block == .required ? "{ … }" : "[{ … }]") }
        return parts.joined(separator: " ")
    }
}

/// A layer of a net spec (`dense 32 relu`, `conv 25 k=5 s=2`), or an activation layer.
public struct LayerDeclaration: Hashable, Sendable {
    public var name: String
    public var summary: String
    public var signature: Signature
    public var examples: [String]
    public var isActivation: Bool

    public init(
        _ name: String, summary: String, slots: [Slot] = [], arguments: [ArgumentSpec] = [],
        examples: [String], isActivation: Bool = false
    ) {
        self.name = name
        self.summary = summary
        self.signature = Signature(slots: slots, arguments: arguments)
        self.examples = examples
        self.isActivation = isActivation
    }

    public var usage: String { ([name] + (signature.usage.isEmpty ? [] : [signature.usage])).joined(separator: " ") }
}
