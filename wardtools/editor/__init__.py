"""The officer's browser editor: Decap CMS served by the preview, with Decap's
local backend protocol implemented here over the content folder (web.py,
backend.py), the documented file format (documents.py), the site's checks
before every save (validate.py) and the hosted bundle (hosted.py)."""
