from allyeval.entry import main

main()
