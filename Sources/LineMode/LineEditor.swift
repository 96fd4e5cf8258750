// The prompt: libedit's readline emulation with Basin's settings.
//
// Emacs keys, Up/Down through history, Ctrl-R incremental search backwards (bound explicitly:
// libedit's own emacs map has ^R as redisplay), Tab through `TabCompletion`. libedit's signal
// handling is off (see TerminalGuard); Interrupts and TerminalGuard do it instead. History lives
// in one file (`$XDG_STATE_HOME/basin/history`, shared with the notebook), capped at
// `historyLimit` entries; every line is merged into it at once (Interpreter's HistoryFile), so
// neither a crash nor a kill loses a line, and two sessions at once keep each other's lines.
//
// Ctrl-C: Basin's SIGINT handler (Interrupts) cuts libedit's read short and `readline`
// returns NULL; the interrupt counter tells that apart from Ctrl-D on an empty line. After
// Ctrl-Z and `fg` the read is cut short the same way and the prompt is shown again.
import CEditLine
import Foundation
import Interpreter

/// One read from the prompt.
enum PromptRead: Equatable {
    case line(String)
    /// Ctrl-C: the line was dropped.
    case interrupted
    /// Ctrl-D on an empty line, or the input closed.
    case endOfInput
}

final class LineEditor {
    static let historyLimit: Int32 = 2000
    /// Where history is kept; nil when no state directory could be made.
    let historyPath: String?
    /// The last line added, to skip immediate repeats.
    var lastAdded: String?

    init(historyPath: String?) {
        self.historyPath = historyPath
        // libedit decodes input with the C library's locale; without this, UTF-8 typed at the
        // prompt (a file name with `é`) is dropped. Only LC_CTYPE: numbers stay "C".
        setlocale(LC_CTYPE, "")
        basin_rl_set_name("basin")
        basin_rl_set_catch_signals(0)
        _ = rl_initialize()
        _ = rl_parse_and_bind("bind ^R em-inc-search-prev")
        using_history()
        stifle_history(Self.historyLimit)
        if let historyPath, FileManager.default.fileExists(atPath: historyPath) {
            _ = read_history(historyPath)
        }
    }

    /// Shows `prompt` and reads one line with editing (showing it again after Ctrl-Z and fg).
    func read(prompt: String) -> PromptRead {
        while true {
            if let result = readOnce(prompt: prompt) { return result }
        }
    }

    /// One `readline`; nil when it was cut short by SIGCONT (the text typed before Ctrl-Z
    /// was flushed by the terminal anyway).
    func readOnce(prompt: String) -> PromptRead? {
        let interrupts = Interrupts.count
        let resumes = TerminalGuard.resumed.load(ordering: .relaxed)
        Interrupts.setInterruptsReads(true)
        TerminalGuard.setResumeInterruptsReads(true)
        let raw = readline(prompt)
        Interrupts.setInterruptsReads(false)
        TerminalGuard.setResumeInterruptsReads(false)
        defer { free(raw) }
        if Interrupts.count != interrupts { return .interrupted }
        if TerminalGuard.resumed.load(ordering: .relaxed) != resumes, raw == nil { return nil }
        guard let raw else { return .endOfInput }
        return .line(String(cString: raw))
    }

    /// Adds a non-blank line to the history and merges it into the history file (HistoryFile:
    /// another session's lines written meanwhile are kept).
    func remember(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace), line != lastAdded else { return }
        lastAdded = line
        _ = add_history(line)
        if let historyPath { HistoryFile.append(line, to: historyPath, limit: Int(Self.historyLimit)) }
    }
}
