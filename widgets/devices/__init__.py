"""The counter's devices in the console (issue 19): the receipt printer and its cash drawer,
the customer display, the scanners, and the workstation settings dialog that holds their pages.

  printer_settings  PrinterConfig kept per workstation in QSettings
  thermal           off-thread steps: a receipt to the thermal printer, its printed record
  printer_page      PrinterPage: printer + drawer settings, test page, open without sale
  settings_dialog   WorkstationSettingsDialog (add_page(title, widget))
  printer_field     the status bar's printer line (ready / out of paper / offline …)
  demo_printer      the embedded demo's in-process fake printer and its setting
  customer_display  CustomerDisplay: the screen turned towards the customer
  display_link      which screen it goes on, and what the counter tells it
  display_page      its settings page (preview, test)
  scanner_config    the scanner's per-workstation settings (QSettings)
  scan_router       wedge suffix, scans to the open dialog, the serial scanner's scans
  scanner_page      the scanner's settings page (test: the last scan)
  counter_devices   display and scanners hooked to the main window; their settings tabs
"""
