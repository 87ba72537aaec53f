from lstm_studio.app import main

# importing this file (a tool, a test) must not open a window
if __name__ == "__main__":
    raise SystemExit(main())
