"""Consumption: the customer's chart (daily, monthly, year on year, TOU, live power),
its plots and meter status chip, and the consumption panel that hosts it."""
