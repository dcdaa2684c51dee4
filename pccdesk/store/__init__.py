"""The history store: figures by period, imports and supersessions, migrations, mapping profiles and maintenance."""
