"""Every word the reports print besides the data, in Chinese (the default) and English;
the stored codes' words are in vocabulary.py.

Documents for customers and supervisors in China are printed in Chinese; the
English set is the option the issue asks for (auditors, the head office).
`words("zh")["page"].format(page=1, pages=3)` -> "第 1 页 共 3 页".
"""

from __future__ import annotations

Words = dict[str, str]

_ZH: Words = {
    "colon": "：", "doc_no": "文档编号", "generated_by": "制表人", "generated_at": "制表时间", "phone": "服务电话",
    "page": "第 {page} 页 共 {pages} 页", "period": "统计期间", "as_of": "统计日",
    "total": "合计", "subtotal": "小计", "meter": "电能表", "count": "笔数", "amount": "金额（元）", "customers": "户数",
    "no_data": "本期间无记录。", "yes": "是", "no": "否",
    # statement
    "statement": "电费对账单", "customer_no": "户号", "customer_name": "户名",
    "address": "用电地址", "category": "用电类别", "tariff": "电价", "cust_phone": "联系电话",
    "summary": "账户概要", "opening": "期初余额", "charged": "本期电费", "late_fees": "违约金",
    "paid": "本期缴费", "adjusted": "调整/退费", "closing": "期末余额",
    "arrears_now": "当前欠费", "fees_now": "当前违约金", "due_now": "当前应缴",
    "bills": "电费账单（近13个月）", "bill_period": "电费年月", "bill_no": "账单号",
    "kwh": "电量（千瓦时）", "bill_amount": "电费（元）", "bill_paid": "已缴（元）",
    "due_date": "缴费截止日", "status": "状态", "payments": "缴费记录",
    "received_at": "缴费时间", "receipt_no": "凭证号", "method": "缴费方式", "operator": "收费员",
    "chart": "月用电量（千瓦时）", "balance_note": "余额为负表示欠费。",
    "statement_note": "本对账单依据供电企业营销系统数据生成，如有疑问请持本单到营业厅或致电服务电话查询。",
    # daily collection
    "daily_collection": "日收费报表", "by_operator": "按收费员及缴费方式汇总",
    "by_method": "按缴费方式汇总", "reversed": "冲正笔数", "reversed_amount": "冲正金额（元）",
    "detail": "收费明细", "cash_up": "日结（轧账）", "day": "日期", "expected": "应收（元）",
    "counted": "实点（元）", "difference": "差额（元）", "closed_by": "轧账人",
    "not_cashed_up": "尚未日结：", "net": "净收", "online": "线上渠道",
    # aging
    "aging": "欠费账龄分析表", "unit": "供电单位", "bucket_0": "1–30天", "bucket_1": "31–60天",
    "bucket_2": "61–90天", "bucket_3": "90天以上", "by_unit": "按供电单位及账龄汇总（元）",
    "top_debtors": "欠费大户（前{n}名）", "oldest_due": "最早欠费", "days": "欠费天数",
    "bill_count": "欠费笔数", "aging_note": "金额为逾期未缴电费本金，不含违约金；账龄按每张账单逾期天数计算，户数按单位去重。",
    "share": "占比", "action": "操作",
}

_EN: Words = {
    "colon": ": ", "doc_no": "Document no.", "generated_by": "Prepared by", "generated_at": "Prepared at",
    "phone": "Service line", "page": "Page {page} of {pages}", "period": "Period",
    "as_of": "As of", "total": "Total", "subtotal": "Subtotal", "meter": "Meter", "count": "Count", "amount": "Amount (yuan)",
    "customers": "Customers", "no_data": "Nothing recorded in this period.", "yes": "yes",
    "no": "no",
    "statement": "Electricity account statement", "customer_no": "Account",
    "customer_name": "Name", "address": "Supply address", "category": "Category",
    "tariff": "Tariff", "cust_phone": "Phone", "summary": "Account summary",
    "opening": "Opening balance", "charged": "Billed", "late_fees": "Late fees",
    "paid": "Paid", "adjusted": "Adjustments/refunds", "closing": "Closing balance",
    "arrears_now": "Arrears today", "fees_now": "Late fees today", "due_now": "Due today",
    "bills": "Bills (last 13 months)", "bill_period": "Month", "bill_no": "Bill no.",
    "kwh": "kWh", "bill_amount": "Amount", "bill_paid": "Paid", "due_date": "Due",
    "status": "Status", "payments": "Payments", "received_at": "Received",
    "receipt_no": "Receipt no.", "method": "Method", "operator": "Operator",
    "chart": "Monthly consumption (kWh)", "balance_note": "A negative balance is owed.",
    "statement_note": "Generated from the supply company's records. Questions: bring this "
                      "statement to a service hall or call the service line.",
    "daily_collection": "Daily collection report", "by_operator": "By operator and method",
    "by_method": "By method", "reversed": "Reversed", "reversed_amount": "Reversed (yuan)",
    "detail": "Payments", "cash_up": "Cash-up", "day": "Day", "expected": "Expected",
    "counted": "Counted", "difference": "Difference", "closed_by": "Closed by",
    "not_cashed_up": "Not cashed up yet: ", "net": "Net", "online": "online",
    "aging": "Arrears aging", "unit": "Unit", "bucket_0": "1–30 days", "bucket_1": "31–60 days",
    "bucket_2": "61–90 days", "bucket_3": "over 90 days", "by_unit": "By unit and age (yuan)",
    "top_debtors": "Largest debtors (top {n})", "oldest_due": "Oldest due", "days": "Days",
    "bill_count": "Bills", "aging_note": "Overdue unpaid principal without late fees; each "
    "bill is aged by its own days overdue; customers counted once per unit.",
    "share": "Share", "action": "Action",
}

LANGUAGES = ("zh", "en")


def words(lang: str = "zh", own: tuple[Words, Words] | None = None) -> Words:
    """The report words of a language ("zh" or "en"; anything else falls back to Chinese).

    `own` is a report's (Chinese, English) words, kept beside the report that prints them;
    they are added to a copy, so no report changes what another one reads."""
    base = _EN if lang == "en" else _ZH
    return base if own is None else {**base, **own[lang == "en"]}
