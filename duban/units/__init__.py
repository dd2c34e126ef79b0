"""units: the directory of responsible units, their groups, and who works in them."""
