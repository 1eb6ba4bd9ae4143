"""`pcc sample`: a deterministic synthetic Kent dataset calibrated to Kent's published figures.

The records are synthetic: generated so that the measures computed from them reproduce the
register of published figures (dbt_project/seeds/published_figures.csv). They are not real
crimes, calls or people.
"""
