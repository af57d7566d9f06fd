"""Running the programme itself (ทุกข์-สุข): one package, three apps.

- ``selection``: selection and evaluation rounds with weighted rubrics, applications, judging, rankings, awards.
- ``training``: courses, sessions, participants, attendance (QR and organiser's list), certificates.
- ``learning``: lessons-learned questionnaires and the central knowledge base.
"""
