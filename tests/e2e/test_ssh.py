"""The reader over SSH: a throwaway sshd on 127.0.0.1, `ssh -tt` inside tmux, a search.

Skipped, with the reason, when sshd or tmux is not installed (`.ci/run` installs both).
"""

from __future__ import annotations

import getpass
import os
import shutil
import socket
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import BIN, SEEDS
from tests.e2e.test_terminal import search_for_sagara, tmux, wait_for

SSHD = shutil.which("sshd") or ("/usr/sbin/sshd" if Path("/usr/sbin/sshd").exists() else None)
pytestmark = [
    pytest.mark.skipif(SSHD is None, reason="openssh-server is not installed"),
    pytest.mark.skipif(shutil.which("ssh") is None, reason="ssh is not installed"),
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def sshd(tmp_path):
    keys = tmp_path / "ssh"
    keys.mkdir(mode=0o700)
    for name in ("host", "user"):
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(keys / name)], check=True
        )
    (keys / "authorized_keys").write_text((keys / "user.pub").read_text())
    (keys / "authorized_keys").chmod(0o600)
    port = free_port()
    config = keys / "sshd_config"
    config.write_text(
        "\n".join(
            [
                f"Port {port}",
                "ListenAddress 127.0.0.1",
                f"HostKey {keys / 'host'}",
                f"AuthorizedKeysFile {keys / 'authorized_keys'}",
                f"PidFile {keys / 'sshd.pid'}",
                "PermitRootLogin prohibit-password",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                "PrintMotd no",
                "",
            ]
        )
    )
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(exist_ok=True)
    server = subprocess.Popen(
        [SSHD, "-D", "-e", "-f", str(config)], stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.skip(f"sshd could not start: {server.stderr.read().strip()[:200]}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    else:
        server.kill()
        pytest.skip("sshd did not listen within 10 s")
    yield port, keys / "user"
    server.kill()
    server.wait()


def test_reader_over_ssh(sshd, seed_index):
    port, key = sshd
    index = seed_index
    remote = f"cd {SEEDS.parent} && TERM=xterm-256color {BIN / 'dossier'} --seeds {SEEDS} --index {index}"
    ssh = (
        f"ssh -tt -p {port} -i {key} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null "
        f"-o LogLevel=ERROR {getpass.getuser()}@127.0.0.1 '{remote}'; echo SSH-EXITED $?; sleep 30"
    )
    name = f"dossier-ssh-{uuid.uuid4().hex[:8]}"
    tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "40", f"env -u COLUMNS -u LINES {ssh}")
    tmux("resize-window", "-t", name, "-x", "120", "-y", "40")
    try:
        wait_for(name, "5 articles", timeout=60)
        search_for_sagara(name)
        tmux("send-keys", "-t", name, "q")
        wait_for(name, "SSH-EXITED 0")
    finally:
        tmux("kill-session", "-t", name)
