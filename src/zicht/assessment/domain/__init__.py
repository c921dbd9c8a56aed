"""Pure rules of the Veiligheidsbeoordeling: the workflow table, four eyes, triage derivation.

No Django, no clock, no database: values in, values out.
"""
