from allyeval.cli import main

main()
