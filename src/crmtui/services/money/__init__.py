"""Money: products, sales orders, payments, receivables ageing and credit control."""
