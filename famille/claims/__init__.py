""" "This is me" claims, members' privacy choices, and the list of relatives not yet invited."""
