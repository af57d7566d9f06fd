"""Pages of the knowledge base (``knowledge``) and of lessons learned: questionnaires (``questionnaires``) and
focus-group sessions with the summary across districts (``sessions``)."""
