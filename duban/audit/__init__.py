"""audit: the append-only, hash-chained log of every change a person makes."""
