"""One's own account: name, language, password, e-mail address, and leaving the site."""
