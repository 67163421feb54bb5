"""Finding customers, the customer view (客户统一视图) and satisfaction ratings.

- satisfaction: Customer satisfaction (满意度): a 1–5 rating and a comment after an order or a
  counter visit.
  Public: record_satisfaction, customer_satisfaction, satisfaction_summary.
- search: Finding customers: one query box for numbers, names, pinyin, phones, addresses.
  Public: find_customers.
- view: The customer view (客户统一视图): one read of everything about a customer.
  Public: customer_detail, reveal_contact.
- view_types: What the customer view (客户统一视图) shows: plain frozen values.
"""
