// What a hostile or broken input does to the real binary: it is refused or reported in a bounded
// amount of output, quickly, with the exit code of a usage or syntax error.
import Foundation
import Testing

@Suite("Hostile inputs to basin run")
struct HostileInputTests {
    func basin(_ arguments: [String], stdin: String = "/dev/null") -> SpawnResult {
        let state = Scratch()
        defer { state.remove() }
        return Spawn.run(
            [BasinBinary.path] + arguments,
            environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "XDG_STATE_HOME": state.path],
            stdinPath: stdin, timeout: 60)
    }

    /// It used to read until memory ran out (6.5 GiB in 10 s).
    @Test(
        "an endless file is refused at the script size limit",
        .enabled(if: BasinBinary.exists, "no basin binary: run scripts/test.sh"))
    func endlessFile() {
        let result = basin(["run", "/dev/zero"])
        #expect(!result.timedOut && result.status == 64)
        #expect(result.error.contains("'/dev/zero' is larger than 32 MiB, the most a script may be"), "\(result.error)")
        let piped = basin(["run", "-"], stdin: "/dev/zero")
        #expect(piped.status == 64 && piped.error.contains("larger than 32 MiB"), "\(piped.error)")
    }

    @Test("a binary file is refused, not parsed", .enabled(if: BasinBinary.exists, "no basin binary: run scripts/test.sh"))
    func binaryFile() {
        let scratch = Scratch()
        defer { scratch.remove() }
        let file = scratch.file("blob.basin", "data d = moons\n\u{0}\u{1}\u{2}garbage")
        let result = basin(["run", file])
        #expect(result.status == 64)
        #expect(result.error.contains("is not a text script: it holds a NUL byte at offset 15"), "\(result.error)")
    }

    /// 10 KB of '}' printed 150 MB: every error repeated the whole line.
    @Test(
        "thousands of syntax errors print a bounded report",
        .enabled(if: BasinBinary.exists, "no basin binary: run scripts/test.sh"))
    func boundedErrors() {
        let scratch = Scratch()
        defer { scratch.remove() }
        let result = basin(["run", scratch.file("braces.basin", String(repeating: "}", count: 10_000))])
        #expect(result.status == 65)
        #expect(result.error.count < 20_000, "\(result.error.count) bytes of errors")
        #expect(result.error.contains("note: … and 9980 more errors not shown"), "\(result.error.suffix(200))")
    }
}

@Suite("Escape sequences from files never reach the terminal")
struct EscapeSequenceTests {
    /// A crafted CSV changed the window title and hid the cursor through an error message.
    @Test(
        "a CSV field holding escape sequences is reported without them",
        .enabled(if: BasinBinary.exists, "no basin binary: run scripts/test.sh"))
    func csvEscapes() {
        let scratch = Scratch()
        defer { scratch.remove() }
        _ = scratch.file("evil.csv", "x,label\n1,0\n\u{1B}]0;pwned\u{07}\u{1B}[?25l,1\n")
        let script = scratch.file("s.basin", "data c = csv \"evil.csv\" target=label\n")
        let command =
            "cd \(BasinBinary.shellQuoted(scratch.path)) && exec \(BasinBinary.shellQuoted(BasinBinary.path)) run s.basin"
        let result = Spawn.run(
            ["/bin/sh", "-c", command],
            environment: [
                "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
                "XDG_STATE_HOME": scratch.path + "/state",
            ], timeout: 60)
        #expect(result.status == 70, "\(result.error)")
        #expect(result.error.contains("evil.csv"), "\(result.error)")
        #expect(!result.error.contains("\u{1B}") && !result.error.contains("\u{07}"), "\(result.error.debugDescription)")
        #expect(!result.output.contains("\u{1B}"))
        _ = script
    }
}
