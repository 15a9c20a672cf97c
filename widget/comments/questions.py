"""Q&A threads (issue 24): questions are top-level comments, staff replies their answers."""

from __future__ import annotations

from widget import storage

from .public import comment_tree, public_comment


def mark_answered(thread_id: int | None, comments: list[dict]) -> list[dict]:
    """Give each question (a top-level public comment) `answered`: a staff reply is under it."""
    questions = [c["id"] for c in comments if c["parent_id"] is None]
    answered = storage.answered_ids(thread_id, questions) if thread_id and questions else set()
    for comment in comments:
        if comment["parent_id"] is None:
            comment["answered"] = comment["id"] in answered
    return comments


def answers_first(tree: list[dict]) -> list[dict]:
    """A nested thread (comment_tree) with each question's staff replies before the others."""
    for question in tree:
        question["replies"].sort(key=lambda reply: not reply.get("staff"))
    return tree


FILTERS = ("answered", "unanswered")


def question_tree(thread_id: int, comments: list, show: str | None = None) -> list[dict]:
    """A page of a Q&A thread as the no-JS page shows it: questions (filtered by `show`:
    answered, unanswered, else all), each with its answers first."""
    public = mark_answered(thread_id, [public_comment(comment) for comment in comments])
    tree = answers_first(comment_tree(public))
    if show in FILTERS:
        wanted = show == "answered"
        tree = [question for question in tree if question.get("answered", False) == wanted]
    return tree
