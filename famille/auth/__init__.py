"""Accounts: log in and out, roles and permissions, password resets, the current viewer."""
