"""Billing adapter, account-specific policy, safe actions and their audit trail."""
