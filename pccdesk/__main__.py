from pccdesk.cli import main

raise SystemExit(main())
