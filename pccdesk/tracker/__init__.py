"""The inspections and scrutiny tracker: HMICFRS findings, PEEL grades and scrutiny actions.

Layers: ``tracker_model`` (records and closed sets), ``progress_rag`` and
``grades`` (pure rules), ``tracker_store`` (the tables in the history store),
``register_import`` / ``register_export`` (workbooks in and out),
``tracker_sheets`` and ``pack_section`` (the panel pack).
"""
