"""irctest controller for the chat server's IRC listener (docs/IRC.md).

Starts chat-server/target/server.jar (or $CHAT_SERVER_JAR) with --irc-port on the port irctest picks, the
chat's own port beside it, with the limits meant for one person per address off: irctest opens many
connections from 127.0.0.1 and sends without pause. Run it with run.sh beside this file.
"""
import os
import shutil
import socket
import time
from pathlib import Path
from typing import Optional, Set, Type

from irctest.basecontrollers import BaseServerController, DirectoryBasedController
from irctest.runner import NotImplementedByController

HERE = Path(__file__).resolve().parent
JAR = Path(os.environ.get("CHAT_SERVER_JAR", HERE.parent.parent.parent / "target" / "server.jar"))


# irctest's operator (OPER operuser operpassword): an operator's account is made only on the server's console
# (--add-account), so it is made once, in a data directory each server's own starts as a copy of.
OPERATOR, OPERATOR_PASSWORD = "operuser", "operpassword"
_operator_data: Optional[Path] = None


def operator_data(java: str) -> Path:
    global _operator_data
    if _operator_data is None:
        import subprocess
        import tempfile

        made = Path(tempfile.mkdtemp(prefix="chat-irctest-")) / "data"
        subprocess.run(
            [java, "-jar", str(JAR), "--data-dir", str(made), "--add-account", OPERATOR],
            input=f"{OPERATOR_PASSWORD}\n{OPERATOR_PASSWORD}\n", text=True, check=True, timeout=60,
            stdout=subprocess.DEVNULL,
        )
        _operator_data = made
    return _operator_data


class ChatController(BaseServerController, DirectoryBasedController):
    software_name = "chat"
    supported_sasl_mechanisms: Set[str] = {"PLAIN"}
    supports_sts = False

    def run(
        self,
        hostname: str,
        port: int,
        *,
        password: Optional[str],
        ssl: bool,
        run_services: bool,
        faketime: Optional[str],
        websocket_hostname: Optional[str],
        websocket_port: Optional[int],
    ) -> None:
        if websocket_hostname is not None or websocket_port is not None:
            raise NotImplementedByController("Websocket")
        if ssl:
            raise NotImplementedByController("TLS")
        assert self.proc is None
        self.port = port
        self.hostname = hostname
        self.create_config()
        assert self.directory
        (_, self.chat_port) = self.get_hostname_and_port()
        java = shutil.which("java") or "java"
        shutil.copytree(operator_data(java), self.directory / "data")
        args = [
            java, "-jar", str(JAR),
            "--host", hostname, "--port", str(self.chat_port), "--irc-port", str(port), "--irc-name", "My.Little.Server",
            "--transfer-port", "off", "--data-dir", str(self.directory / "data"),
            "--rate-limit", "off", "--max-per-ip", "0", "--max-pending-per-ip", "0",
            "--connect-throttle", "off", "--kick-hold", "0", "--allow-plain-passwords", "--operators", OPERATOR,
            "--min-password-length", "1",  # irctest's accounts mostly have 6 characters ("sesame")
        ]
        if password is not None:
            with self.open_file("server-password") as fd:
                fd.write(password + "\n")
            args += ["--server-password-file", str(self.directory / "server-password")]
        self.proc = self.execute(args)

    def wait_for_services(self) -> None:
        """The chat keeps its accounts itself: no services to wait for."""

    def registerUser(self, case, username: str, password: Optional[str] = None) -> None:
        """Registers on the chat's own port, as a person would with /register."""
        if not password or len(password) > 200 or password != password.strip() or "\n" in password:
            # none, or one the chat's /register line cannot carry as it is
            raise NotImplementedByController("a password of 1 to 200 characters without edge spaces")
        self.wait_for_port()  # irctest may register before it waited for the server
        with socket.create_connection((self.hostname, self.chat_port), timeout=10) as c:
            c.sendall(f"{username}\n/register {password}\n/quit\n".encode())
            data = b""
            deadline = time.time() + 10
            while b"BYE" not in data and time.time() < deadline:
                chunk = c.recv(4096)
                if not chunk:
                    break
                data += chunk
        if b"is registered now" not in data:
            raise AssertionError(f"registering {username} failed: {data!r}")


def get_irctest_controller_class() -> Type[ChatController]:
    return ChatController
