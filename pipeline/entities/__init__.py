"""Stage 8, entities: the store's persons, officials and organisations → one id per person or
organisation across articles and languages (`entity_id` on their rows), and the entities, posts
and entity_merges tables."""

from .organisations import organisation_key
from .persons import person_key, person_keys
from .resolve import resolve, resolve_tables
from .sound import latin, skeleton, sound

__all__ = ["latin", "organisation_key", "person_key", "person_keys", "resolve", "resolve_tables", "skeleton", "sound"]
