"""Reports over a whole book: the statutory returns, chronologies and the overview."""
