"""Messages to customers on their bound phone channels (issue 18 item 5).

consent: record and withdraw a customer's consent and channel binding; list the
customer's bindings and messages. fanout: the messages themselves, written into the
notice outbox in the transaction of what they tell about (a payment, a bill run, a
notice); only to bindings whose consent stands.
"""
