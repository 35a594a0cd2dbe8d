"""The photo pipeline shared by galleries, covers, body images and link banners."""
