"""The only Python that queries the marts: thin SELECTs through the hardened connection."""
