"""`workshop bench room`: a room of simulated phones against a throwaway session on this machine,
so a facilitator knows before the day how many phones their laptop holds (docs/participants.md).

phones.py is one phone as its browser and the page's script behave (HTTP through aiohttp, one
address each), and a process of many of them driven line by line; room.py runs `workshop serve`,
the phones and the facilitator's screen together, and verdict.py says what they measured. Nothing
here is imported by any other command."""
