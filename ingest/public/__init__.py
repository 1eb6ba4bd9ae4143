"""Public data: Home Office police recorded crime (PRC) open data tables and data.police.uk files.

These land in their own tables of the landing store (see ingest.public.tables) and are recorded
in the same load manifest as the force extracts.
"""
