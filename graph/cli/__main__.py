from allegraph.cli import main

main()
