"""Presentation: turning mart rows into text, charts and documents. Never computes a figure."""
