"""Marketing events (市场活动): their statuses, who was invited and came, what they brought."""
