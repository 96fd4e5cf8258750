// Snapshot tests: every case of SnapshotCases.swift drawn and compared with the frame a person
// checked (trailing spaces trimmed). Over 300 lines because it is mostly those frames. After an
// intended change, a failure prints the new frame as a literal: read it, then paste it here.
import Charts
import Notebook
import TestSupport
import Testing

@Test(arguments: snapshotCases.map(\.name))
func snapshot(_ name: String) throws {
    let c = try #require(snapshotCases.first { $0.name == name })
    let expected = try #require(expectedFrames[name], "no expected frame for \(name)")
    var state = c.state()
    let actual = state.frame().text
    guard !unifiedDiff(expected: expected, actual: actual).isEmpty else { return }
    expectFrame(&state, expected)
    let literal = actual.split(separator: "\n", omittingEmptySubsequences: false).map { "        " + $0 }.joined(separator: "\n")
    Issue.record("the frame as a literal, to paste after checking it:\n    \"\(name)\": #\"\"\"\n\(literal)\n        \"\"\"#,")
}

let expectedFrames: [String: String] = [
    "idle 100x30": #"""
    [1] data d = moons n=400
      d: 400 examples of [2], 2 classes; train 280 / val 60 / test 60 (locked)
    [2] net a = dense 16 relu, dense 16 relu, dense 2
      a: 5 layers, 338 parameters, [2] → [2]
    [3] train a epochs=20
      train a step 200/200 ████████████████████████████████████████ 100%  800 steps/s
      batch loss 0.125 · val loss 0.19 · train acc 94.2% · val acc 89.3%
      loss                                   • batch  + val  gradient norm by layer
        1┤                                                   1 dense 16 ███████████████████████████ 0.05
         │                                                   3 dense 16 ██████████████████████▏ 0.02
         │••+                                                5 dense 2  █████████████▌ 4e-3
         │   +++++                                                            1e-3        0.01
      0.5┤      ••+++++++                                    weights of 1 dense 16  (F2: next layer)
         │          •••••++++++++++                                            ▄▄██▄▄
         │                 ••••••••+++++++++++++++++++++++                 ▄▄██████████▄▄
         │                              ••••••••••••••••••             ▄▄██████████████████▄▄
        0┤                                                         ▄▄██████████████████████████▄▄
         └────────────┬──────────┬───────────┬───────────┬     ▄▄██████████████████████████████████▄▄
                     50         100         150         200  -1                  0                  1
      a: step 200 · train loss 0.1254 acc 94.6% · val loss 0.2048 acc 89.3%
    [4] trian a
      error: unknown command 'trian'
      1 | trian a
        | ^^^^^
        = help: did you mean 'train'?



    ❯
     net a · data d · step 200 · lr 0.01                                                        F1 help
    """#,
    "training 100x30": #"""
         │   +++++                                                            1e-3        0.01
      0.5┤      ••+++++++                                    weights of 1 dense 16  (F2: next layer)
         │          •••••++++++++++                                            ▄▄██▄▄
         │                 ••••••••+++++++++++++++++++++++                 ▄▄██████████▄▄
         │                              ••••••••••••••••••             ▄▄██████████████████▄▄
        0┤                                                         ▄▄██████████████████████████▄▄
         └────────────┬──────────┬───────────┬───────────┬     ▄▄██████████████████████████████████▄▄
                     50         100         150         200  -1                  0                  1
      a: step 200 · train loss 0.1254 acc 94.6% · val loss 0.2048 acc 89.3%
    [4] trian a
      error: unknown command 'trian'
      1 | trian a
        | ^^^^^
        = help: did you mean 'train'?
    [5] train a steps=400                                                                        running
    ────────────────────────────────────────────────────────────────────────────────────────────────────
    train a step 150/400 ███████████████░░░░░░░░░░░░░░░░░░░░░░░░░ 37% 0s left  800 steps/s
    batch loss 0.158 · val loss 0.232 · train acc 92.8% · val acc 88.0%
    loss                                     • batch  + val  gradient norm by layer
      1┤                                                     1 dense 16 ███████████████████████████ 0.05
       │•• ++                                                3 dense 16 ██████████████████████▏ 0.02
       │  •••+++++++                                         5 dense 2  █████████████▌ 4e-3
    0.5┤        ••••+++++++++                                                 1e-3        0.01
       │                •••••+++++++++++++++++++++++         weights of 1 dense 16  (F2: next layer)
       │                               •••••••••••••++++++                 ▁▁▃▃▆▆██▆▆▃▃▁▁
      0┤                                                             ▂▂▄▄▆▆██████████████▆▆▄▄▂▂
       └────────────────┬────────────────┬───────────────┬     ▂▂▅▅▇▇██████████████████████████▇▇▅▅▂▂
                       50               100             150  -1                  0                  1
    ❯
     ● train a · step 150 · 800 steps/s · Ctrl-C stops · net a · data d · lr 0.01               F1 help
    """#,
    "training 80x24": #"""
         │             ••••••++++++++++++++++++          ▄█████▄
         │                       ••••••••••••••        ▄█████████▄
        0┤                                           ▄█████████████▄
         └─────────┬────────┬────────┬────────┬    ▄█████████████████▄
                  50       100      150      200  -1        0        1
      a: step 200 · train loss 0.1254 acc 94.6% · val loss 0.2048 acc 89.3%
    [4] trian a
      error: unknown command 'trian'
      1 | trian a
        | ^^^^^
        = help: did you mean 'train'?
    [5] train a steps=400                                                    running
    ────────────────────────────────────────────────────────────────────────────────
    train a step 150/400 ████████████░░░░░░░░░░░░░░░░░░░░ 37% 0s left  800 steps/s
    batch loss 0.158 · val loss 0.232 · train acc 92.8% · val acc 88.0%
    loss                          • batch  + val  1 dense 16 ██████████████████ 0.05
    1┤                                            3 dense 16 ███████▎ 0.02
     │••++++++++++                                5 dense 2  █▌ 4e-3
     │         •••+++++++++++++++++++++++++++++   weights of 1 dense 16  (F2: next …
    0┤                                      •••         ▂▃▅▆█▆▅▃▂
     └─────────────┬─────────────┬────────────┬    ▂▃▅▆███████████▆▅▃▂
                  50            100          150  -1        0        1
    ❯
     ● train a · step 150 · 800 steps/s · Ctrl-C stops · net a · data d     F1 help
    """#,
    "training 40x12": #"""
      1 | trian a
        | ^^^^^
        = help: did you mean 'train'?
    [5] train a steps=400            running
    ────────────────────────────────────────
    train a ██████▊░░░░░░░░░░░ 37% 0s left
    batch loss 0.158 · val loss 0.232
    loss ██▇▇▇▆▆▆▆▅▅▅▅▄▄▄▄▃▃▃▃▂▂▂▂▂▁▁▁ 0.158
    val  █▇▆▅▄▄▃▃▂▂▂▂▁▁▁ 0.232
    acc  ▁▂▃▄▅▆▆▇▇▇▇████ 88.0%
    ❯
     ● train a · step 150           F1 help
    """#,
    "idle 40x12": #"""
      loss ██▇▇▇▆▆▆▆▅▅▅▄▄▄▄▃▃▃▃▂▂▂▂▁▁▁ 0.125
      val  █▇▆▅▅▄▄▃▃▃▂▂▂▂▂▁▁▁▁▁ 0.19
      acc  ▁▂▃▄▅▆▆▆▇▇▇▇████████ 89.3%
      a: step 200 · train loss 0.1254 acc
      94.6% · val loss 0.2048 acc 89.3%
    [4] trian a
      error: unknown command 'trian'
      1 | trian a
        | ^^^^^
        = help: did you mean 'train'?
    ❯
     net a · data d · step 200      F1 help
    """#,
    "ascii idle 80x24": #"""
      a: 5 layers, 338 parameters, [2] -> [2]
    [3] train a epochs=20
      train a step 200/200 [###################################] 100%  800 steps/s
      batch loss 0.125 - val loss 0.19 - train acc 94.2% - val acc 89.3%
      loss                        * batch  + val  gradient norm by layer
        1+                                        1 dense 16 ################## 0.05
         |                                        3 dense 16 ############### 0.02
         |**+                                     5 dense 2  ######### 4e-3
         |  *+++                                                 1e-3    0.01
      0.5+     *++++++                            weights of 1 dense 16  (F2: next ~
         |        ****+++++++                              -#-
         |             ******++++++++++++++++++          -#####-
         |                       **************        -#########-
        0+                                           -#############-
         +---------+--------+--------+--------+    -#################-
                  50       100      150      200  -1        0        1
      a: step 200 . train loss 0.1254 acc 94.6% . val loss 0.2048 acc 89.3%
    [4] trian a
      error: unknown command 'trian'
      1 | trian a
        | ^^^^^
        = help: did you mean 'train'?
    >
     net a . data d . step 200 . lr 0.01                                    F1 help
    """#,
    "ascii training 100x30": #"""
         |   +++++                                                            1e-3        0.01
      0.5+      **+++++++                                    weights of 1 dense 16  (F2: next layer)
         |          *****++++++++++                                            --##--
         |                 ********+++++++++++++++++++++++                 --##########--
         |                              ******************             --##################--
        0+                                                         --##########################--
         +------------+----------+-----------+-----------+     --##################################--
                     50         100         150         200  -1                  0                  1
      a: step 200 . train loss 0.1254 acc 94.6% . val loss 0.2048 acc 89.3%
    [4] trian a
      error: unknown command 'trian'
      1 | trian a
        | ^^^^^
        = help: did you mean 'train'?
    [5] train a steps=400                                                                        running
    ----------------------------------------------------------------------------------------------------
    train a step 150/400 [##############------------------------] 37% 0s left  800 steps/s
    batch loss 0.158 - val loss 0.232 - train acc 92.8% - val acc 88.0%
    loss                                     * batch  + val  gradient norm by layer
      1+                                                     1 dense 16 ########################### 0.05
       |** ++                                                3 dense 16 ###################### 0.02
       |  ***+++++++                                         5 dense 2  ############## 4e-3
    0.5+        ****+++++++++                                                 1e-3        0.01
       |                *****+++++++++++++++++++++++         weights of 1 dense 16  (F2: next layer)
       |                               *************++++++                 __..==##==..__
      0+                                                             __--==##############==--__
       +----------------+----------------+---------------+     __--==##########################==--__
                       50               100             150  -1                  0                  1
    >
     * train a . step 150 . 800 steps/s . Ctrl-C stops . net a . data d . lr 0.01               F1 help
    """#,
    "ascii training 40x12": #"""
      1 | trian a
        | ^^^^^
        = help: did you mean 'train'?
    [5] train a steps=400            running
    ----------------------------------------
    train a [######----------] 37% 0s left
    batch loss 0.158 - val loss 0.232
    loss ##=======--------....________ 0.158
    val  #==---.._______ 0.232
    acc  __.--======#### 88.0%
    >
     * train a . step 150           F1 help
    """#,
    "cells selected and collapsed 80x24": #"""
    [1] data d = moons n=400
      d: 400 examples of [2], 2 classes; train 280 / val 60 / test 60 (locked)
    [2] net a = dense 16 relu, dense 16 relu, dense 2
      a: 5 layers, 338 parameters, [2] → [2]
    [3] train a epochs=20                                            15 lines hidden
    [4] trian a
      error: unknown command 'trian'
      1 | trian a
        | ^^^^^
        = help: did you mean 'train'?












    ❯
     ↑↓ select · Enter collapse · z zoom · Esc back to input                F1 help
    """#,
    "block input and completions 80x24": #"""
      train a step 200/200 █████████████████████████████████████ 100%  800 steps/s
      batch loss 0.125 · val loss 0.19 · train acc 94.2% · val acc 89.3%
      loss                        • batch  + val  gradient norm by layer
        1┤                                        1 dense 16 ██████████████████ 0.05
         │                                        3 dense 16 ██████████████▊ 0.02
         │••+                                     5 dense 2  █████████ 4e-3
         │  •+++                                                 1e-3    0.01
      0.5┤     •++++++                            weights of 1 dense 16  (F2: next …
         │        ••••+++++++                              ▄█▄
         │             ••••••++++++++++++++++++          ▄█████▄
         │                       ••••••••••••••        ▄█████████▄
        0┤                                           ▄█████████████▄
         └─────────┬────────┬────────┬────────┬    ▄█████████████████▄
                  50       100      150      200  -1        0        1
      a: step 200 · train loss 0.1254 acc 94.6% · val loss 0.2048 acc 89.3%
    [4] trian a
      error: unknown command 'trian'
      1 | trian a
        | ^^^^^
        = help: did you mean 'train'?
    early=  epochs=  every=
    ❯ sweep s {
    … train a e
     net a · data d · step 200 · lr 0.01                                    F1 help
    """#,
    "zoomed dashboard 80x24": #"""
    [3] train a epochs=20
    train a step 200/200 ███████████████████████████████████████ 100%  800 steps/s
    batch loss 0.125 · val loss 0.19 · train acc 94.2% · val acc 89.3%
    loss                          • batch  + val  gradient norm by layer
    0.8┤•                                         1 dense 16 ██████████████████ 0.05
       │ •+                                       3 dense 16 ██████████████▊ 0.02
       │ ••++                                     5 dense 2  █████████ 4e-3
       │  •• +                                                   1e-3    0.01
    0.6┤   •• +                                   weights of 1 dense 16  (F2: next …
       │     ••+                                            █
       │      ••++                                         ▆█▆
       │       •••++                                      ▃███▃
    0.4┤         •••++                                   ▁█████▁
       │           •••++++                               ███████
       │             •••• ++++++                        ▆███████▆
       │                •••••   +++++                  ▄█████████▄
    0.2┤                    •••••••  ++++++++++       ▂███████████▂
       │                          •••••••••••••       █████████████
       │                                             ▇█████████████▇
       │                                            ▅███████████████▅
      0┤                                           ▂█████████████████▂
       └─────────┬─────────┬────────┬─────────┬    ███████████████████
                50        100      150       200  -1        0        1
     zoom · Esc or q returns · F2 next layer
    """#,
    "help 80x24": #"""
     Keys
       Enter               run the command (inside { } a new line)
       ← → Home End        move; Ctrl-A/E line start/end, Alt-B/F by word
       Ctrl-K Ctrl-U       delete to the end / to the start of the line
       Ctrl-W Ctrl-Y       delete the word before / put deleted text back
       ↑ ↓                 history, starting with what you typed
       Ctrl-R              search the history; Enter runs, Esc returns
       Tab                 complete commands, arguments and names
       PgUp PgDn, wheel    scroll the cells
       Esc                 select cells: ↑↓ move, Enter collapse, z zoom
       F2                  the next layer in the weight histogram
       F7 F8               at a lesson's pause: the previous / next section
       Ctrl-C              stop a run after its step; else clear the line
       Ctrl-L              redraw the screen
       Ctrl-D or quit      leave (a summary stays on the screen)

     Data
       data        create a dataset: a 2D toy, a 1D regression, MNIST-1D or your
                   own file
                   data d = spiral n=600 classes=3 noise=0.2
       split       split a dataset into train, val and test parts (the test part is
                   locked)
                   split d train=0.7 val=0.15 test=0.15
     help · ↑↓ PgUp PgDn scroll · Esc, q or F1 returns
    """#,
    "welcome 80x24": #"""
     Basin: small networks, trained and drawn live.

     Try:  > data d = moons n=400
           > net a = dense 16 relu, dense 2
           > train a epochs=50

     F1 help . Tab completes . Ctrl-D quits















    >
     Tab completes . Up history . Ctrl-R search . Esc cells                 F1 help
    """#,
    "too small 20x6": #"""


         need 30×8
          now 20×6


    """#,
]
