"""Files shipped inside the package (and so inside the scrapyd egg): ``regions/`` holds the bundled
region files, read with importlib.resources so a region name resolves from a zipped egg too. In a
checkout ``regions`` is a link to the repository's ``regions/`` folder, so there is one copy."""
