"""After the sale (售后): complaints in six steps, service plans and records, satisfaction,
referrals."""
