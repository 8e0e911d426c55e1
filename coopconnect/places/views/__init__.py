"""Pages of the places app: the directory (``directory``) and a place's photo (``photo``)."""
