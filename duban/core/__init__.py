"""Small helpers every part of duban shares: settings from the environment and the clock."""
