"""Site-wide pages: the home page and the language switch."""
