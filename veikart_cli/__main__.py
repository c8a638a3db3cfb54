from veikart_cli.cli import main

main()
