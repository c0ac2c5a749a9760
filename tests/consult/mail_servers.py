"""Stand-ins for a mail server that is down and for one that has hung."""

import socket
import threading

from django.core.mail.backends.base import BaseEmailBackend

BROKEN_EMAIL_BACKEND = "tests.consult.mail_servers.BrokenEmailBackend"


class BrokenEmailBackend(BaseEmailBackend):
    """Stands in for an SMTP server that is down (use BROKEN_EMAIL_BACKEND as EMAIL_BACKEND)."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP server unavailable")


class HangingSMTPServer:
    """Accepts connections and never says a word, like a mail server that has hung."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.connections = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                connection, _address = self.sock.accept()
            except OSError:
                return
            self.connections.append(connection)

    def close(self):
        self.sock.close()
        for connection in self.connections:
            connection.close()
