"""Finding customers and the customer view (客户统一视图).

- access: Looks at personal data, with their purpose, in the audit trail (PIPL).
  Public: check_purpose, record_access, record_view, record_export.
- search: Finding customers: one query box for numbers, names, pinyin, phones, addresses.
  Public: find_customers.
- view: The customer view (客户统一视图): one read of everything about a customer.
  Public: customer_detail, reveal_contact.
- view_types: What the customer view (客户统一视图) shows: plain frozen values.
"""
