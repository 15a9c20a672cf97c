"""Sites and their threads: which site a request is for, changing sites, moving threads."""
