"""The people of the tree: surname index and lists of people."""
