"""Lessons learned (ถอดบทเรียน: questionnaires, focus-group sessions, answers) and the central knowledge base."""

from .events import LearningEvent
from .knowledge import KnowledgeItem, KnowledgeItemQuerySet, knowledge_file_path
from .questionnaires import (
    Answer,
    FocusGroupSession,
    Participant,
    Question,
    Questionnaire,
    QuestionPart,
    ReadByEveryoneQuerySet,
)

__all__ = [
    "Answer",
    "FocusGroupSession",
    "KnowledgeItem",
    "KnowledgeItemQuerySet",
    "LearningEvent",
    "Participant",
    "Question",
    "QuestionPart",
    "Questionnaire",
    "ReadByEveryoneQuerySet",
    "knowledge_file_path",
]
