"""Views: generated listings, topic headers and back-links, filled in late."""
