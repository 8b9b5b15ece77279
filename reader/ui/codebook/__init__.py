"""The codebook in the window: the Codebook dock, coding by keys, retrieval, pictures."""
