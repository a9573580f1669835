from skillframe.cli import main

main()
