from wardtools.cli import main

raise SystemExit(main())
