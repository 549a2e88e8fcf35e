"""WebRTC and capture for every Python peer: sources, a peer-session wrapper, stats."""
