"""The party register (党建): organisations and the units they cover, counts by date,
党建结对 pairings, the chain's 1+1+N+X groups, and 三会一课 held against required."""
