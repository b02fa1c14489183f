"""Expenses (费用): claims with their lines, through approval to reimbursement, and reports."""
