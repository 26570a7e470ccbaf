"""Screens pushed over the main view: entity card, help, first index build."""
