"""Pure rules of the audit chain: hashing and the personal-data guard (no Django)."""
