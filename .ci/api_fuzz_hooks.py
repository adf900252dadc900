"""Schemathesis hooks of the API fuzz test (.ci/api_fuzz.sh, SCHEMATHESIS_HOOKS).

Conversation types are imported as a TOML file (`POST /api/v1/conversation-types`,
`application/toml`), a media type schemathesis cannot serialise on its own: the body's schema is
a string (the file's text), so the generated string is sent as it is, in UTF-8.
"""

import schemathesis


@schemathesis.serializer("application/toml")
def toml_text(ctx, value):
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8")
    return str(value).encode("utf-8")
