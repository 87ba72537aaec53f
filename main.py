from lstm_studio.app import main

raise SystemExit(main())
