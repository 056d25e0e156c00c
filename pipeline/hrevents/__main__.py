"""`python -m hrevents` runs the command line, as `python -m spacy` does (where the script is not on PATH)."""

from hrevents.cli import app

if __name__ == "__main__":
    app(prog_name="hrevents")
