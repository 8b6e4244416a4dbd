"""Three short articles naming one person each, written for the people-index tests."""

TEXTS = {
    "lopez": "Port Elden mayor Maria Lopez said on Friday that the harbour bridge would reopen "
    "in May. Maria Lopez told residents the repairs were finished ahead of schedule.",
    "okafor": "Coach Daniel Okafor said his team had trained hard all winter. Daniel Okafor "
    "expects a close match against the visitors on Saturday afternoon.",
    "brandt": "Greta Brandt, the chief economist of Nordbank, said inflation would ease this "
    "year. Brandt told clients that interest rates had probably peaked.",
}
