"""The synthetic demo agency: made-up people and places only, built deterministically."""
