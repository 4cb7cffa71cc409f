"""Attribution: quotation marks, the cue lexicon, statements (speaker mention, cue, content) and speakers."""
