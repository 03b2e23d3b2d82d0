"""`python -m service` is the same as the `study` command."""

from service.cli import main

if __name__ == "__main__":
    main()
