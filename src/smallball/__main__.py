from smallball.cli import main

main()
