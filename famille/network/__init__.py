"""The family network pages: how two people are related, and a member's relatives by closeness."""
