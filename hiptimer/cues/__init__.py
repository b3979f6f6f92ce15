"""The cues: which cue when, the sounds and speech, and the player that plays them. No Qt."""
