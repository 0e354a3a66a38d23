"""The translation and Whisper backends Sublarr knows: names, capabilities and settings fields.

The legacy registries (backend/translation/*.py and backend/whisper/*.py at b0151c5), in the order
legacy registered them. A backend's settings are stored as `backend.<name>.<key>` (translation) or
`whisper.<name>.<key>` (Whisper) config entries; apps.core.config.namespaces reads and writes them.
No backend is contacted here: these are facts about the kinds.
"""

from __future__ import annotations

from dataclasses import dataclass

from apps.core.kinds import ConfigField


@dataclass(frozen=True)
class TranslationBackendKind:
    name: str
    display_name: str
    supports_glossary: bool
    supports_batch: bool
    max_batch_size: int
    config_fields: tuple[ConfigField, ...]


@dataclass(frozen=True)
class WhisperBackendKind:
    name: str
    display_name: str
    supports_gpu: bool
    supports_language_detection: bool
    config_fields: tuple[ConfigField, ...]


def _temperature() -> ConfigField:
    return ConfigField(
        "temperature", "Temperature", "number", False, "0.3", "Lower = more deterministic (0.0-1.0)"
    )


def _retries() -> ConfigField:
    return ConfigField(
        "max_retries", "Max Retries", "number", False, "3", "Number of retry attempts on failure"
    )


TRANSLATION_BACKENDS: tuple[TranslationBackendKind, ...] = (
    TranslationBackendKind(
        "ollama",
        "Ollama (Local LLM)",
        supports_glossary=True,  # through the prompt
        supports_batch=True,
        max_batch_size=25,
        config_fields=(
            ConfigField("url", "Ollama URL", "text", True, "http://localhost:11434", "Ollama API endpoint"),
            ConfigField(
                "model", "Model", "text", True, "qwen2.5:14b-instruct", "Model name as shown in 'ollama list'"
            ),
            _temperature(),
            ConfigField(
                "request_timeout",
                "Timeout (seconds)",
                "number",
                False,
                "90",
                "Request timeout for Ollama API calls",
            ),
            _retries(),
        ),
    ),
    TranslationBackendKind(
        "deepl",
        "DeepL",
        supports_glossary=True,
        supports_batch=True,
        max_batch_size=50,  # DeepL's limit of texts per request
        config_fields=(
            ConfigField("api_key", "API Key", "password", True, "", "DeepL API key (Free keys end with :fx)"),
        ),
    ),
    TranslationBackendKind(
        "libretranslate",
        "LibreTranslate (Self-Hosted)",
        supports_glossary=False,
        supports_batch=False,
        max_batch_size=1,  # one line per request keeps the lines one to one
        config_fields=(
            ConfigField(
                "url",
                "LibreTranslate URL",
                "text",
                True,
                "http://libretranslate:5000",
                "LibreTranslate API endpoint",
            ),
            ConfigField(
                "api_key", "API Key (optional)", "password", False, "", "Only needed for public instances"
            ),
            ConfigField(
                "request_timeout", "Timeout (seconds)", "number", False, "30", "Request timeout per line"
            ),
        ),
    ),
    TranslationBackendKind(
        "openai_compat",
        "OpenAI-Compatible (OpenAI, Azure, LM Studio, vLLM)",
        supports_glossary=True,  # through the prompt
        supports_batch=True,
        max_batch_size=25,
        config_fields=(
            ConfigField(
                "api_key", "API Key", "password", True, "", "API key for the OpenAI-compatible service"
            ),
            ConfigField(
                "base_url",
                "Base URL",
                "text",
                True,
                "https://api.openai.com/v1",
                "API base URL (e.g. https://api.openai.com/v1, http://localhost:1234/v1)",
            ),
            ConfigField(
                "model",
                "Model",
                "text",
                True,
                "gpt-4o-mini",
                "Model name (e.g. gpt-4o-mini, gpt-4o, local model name)",
            ),
            _temperature(),
            ConfigField(
                "request_timeout",
                "Timeout (seconds)",
                "number",
                False,
                "120",
                "Request timeout for API calls",
            ),
            _retries(),
        ),
    ),
    TranslationBackendKind(
        "google",
        "Google Cloud Translation",
        supports_glossary=True,
        supports_batch=True,
        max_batch_size=1024,
        config_fields=(
            ConfigField(
                "project_id",
                "Project ID",
                "text",
                True,
                "",
                "Google Cloud project ID with Translation API enabled",
            ),
            ConfigField(
                "credentials_path",
                "Credentials Path",
                "text",
                False,
                "",
                "Path to service account JSON file, or set GOOGLE_APPLICATION_CREDENTIALS env var",
            ),
            ConfigField(
                "location", "Location", "text", False, "global", "Google Cloud region (default: global)"
            ),
        ),
    ),
)

WHISPER_BACKENDS: tuple[WhisperBackendKind, ...] = (
    WhisperBackendKind(
        "faster_whisper",
        "Faster Whisper (Local)",
        supports_gpu=True,
        supports_language_detection=True,
        config_fields=(
            ConfigField(
                "model_size",
                "Model Size",
                "text",
                True,
                "medium",
                "Model: tiny, base, small, medium, large-v2, large-v3, distil-large-v3",
            ),
            ConfigField("device", "Device", "text", False, "auto", "auto, cuda, or cpu"),
            ConfigField(
                "compute_type",
                "Compute Type",
                "text",
                False,
                "auto",
                "float16, int8_float16, int8, float32, or auto",
            ),
            ConfigField(
                "cpu_threads", "CPU Threads", "number", False, "4", "Number of CPU threads (CPU mode only)"
            ),
            ConfigField(
                "beam_size",
                "Beam Size",
                "number",
                False,
                "5",
                "Beam search size (higher = more accurate, slower)",
            ),
            ConfigField(
                "vad_filter",
                "VAD Filter",
                "text",
                False,
                "true",
                "Enable Silero VAD for better accuracy (recommended for anime)",
            ),
            ConfigField(
                "model_path",
                "Model Storage Path",
                "text",
                False,
                "/config/whisper-models",
                "Directory for downloaded models",
            ),
        ),
    ),
    WhisperBackendKind(
        "subgen",
        "Subgen (External API)",
        supports_gpu=False,  # a remote server: unknown
        supports_language_detection=True,
        config_fields=(
            ConfigField(
                "endpoint", "Subgen URL", "text", True, "http://subgen:9000", "URL of Subgen instance"
            ),
            ConfigField(
                "timeout", "Timeout (seconds)", "number", False, "600", "Request timeout for transcription"
            ),
        ),
    ),
)

# Legacy transcribed with Subgen unless the `whisper_backend` entry named another known backend.
DEFAULT_WHISPER_BACKEND = "subgen"


def active_whisper_backend(configured: str | None) -> str:
    """The Whisper backend legacy used for the `whisper_backend` entry's value."""
    names = {kind.name for kind in WHISPER_BACKENDS}
    return configured if configured in names else DEFAULT_WHISPER_BACKEND
