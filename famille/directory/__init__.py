"""The family directory ("Annuaire"): every relative with their profile links, by branch or by generation, its
print layout and vCard/CSV downloads; and "not yet connected", the living relatives without any link."""
