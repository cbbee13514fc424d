"""Kinship: how two people of the tree are related (degrees by the civil count, and later the names of kinship)."""
