"""``pccdesk db copy``, ``db grant-read`` and ``db grant-write``: moving a team to a shared database server
and saying who may do what there (``db check|backup|export`` work on both engines, in db_commands).

Every message names the database without its password.
"""

from __future__ import annotations

import argparse
from typing import Any

from pccdesk.store.engines import as_location, describe

EXIT_OK, EXIT_PROBLEMS = 0, 1


def register(dsub: Any) -> None:
    copy = dsub.add_parser("copy", help="copy a whole history into an empty one (SQLite to PostgreSQL or back), "
                                        "verified by counts and checksums")
    copy.add_argument("--from", dest="source", type=as_location, required=True, metavar="DB",
                      help="the history to copy: a .sqlite file or a postgresql:// URL")
    copy.add_argument("--to", dest="target", type=as_location, required=True, metavar="DB",
                      help="the empty history to copy into: a postgresql:// URL or a new .sqlite file")
    copy.set_defaults(func=run_copy)
    for access in ("read", "write"):
        p = dsub.add_parser(f"grant-{access}", help=f"let a PostgreSQL role {access} the shared history"
                            + (" (a panel secretary: build packs, never import)" if access == "read"
                               else " (an officer: import, decide matches, comment)"))
        p.add_argument("role", metavar="ROLE", help="the database role (created by the administrator)")
        p.add_argument("--db", type=as_location, required=True, help="the shared history: postgresql://…")
        p.set_defaults(func=run_grant, access=access)


def run_copy(args: argparse.Namespace) -> int:
    from pccdesk.store.transfer import copy_history

    sums = copy_history(args.source, args.target)
    for s in sums:
        print(f"  {s.table}: {s.rows} rows, sha256 {s.sha256[:16]}")
    print(f"Copied {describe(args.source)} to {describe(args.target)}: every table has the same rows and "
          "checksums as the original")
    return EXIT_OK


def run_grant(args: argparse.Namespace) -> int:
    from pccdesk.store.roles import grant

    for statement in grant(str(args.db), args.role, args.access):
        print(f"  {statement}")
    print(f"{args.role} may now {'read' if args.access == 'read' else 'read and change'} the history at "
          f"{describe(args.db)}")
    return EXIT_OK
