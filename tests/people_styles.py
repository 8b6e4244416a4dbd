"""Articles in several house styles, invented for the /who tests and bench/who_quality.py.

Every name, place and outlet here is made up. ``BRITISH``: single curly and straight
quotes, "Mr"/"Mrs", lower-case titles, quotes over several paragraphs. ``AMERICAN``:
datelines, "Sgt.", double quotes. ``CRIME`` and ``SPORTS``: surname-heavy reporting
(suffixes, "van" surnames, titles glued to names). ``EUROPEAN``: «…» and „…“ quotes.
Each entry is (outlet, text); paragraphs are lines.
"""

from __future__ import annotations

BRITISH = {
    "budget": (
        "Kelby Courier",
        "The chancellor, Rachel Hume, set out £12bn of cuts on Wednesday in a budget that "
        "angered her own backbenchers.\n"
        "‘We will not borrow to pay for the day-to-day running of the state, and we don’t "
        "apologise for that,’ Mrs Hume told MPs.\n"
        "The shadow chancellor, Owen Pryce, said the plans would hurt families on low pay. "
        "‘This is a budget for the few, and the Smiths’ of this world will pay for every "
        "penny of it,’ Mr Pryce said.\n"
        "The prime minister, Alan Crosby, backed his chancellor in a heated exchange. He told "
        "the Commons:\n"
        "‘Mr Pryce has spent a decade opposing every sensible decision this country has taken.\n"
        "‘Owen Pryce would borrow until the bailiffs came knocking at the door of Number 11.\n"
        "‘We will not let him anywhere near the public finances,’ he said.\n"
        "Mr Pryce later visited a food bank in Leeds with local volunteers.",
    ),
    "banker": (
        "Kelby Courier",
        "Disgraced former Northbank boss Martin Crane has been stripped of his knighthood, "
        "the Cabinet Office said on Friday.\n"
        "Mr Crane, dubbed Martin the Axe by staff for the jobs he cut, led the bank until its "
        "rescue in 2009.\n"
        "Martin Crane, the bank's former chief executive, declined to comment on the "
        "decision.\n"
        "'It is a decision that is long overdue and the taxpayers' anger is justified,' "
        "said Labour MP Susan Hale.\n"
        "Ms Hale said the bank's pension scheme should also be reviewed.",
    ),
    "leeds": (
        "Kelby Courier",
        "Leeds Rovers manager Gary Hume was sacked on Sunday after six defeats in a row.\n"
        "The club's chairman, Philip Ash, thanked Mr Hume for his work. 'Gary gave everything "
        "to this club and we wish him well,' Mr Ash said.\n"
        "Hume had been in charge for only 14 months.",
    ),
    "peers": (
        "Kelby Courier",
        "Sir Clive said the new series of his business show would start in May.\n"
        "Lord Ferris said: 'The bill will not pass this house without a fight, and nor "
        "should it.'\n"
        "'We have read every script twice and this series is the funniest yet,' said Mack "
        "and Lee executive producer Ann Cole.",
    ),
    "concert": (
        "Kelby Courier",
        "Pianist Jonah Clive played to a full hall in Kelby on Saturday night.\n"
        "Actor Sam Ferris, who narrated the second half, thanked the orchestra.",
    ),
}

AMERICAN = {
    "bill": (
        "Meridian Wire",
        "WASHINGTON (Meridian Wire) -- President Daniel Okoro signed a $40 billion bridge "
        "repair bill on Monday, surrounded by construction workers on the White House lawn.\n"
        '"This bill will rebuild the bridges our grandparents built," Okoro said.\n'
        "First lady Grace Okoro, a former teacher, visited a school in Ohio on the same day. "
        '"Every child deserves a safe road to school," Mrs. Okoro told the pupils.\n'
        "Their daughter, Amara Okoro, attended the signing with her grandmother.",
    ),
    "nasa": (
        "Meridian Wire",
        "HOUSTON (Meridian Wire) -- NASA's chief scientist Helen Ward said on Tuesday that "
        "water ice near the lunar south pole could supply future crews.\n"
        '"We think there is enough ice to matter for a base, and we will go and check," '
        "Ward said at a news conference.\n"
        "The agency plans to land a rover in the region next year.",
    ),
    "campaign": (
        "Meridian Wire",
        "DENVER (Meridian Wire) -- State Sen. Nora Quill said Wednesday she will challenge "
        "the governor next year.\n"
        "Gov. Ed Parr's campaign manager, Sam Ortiz, called Quill "
        '"a tourist in her own district."\n'
        "Quill, 47, was first elected in 2018.",
    ),
    "film": (
        "Meridian Wire",
        "LOS ANGELES (Meridian Wire) -- Actor Leo Marchetti described director Paolo Rossi as "
        "the bravest filmmaker he had worked with.\n"
        "Marchetti, 48, spent a year preparing for the role of a lighthouse keeper.\n"
        '"He pushed me harder than anyone ever has," Marchetti said of Rossi.\n'
        "Guests at the premiere included Leo Marchetti, producer Anna Pike and the mayor.",
    ),
}

CRIME = {
    "arson": (
        "Meridian Wire",
        "COTTONWOOD, Ariz. (Meridian Wire) -- A man accused of setting fire to a church was "
        "arrested Tuesday after a three-day search, police said.\n"
        "Kenneth Morgan Stancil III, 24, was taken into custody near the state line, "
        "Cottonwood Police Sgt. Jeremy Daniels said.\n"
        "Stancil had been living in his car since March, according to court records.\n"
        "Stancil told officers he had acted alone, Daniels said.\n"
        '"He did not resist, and he asked for a lawyer before he said anything else," '
        "Daniels told reporters.\n"
        "Stancil is due to appear in court on Friday.",
    ),
    "chase": (
        "Kelby Courier",
        "A driver who led police on a 40-mile chase has been jailed for three years.\n"
        "Cottonwood Police Sgt Jeremy Daniels said officers had followed the car for nearly "
        "an hour.\n"
        "Ray Dunn Jr, 31, admitted dangerous driving at Kelby Crown Court.\n"
        "Dunn had been banned from driving at the time. Judge Carol Meade told Dunn he had "
        "put lives at risk.\n"
        "'You drove like a man who did not care whether he lived or died,' she said.",
    ),
}

COURT = {
    "theft": (
        "Kelby Courier",
        "A bookkeeper who stole £90,000 from a village cricket club has been jailed.\n"
        "Alan Tebbit, 61, of Kelby, admitted theft at Kelby Crown Court.\n"
        "Judge Mary Olsen told Tebbit: 'You took money from people who trusted you. That "
        "trust cannot be repaid.'\n"
        "Controversial club secretary Josh Varley said the club had nearly folded.",
    ),
}

SPORTS = {
    "united": (
        "Kelby Courier",
        "Northbridge United manager Pieter van Doorn has said his side must stop giving "
        "away cheap goals.\n"
        "Van Doorn watched his team lose 3-1 at home to Kelby Rovers on Saturday.\n"
        "'We made three mistakes and we were punished for every one of them,' Van Doorn said.\n"
        "Kelby Rovers boss Darren Clegg praised his striker Tom Baxter, who scored twice.\n"
        "'Tom is the best finisher in this league and he showed it today,' said Clegg.\n"
        "Baxter has now scored 14 goals this season.",
    ),
    "signing": (
        "Kelby Courier",
        "‘Sami is the best young footballer I have worked with,’ said Kelby manager Ian Rusk.\n"
        "‘He will score twenty goals for us this season, I am sure of it.’\n"
        "Coroner Joy Adair said the club's training ground had passed every safety check.",
    ),
    "derby": (
        "Kelby Courier",
        "Tom Baxter scored a late winner as Kelby Rovers beat Port Elden 2-1 in the derby.\n"
        "Baxter turned in a cross from Jamie Fenn in the 88th minute.\n"
        "Rovers boss Darren Clegg said: 'Tom does this every week for us.'\n"
        "Fenn also hit the post in the first half.",
    ),
}

SPORTS["hailed"] = (
    "Kelby Courier",
    "Harbour Town boss Neil Varga hailed Owen Tully.\n"
    "Varga said the club would offer the midfielder a new contract in the summer.\n"
    "Harbour Town boss Neil Varga says his players deserve their place in the FA Trophy "
    "final.",
)

EUROPEAN = {
    "talks": (
        "Meridian Wire",
        "BRUSSELS (Meridian Wire) -- Talks on the fishing deal broke down on Thursday.\n"
        "«We will not sign a deal that empties our harbours,» said Dutch minister Anke de "
        "Vries.\n"
        "„The talks are over for this year“, German envoy Klaus Berger told reporters.\n"
        "De Vries said the ministers would meet again in March.",
    ),
}

ALL = {**BRITISH, **AMERICAN, **CRIME, **COURT, **SPORTS, **EUROPEAN}
