#!/usr/bin/env python3
"""A tiny round-robin HTTP reverse proxy for the two-process test (.ci/test.sh).

    python3 .ci/round_robin_proxy.py --listen 127.0.0.1:0 --port-file FILE \
        http://127.0.0.1:PORT_A http://127.0.0.1:PORT_B

Every request goes to the next upstream in turn (request by request, also on one keep-alive
connection), so a form post and the page it redirects to are served by different processes.
Headers pass unchanged (Host and Origin included) apart from the hop-by-hop ones; the client's
address is appended to X-Forwarded-For. Request and response bodies are streamed, not buffered.
The port it listens on is written to --port-file once it accepts connections; on SIGTERM it
prints how many requests went to each upstream. Standard library
only: it runs wherever Python 3 does.
"""

import argparse
import http.client
import http.server
import itertools
import os
import signal
import sys
import threading
import urllib.parse

# RFC 9110, section 7.6.1: meaningful for one connection only, never forwarded.
HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
}
CHUNK = 64 * 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", default="127.0.0.1:0", help="host:port (port 0: any free one)")
    parser.add_argument("--port-file", help="write the port listened on to this file")
    parser.add_argument("upstreams", nargs="+", help="http://host:port of each server")
    args = parser.parse_args()

    upstreams = []
    for url in args.upstreams:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme != "http" or not parts.hostname or not parts.port:
            parser.error(f"{url}: give http://host:port")
        upstreams.append((parts.hostname, parts.port))
    turn = itertools.cycle(range(len(upstreams)))
    turn_lock = threading.Lock()
    served = [0] * len(upstreams)

    def next_upstream() -> tuple[str, int]:
        with turn_lock:
            index = next(turn)
            served[index] += 1
            return upstreams[index]

    def report_and_exit(signum, frame) -> None:
        counts = ", ".join(f"{host}:{port} {n}" for (host, port), n in zip(upstreams, served))
        sys.stderr.write(f"proxy: requests forwarded: {counts}\n")
        sys.stderr.flush()
        os._exit(0)

    signal.signal(signal.SIGTERM, report_and_exit)
    signal.signal(signal.SIGINT, report_and_exit)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
            pass  # quiet: the servers log every request themselves

        def forward(self) -> None:
            host, port = next_upstream()
            connection_tokens = {
                token.strip().lower()
                for token in self.headers.get("Connection", "").split(",")
                if token.strip()
            }
            headers = []
            for name, value in self.headers.items():
                lower = name.lower()
                if lower in HOP_BY_HOP or lower in connection_tokens or lower == "content-length":
                    continue
                if lower == "x-forwarded-for":
                    continue  # rewritten below, with this client appended
                headers.append((name, value))
            forwarded = self.headers.get_all("X-Forwarded-For") or []
            headers.append(("X-Forwarded-For", ", ".join([*forwarded, self.client_address[0]])))

            upstream = http.client.HTTPConnection(host, port, timeout=120)
            try:
                upstream.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
                for name, value in headers:
                    upstream.putheader(name, value)
                length = self.headers.get("Content-Length")
                chunked = "chunked" in self.headers.get("Transfer-Encoding", "").lower()
                if length is not None:
                    upstream.putheader("Content-Length", length)
                    upstream.endheaders()
                    remaining = int(length)
                    while remaining > 0:
                        data = self.rfile.read(min(CHUNK, remaining))
                        if not data:
                            raise ConnectionError("the client closed the request body early")
                        upstream.send(data)
                        remaining -= len(data)
                elif chunked:
                    upstream.putheader("Transfer-Encoding", "chunked")
                    upstream.endheaders()
                    for data in self.read_chunked_body():
                        upstream.send(b"%x\r\n%s\r\n" % (len(data), data))
                    upstream.send(b"0\r\n\r\n")
                else:
                    upstream.endheaders()
                response = upstream.getresponse()
                self.relay(response)
            finally:
                upstream.close()

        def read_chunked_body(self):
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers: dropped
                    return
                yield self.rfile.read(size)
                self.rfile.readline()

        def relay(self, response: http.client.HTTPResponse) -> None:
            self.send_response_only(response.status, response.reason)
            connection_tokens = {
                token.strip().lower()
                for token in (response.getheader("Connection") or "").split(",")
                if token.strip()
            }
            for name, value in response.getheaders():
                lower = name.lower()
                if lower in HOP_BY_HOP or lower in connection_tokens:
                    continue
                self.send_header(name, value)
            no_body = self.command == "HEAD" or response.status in (204, 304) or response.status < 200
            length = response.getheader("Content-Length")
            if no_body or length is not None:
                self.end_headers()
                if not no_body:
                    while data := response.read1(CHUNK):
                        self.wfile.write(data)
            else:
                # Length unknown upstream (a streamed page): stream it on in chunks.
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                while data := response.read1(CHUNK):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
                    self.wfile.flush()
                self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()

        def handle_one(self) -> None:
            try:
                self.forward()
            except (ConnectionError, OSError, http.client.HTTPException) as error:
                # Nothing sent yet in most cases: answer 502 and close, as a real proxy would.
                sys.stderr.write(f"proxy: {self.command} {self.path}: {error}\n")
                try:
                    self.send_error(502, "Bad Gateway")
                except OSError:
                    pass
                self.close_connection = True

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = handle_one

    host, port = args.listen.rsplit(":", 1)
    server = http.server.ThreadingHTTPServer((host, int(port)), Handler)
    server.daemon_threads = True
    if args.port_file:
        with open(args.port_file + ".tmp", "w") as file:
            file.write(str(server.server_address[1]))
        # Renamed into place: a reader never sees a half-written file.
        os.replace(args.port_file + ".tmp", args.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
