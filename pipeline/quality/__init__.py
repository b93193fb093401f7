"""Quality measures for `bench/` and the quality gates: gold dev sets + extracted output → scores
(NER mentions in `quality.ner`, clean text in `quality.text`)."""
