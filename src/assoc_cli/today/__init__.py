"""What needs the secretariat today (``assoc today``, and ``assoc`` alone): one line per
thing to attend to, each with the command that handles it.

``item.py`` holds the item and the shape of a provider; ``attention.py`` the providers'
registry (one function per kind of item, in the page's order, with the slots for features
built beside this one) and the page as a listing; ``providers.py`` the providers of the
features below this one (dues, notices, meetings, action items, 换届, backups).
"""
