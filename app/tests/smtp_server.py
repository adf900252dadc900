#!/usr/bin/env python3
"""A real SMTP server for the outbox tests (aiosmtpd, no TLS).

    python3 smtp_server.py --port PORT --dir MAILBOX

Every accepted message becomes two files in MAILBOX, written atomically (temporary name, then
rename): `<n>.eml` with the raw message and `<n>.json` with the envelope and the decoded parts
(subject, to, from, text, html), so the Rust tests need no MIME parser. Recipients whose address
starts with "weiger" (Dutch: refuse) are refused with a permanent `550`; those starting with
"uitstel" (Dutch: postponement) get a temporary `451` the first time they are seen and are
accepted after that. Prints "READY" once it accepts connections; stops on SIGTERM or SIGINT.
"""

import argparse
import asyncio
import email
import email.policy
import json
import os
import signal
import uuid

from aiosmtpd.smtp import SMTP


class Handler:
    def __init__(self, directory):
        self.directory = directory
        self.postponed = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("weiger"):
            return "550 5.1.1 <%s>: recipient refused by the test server" % address
        if address.lower().startswith("uitstel") and address.lower() not in self.postponed:
            self.postponed.add(address.lower())
            return "451 4.3.0 <%s>: busy, try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        message = email.message_from_bytes(raw, policy=email.policy.default)
        text = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        summary = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "subject": str(message["subject"]),
            "to": str(message["to"]),
            "from": str(message["from"]),
            "content_type": message.get_content_type(),
            "text": text.get_content() if text is not None else None,
            "html": html.get_content() if html is not None else None,
        }
        name = uuid.uuid4().hex
        self._write(name + ".eml", raw)
        # The summary last: a test that sees the .json also finds the .eml.
        self._write(name + ".json", json.dumps(summary).encode("utf-8"))
        return "250 Message accepted for delivery"

    def _write(self, name, data):
        temporary = os.path.join(self.directory, "." + name + ".tmp")
        with open(temporary, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.rename(temporary, os.path.join(self.directory, name))


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)

    handler = Handler(args.dir)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="smtp.test.invalid"), args.host, args.port
    )
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print("READY", flush=True)
    await stop.wait()
    server.close()



if __name__ == "__main__":
    asyncio.run(main())
