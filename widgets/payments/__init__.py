"""The counter's payments: the payment dialog and its type-ahead, prepaid top-up, receipts and
their printer, doubtful payments, reversals and the day close."""
