// basin: chooses a front end. On a terminal: the notebook (or line mode with --plain or
// TERM=dumb); `basin run FILE` or a non-terminal stdin/stdout: batch.
import Charts
import Diagnostics
import Foundation
import Interpreter
import LineMode

let arguments = Array(CommandLine.arguments.dropFirst())
exit(Launcher(arguments: arguments).main())
