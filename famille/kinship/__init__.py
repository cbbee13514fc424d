"""Kinship: how two people of the tree are related — closeness by the civil count (closeness), shortest blood
paths (paths), blood then marriage (relationship), the names in French and English (names) and sentences (wording).
"""
