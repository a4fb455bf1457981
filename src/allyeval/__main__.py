from allyeval.cli.entry import main

main()
