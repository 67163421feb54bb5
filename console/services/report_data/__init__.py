"""The data of the printed reports and the register of documents; reports/ turns it into PDFs.

- cash: Data of the cash reports: daily collection (日收费报表) and arrears aging (欠费账龄).
  Public: yuan, raw, daily_collection_data, aging_data, top_debtors.
- common: The data of the printed reports: scope, date ranges, document numbers, the customer
  statement.
  Public: require_report, check_range, range_bounds, scope, header, document_no, find_customer,
  money, unit_in_scope, report_choices, statement_periods, statement_data.
- documents: Document numbers of printed reports, and the register of every document generated.
  Public: next_seq, page_count, issue_document, find_documents.
- monthly: Data of the monthly management summary (月度经营分析): billing and collection over twelve
  Public: month_span, monthly_summary_data.
- notices: Printed notices: a reminder (催费通知单), disconnect notice (停电通知书) or reconnect
  Public: signed_part, parse_qr, verify_notice_qr, notice_data.
- ops: Data of the supervisors' operational reports: the disconnect/reconnect log, seal
  Public: control_log_data, seal_inventory_data, work_orders_data.
- types: What the printed reports show: plain frozen values, read by
  console.services.report_data.common*.
"""
