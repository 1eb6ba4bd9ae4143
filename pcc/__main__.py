from pcc.cli import app

app()
