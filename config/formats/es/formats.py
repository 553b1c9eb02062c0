"""Spanish numbers grouped with a point ("1.234.567"), as readers in Spain and Latin America
mostly write them; Django's own data (a non-breaking space) fills in everything else."""

THOUSAND_SEPARATOR = "."
