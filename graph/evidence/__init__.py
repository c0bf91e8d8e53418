"""Evidence: files and links that back claims, with their hashes and verification.

``add`` hashes a file as it copies it into the store's evidence folder (or
records a URL) and writes an Evidence node that SUPPORTS a claim; ``set_status``
records a verification step; ``verify`` re-hashes every copy held; ``listing``
gives each piece of evidence with its state and the claims it backs. Writes are
load runs (allegraph.evidence.records), so provenance stays whole.
docs/evidence.md is the user's guide.
"""

from allegraph.evidence.folder import EvidenceError, evidence_folder
from allegraph.evidence.records import FORMAT, add, history, set_status
from allegraph.evidence.verify import Finding, listing, verify

__all__ = [
    "FORMAT",
    "EvidenceError",
    "Finding",
    "add",
    "evidence_folder",
    "history",
    "listing",
    "set_status",
    "verify",
]
