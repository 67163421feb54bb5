"""Usage inspection (用电检查): signed field route packages out and results in, theft-suspicion
ranking.

- apply: Apply checked results inside the importing transaction, each item once.
  Public: load_context, apply_item.
- devices: Inspectors' field devices: enrol one, list who can carry a route with which device.
  Public: enrol_device, route_devices.
- packages: Field inspection packages: export a route, import the results, settle conflicts.
  Public: export_route, import_results, list_conflicts, list_findings, resolve_conflict,
  open_inspection_orders.
- theft: Theft-suspicion analysis as a service: rank meters, open inspections for them.
  Public: run_theft_analysis, open_inspection_orders, describe.
- theft_data: What the theft analysis (console.analysis.theft, pure) reads, as arrays.
- types: What the inspection services return: plain frozen values for widgets and the CLI.
"""
