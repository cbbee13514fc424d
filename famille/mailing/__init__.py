"""E-mail from the site to its members: their digest and reminder settings, unsubscribe links, "still right"."""
