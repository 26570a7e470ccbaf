"""The main view's widgets."""
