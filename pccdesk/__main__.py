from pccdesk.cli import run

raise SystemExit(run())
