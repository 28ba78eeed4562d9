#!/usr/bin/python3
"""A test SMTP server: saves every message it receives as DIR/N.eml.

Usage: /usr/bin/python3 smtp_sink.py DIR [--port N]
       /usr/bin/python3 smtp_sink.py --parse FILE.eml OUTDIR

Listens on 127.0.0.1 on a free port (or on port N with --port) and writes
the port number to DIR/port once it accepts connections. Runs until killed (SIGTERM) or until
its stdin is closed. Used by tests/mail/smtp_sender_test.cpp (Debian's
python3-aiosmtpd).

--parse reads a saved message with Python's `email` parser and writes what
a mail program would show, decoded, to OUTDIR: subject, from, to,
text (the text/plain part), html (the text/html part), and defects (one
line per problem the parser found; empty when none).
"""

import os
import signal
import socket
import sys
import threading

from aiosmtpd.controller import Controller


class SaveToDir:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            n = self.count
        tmp = os.path.join(self.directory, f"{n}.eml.tmp")
        with open(tmp, "wb") as f:
            f.write(b"X-Envelope-From: " + envelope.mail_from.encode() + b"\r\n")
            for rcpt in envelope.rcpt_tos:
                f.write(b"X-Envelope-To: " + rcpt.encode() + b"\r\n")
            f.write(envelope.original_content or envelope.content)
        os.rename(tmp, os.path.join(self.directory, f"{n}.eml"))
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def parse(eml, outdir):
    import email
    import email.policy

    with open(eml, "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.default)
    out = {
        "subject": str(msg["subject"]),
        "from": str(msg["from"]),
        "to": str(msg["to"]),
        "text": msg.get_body(("plain",)).get_content(),
        "html": msg.get_body(("html",)).get_content(),
    }
    defects = [repr(d) for part in msg.walk() for d in part.defects]
    out["defects"] = "\n".join(defects)
    for name, value in out.items():
        with open(os.path.join(outdir, name), "w", encoding="utf-8", newline="") as f:
            f.write(value)


def main():
    if sys.argv[1] == "--parse":
        parse(sys.argv[2], sys.argv[3])
        return
    directory = sys.argv[1]
    port = free_port()
    if len(sys.argv) >= 4 and sys.argv[2] == "--port":
        port = int(sys.argv[3])
    controller = Controller(SaveToDir(directory), hostname="127.0.0.1", port=port)
    controller.start()
    tmp = os.path.join(directory, "port.tmp")
    with open(tmp, "w") as f:
        f.write(str(port))
    os.rename(tmp, os.path.join(directory, "port"))
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
    done.wait()
    controller.stop()


if __name__ == "__main__":
    main()
