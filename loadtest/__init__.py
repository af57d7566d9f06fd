"""Load and fault test of Tuksuk (issue #8): see README.md. Not part of the deployed package."""
