"""A real SMTP server on loopback (Debian's python3-aiosmtpd) that keeps every message it accepts in a folder.

ONE script for both uses: ops/run's local mail sink (ops/lib/mail.sh, folder .data/mail, read by the Development page
/quan-tri/hop-thu) and the tests' SMTP server (tests/HtxFund.Tests/Support/SmtpTestServer.cs links this file).

usage: /usr/bin/python3 smtp_sink.py PORT FOLDER [--until-signal]
Every accepted message is written to FOLDER as <id>.eml (written to a temporary name, then renamed, so a reader never
sees half a message). Recipients containing "khong-ton-tai" or at the domain invalid.test are refused permanently
(550 5.1.1), as a real server refuses an unknown mailbox. Prints "ready" once listening. Stops when stdin closes (the
tests hold it open), or with --until-signal on SIGTERM/SIGINT only (ops/run starts it in the background, where stdin
is /dev/null).
"""
import os
import signal
import sys
import threading
import uuid

from aiosmtpd.controller import Controller


class SaveToFolder:
    def __init__(self, folder):
        self.folder = folder

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if "khong-ton-tai" in address or address.lower().endswith("@invalid.test"):
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        name = uuid.uuid4().hex
        tmp = os.path.join(self.folder, name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(tmp, os.path.join(self.folder, name + ".eml"))
        return "250 Message accepted for delivery"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    until_signal = "--until-signal" in sys.argv[1:]
    if len(args) != 2:
        sys.exit("usage: smtp_sink.py PORT FOLDER [--until-signal]")
    port, folder = int(args[0]), args[1]
    os.makedirs(folder, exist_ok=True)
    controller = Controller(SaveToFolder(folder), hostname="127.0.0.1", port=port)
    controller.start()
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    print("ready", flush=True)
    try:
        if not until_signal:
            threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
        while not stop.wait(0.5):
            pass
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
