from widget import create_app

app = create_app()
