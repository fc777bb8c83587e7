from smallball.cli import main

# Guarded: the schedule's stage search starts worker processes, which import this module.
if __name__ == "__main__":
    main()
