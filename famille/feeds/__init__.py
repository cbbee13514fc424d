"""Members' secret feed addresses: an Atom feed of the family feed and an ICS calendar of birthdays."""
