"""The source/target languages the legacy start-up used for the seeded 'Default' profile."""

from __future__ import annotations

from typing import NamedTuple

from django.conf import settings

# Display names the legacy profiles store beside the codes (target_language_names_json).
NAMES = {
    "ar": "Arabic",
    "cs": "Czech",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "es": "Spanish",
    "fi": "Finnish",
    "fr": "French",
    "he": "Hebrew",
    "hu": "Hungarian",
    "id": "Indonesian",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "nl": "Dutch",
    "no": "Norwegian",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sv": "Swedish",
    "th": "Thai",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "vi": "Vietnamese",
    "zh": "Chinese",
}


class Language(NamedTuple):
    code: str
    name: str


def _language(config: dict[str, str], role: str, default: str) -> Language:
    code = (config.get(f"{role}_language") or default).strip()
    name = config.get(f"{role}_language_name") or NAMES.get(code.lower(), code)
    return Language(code, name)


def default_pair(config: dict[str, str]) -> tuple[Language, Language]:
    """(source, target) from the file's config_entries, else SUBLARR_SOURCE/TARGET_LANGUAGE."""
    return (
        _language(config, "source", settings.SUBLARR_SOURCE_LANGUAGE),
        _language(config, "target", settings.SUBLARR_TARGET_LANGUAGE),
    )
