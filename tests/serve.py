"""Run one app instance on a free port of 127.0.0.1 and print the port (for process tests).

Configured only through WIDGET_* environment variables, as in production.
"""

from werkzeug.serving import make_server

from widget import create_app

if __name__ == "__main__":
    server = make_server("127.0.0.1", 0, create_app(), threaded=True)
    print(server.server_port, flush=True)
    server.serve_forever(poll_interval=0.05)
