"""The policy pack: meeting types as data, and which type fits a case."""
