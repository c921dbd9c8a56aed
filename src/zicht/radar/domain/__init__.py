"""Radar rules without Django: pseudonyms (keyed hashes over normalised identifiers) and the
signed-request scheme shared by the Zicht client and the register service."""
