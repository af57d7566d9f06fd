"""Selection pages, by what they are about: rounds and rubrics, applications, judging, results, awards."""
