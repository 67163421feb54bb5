"""The counter's devices in the GUI (issue 19): customer display and scanners.

  customer_display  CustomerDisplay: the screen turned towards the customer
  display_link      which screen it goes on, and what the counter tells it
  display_page      its settings page (preview, test)
  scanner_config    the scanner's per-workstation settings (QSettings)
  scan_router       wedge suffix, scans to the open dialog, the serial scanner's scans
  scanner_page      the scanner's settings page (test: the last scan)
  counter_devices   all of it hooked to the main window
"""
