"""The machine's ceiling: the smallest Flask route, served exactly as the service is."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "Hello, World!"
