"""A real SMTP server for the tests (Debian's python3-aiosmtpd), on loopback.

usage: /usr/bin/python3 smtp_server.py PORT FOLDER
Every accepted message is written to FOLDER as <n>.eml (written to a temporary name, then renamed, so a reader never
sees half a message). Recipients containing "khong-ton-tai" or at the domain invalid.test are refused permanently
(550 5.1.1), as a real server refuses an unknown mailbox. Prints "ready" once listening; stops when stdin closes.
"""
import os
import sys
import threading
import uuid

from aiosmtpd.controller import Controller


class SaveToFolder:
    def __init__(self, folder):
        self.folder = folder
        self.lock = threading.Lock()

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
    port, folder = int(sys.argv[1]), sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    controller = Controller(SaveToFolder(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
