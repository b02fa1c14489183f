"""Team mode: who is asking, who owns a customer, no 撞单, and the server's roles and policies."""
