"""The counter's devices in the console (issue 19): the receipt printer, its cash drawer,
and the workstation settings dialog other devices add their pages to.

  printer_settings  PrinterConfig kept per workstation in QSettings
  thermal           off-thread steps: a receipt to the thermal printer, its printed record
  printer_page      PrinterPage: printer + drawer settings, test page, open without sale
  settings_dialog   WorkstationSettingsDialog (add_page(title, widget))
"""
