"""The flask commands: sites, db, settings."""

from widget.settings import settings_table


def test_sites_add_registers_origins_and_sites_list_shows_them(runner):
    result = runner.invoke(
        args=[
            "sites",
            "add",
            "https://News.Example.com",
            "https://amp.example.com:8443/",
            "--name",
            "Noticias",
            "--moderation",
            "first",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "https://news.example.com https://amp.example.com:8443" in result.output
    listing = runner.invoke(args=["sites", "list"]).output
    assert "Noticias\tfirst\thttps://news.example.com https://amp.example.com:8443" in listing
    assert "Blog\tnone\thttps://blog.example.org" in listing


def test_sites_add_refuses_bad_or_taken_origins(runner):
    taken = runner.invoke(args=["sites", "add", "https://blog.example.org"])
    assert taken.exit_code != 0 and "Already registered" in taken.output
    path = runner.invoke(args=["sites", "add", "https://x.example.com/blog"])
    assert path.exit_code != 0 and "not an origin" in path.output
    mode = runner.invoke(args=["sites", "add", "https://y.example.com", "--moderation", "maybe"])
    assert mode.exit_code != 0


def test_db_upgrade_is_idempotent_and_downgrade_works(runner, app):
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    assert runner.invoke(args=["db", "downgrade", "base"]).exit_code == 0
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    assert runner.invoke(args=["sites", "list"]).output == ""


def test_settings_prints_the_readme_table(runner):
    output = runner.invoke(args=["settings"]).output.strip()
    table, _, availability = output.rpartition("\n\n")
    assert table == settings_table()
    # The optional pre-screen's packages are installed with the test extra (issue 25).
    assert availability == "Pre-screen: available (turn it on with WIDGET_PRESCREEN=true)."
