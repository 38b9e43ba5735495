"""The desktop face of RegLens. The only package that imports Qt."""
