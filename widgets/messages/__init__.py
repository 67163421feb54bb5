"""Messages to customers in the customer view: their list and the consent dialog."""
