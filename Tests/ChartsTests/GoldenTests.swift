// Golden renderings: each case of GoldenCases drawn at its size and profile must match its
// text exactly (glyphs only; colours are checked in TextRendererTests). A failure prints the
// actual rendering beside the expected one: review it there before updating a literal.
import Charts
import Testing

@Test(arguments: GoldenCases.all)
func goldenRendering(_ c: GoldenCase) {
    var text = c.chart.rendered(width: c.width, height: c.height, profile: c.profile).text
    while text.last == "\n" { text.removeLast() }  // literals end at the last non-empty row
    #expect(text == expected[c.name], "\(c.name)")
}

let expected: [String: String] = [
    "two series ascii": """
    loss                      * train  + val
    3+                     :fork
     |                     :
    2++++                  :
     |  *+++++             :
    1+    ****+++++++++++++++++++++++++++++
     |             ************************
    0+                     :
     ++---------+----------+---------+-----
      0         2          4         6
    """,
    "two series monochrome": """
    loss                      • train  + val
    3┤                     ┊fork
     │                     ┊
    2┤+++                  ┊
     │  •+++++             ┊
    1┤    ••••+++++++++++++++++++++++++++++
     │             ••••••••••••••••••••••••
    0┤                     ┊
     └┬─────────┬──────────┬─────────┬─────
      0         2          4         6
    """,
    "two series braille": """
    loss                    ── train  ── val
    3┤                     ┊fork
     │                     ┊
    2┤⠳⢦⢄                  ┊
     │  ⠑⠫⣒⠤⣀⣀             ┊
    1┤     ⠉⠒⠢⢍⣉⠒⠒⠤⠤⢄⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀
     │          ⠉⠉⠒⠒⠢⠤⠤⠤⢄⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀
    0┤                     ┊
     └┬─────────┬──────────┬─────────┬─────
      0         2          4         6
    """,
    "two series 10x3": """
    tr… █▄▃▂▁▁
    val █▃▁▁▂▃
    """,
    "gaps at NaN and inf": """
    4┤          ⠑⢄⡀
     │            ⠈⠢
     │
    2┤ ⢀⠔⠊                ⠑⢄⡀
     │⠊⠁                    ⠈⠒⠤⣀
    0┤                          ⠉
     └┬───────────────┬──────────
      0               5
    """,
    "log y": """
    grad norm
      10+                    ..''
        |               ..'''
        |            ..'
    0.01+        ..''
        |    ..''
    1e-5+..''
        ++--------+--------+-----
         0        2        4
    """,
    "all equal": """
    4+
     |
    3+'''''''''''''''''''''
    2+
     ++---------+---------+
      0         1         2
    """,
    "no data": """
    loss
    1+
     |       no data
    0+
     ++-------------------+
      0                   1
    """,
    "landscape marks": """
      2+'.                           .'
       |  '.                       .'
       |    '.                    .'
    1.5+      '.  init          .'
       |        o'..       ...'o a
      1+            ''...''
       +--------+--------------+-------
                0              1
    """,
    "histogram": """
    layer 1          peak 12
             ███
          ▅▅▅███▃▃▃
          █████████
    ▃▃▃████████████▅▅▅   ▃▃▃
    -0.5        0        0.5
    """,
    "histogram ascii": """
    layer 1          peak 12
             ###
          ---###...
          #########
    ...############---   ...
    -0.5        0        0.5
    """,
    "small multiples": """
    weights
    dense 1      peak 9  dense 2      peak 9
          ███                  ███
    ▂▂▂▇▇▇███▇▇▇▂▂▂      ▄▄▄▄▄▄███▄▄▄▄▄▄
    -1     0      1      -0.2   0    0.2

    out          peak 5
                ████
        ▃▃▃▃▃▃▃▃████
    0              3
    """,
    "bars": """
    norms
    dense 1 █████████████████ 1.5
    dense 2 ████████▌ 0.75
    out     █▏ 0.1
    """,
    "log bars two series": """
                                  ## w  ## g
    l1 w ########################### 1
       g ### 1e-4
    l2 w ############################# 2
       g ############### 0.01
    l3 w ############################## 3
       g ########################### 1
            1e-4  1e-3  0.01  0.1   1
    """,
    "heatmap ascii": """
    bowl                     X min 0
     1+@%%##**+++++++++**##%%@ @@ 8
      |#**+==----:::----==+**# %%
      |++=--:::.......:::--=++ ** 5
     0++=--:....  X  ....:--=+ ++
      |++=--:::.......:::--=++ --
      |#**+==----:::----==+**# ..
    -1+@%%##**+++++++++**##%%@    0
      ++----------+----------+
      -1          0          1
    """,
    "heatmap shades": """
    bowl                     ◆ min 0
     1┤██▓▓▓▓▒▒▒▒▒▒▒▒▒▒▒▓▓▓▓██ ██ 8
      │▓▓▒▒▒▒░░░░░░░░░░░▒▒▒▒▓▓ ▓▓
      │▒▒▒▒░░░░░░   ░░░░░░▒▒▒▒ ▓▓ 5
     0┤▒▒░░░░     ◆     ░░░░▒▒ ▒▒
      │▒▒▒▒░░░░░░   ░░░░░░▒▒▒▒ ░░
      │▓▓▒▒▒▒░░░░░░░░░░░▒▒▒▒▓▓ ░░
    -1┤██▓▓▓▓▒▒▒▒▒▒▒▒▒▒▒▓▓▓▓██    0
      └┬──────────┬──────────┬
      -1          0          1
    """,
    "regions without colour": """
      1+                  .
       |    2      ........
       |          .
       |...........
    0.5+          .         1
       |          .
       |  0       .
      0+          .
       ++----------+----------+
        0         0.5         1
    """,
    "table": """
    net                   params  val loss
    ──────────────────────────────────────
    mlp                   15,210     0.912
    cnn-with-a-long-name   5,210     0.231
    """,
    "table narrow": """
    net     params  val l…
    ──────────────────────
    mlp     15,210   0.912
    cnn-w…   5,210   0.231
    """,
    "table short": """
    net                   params  val loss
    --------------------------------------
    ~ 2 more rows
    """,
    "sparkline": """
    loss █▆▅▆▃▂▃▁ 0.5
    """,
    "progress": """
    train ████████▌──────── 50% 1m15s left  loss 0.3
    """,
    "progress ascii": """
    train [########-------] 50% 1m15s left  loss 0.3
    """,
]
