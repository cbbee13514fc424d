"""What changed in the family: the change log read back as news."""
