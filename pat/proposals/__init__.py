"""The proposal builder: a project written section by section, with a gender readiness check.

A proposal IS a project of the project database. One source of truth per text:
the summary, rationale and objective are the project's own fields (the project
page shows them and search indexes them), so the builder writes them there and
keeps no copy; the gender analysis (a sub-section of the rationale) and the other
narrative sections live in ProposalSection. Each section and each table step has
its own optimistic lock (ProposalSection.version), so typing in one never
conflicts with saving another.

Modules: sections (steps, limits, guide keys), readiness and funds and diffing
(pure), services (every write), export (.docx and PDF from a snapshot), views.
"""
