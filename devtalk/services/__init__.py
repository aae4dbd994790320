"""Use cases: one function per thing a person does, shared by the pages and the CLI.

Every function takes the database and the acting person first and checks access itself.
"""
