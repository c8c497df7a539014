"""The case work: the changes commands make to cases, meetings and actions."""
