"""The counter's devices (issue 19): the ESC/POS receipt printer and its cash drawer.

  escpos         the writer: EscPos, Paper, drawer_kick (why not python-escpos: its docstring)
  status         DLE EOT 1–4: PrinterStatus, parse_status, query, query_tcp
  escpos_reader  an ESC/POS stream read back into lines, codes, kicks and cuts
  receipt_image  such a document drawn as the paper would look (PNG, 203 dpi)
  fake_printer   FakePrinter: a TCP printer for tests and the demo
                 (`python -m console devices fake-printer`)
  transport      PrinterConfig, deliver: a job to a ready printer over TCP 9100 or serial

The receipt's layout is a document and lives with the others: reports.receipt_escpos.
"""
