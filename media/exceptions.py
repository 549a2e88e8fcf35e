"""Errors of the media layer.

MediaError
└── SignalError      a description or candidate from the far side could not be applied
"""

from __future__ import annotations


class MediaError(Exception):
    """Base of the errors this package raises on purpose."""


class SignalError(MediaError):
    """The far side sent SDP or ICE that this peer connection cannot apply."""
