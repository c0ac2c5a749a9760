"""Render deploy/nginx/gobroad.conf.in for this deployment.

    python -m deploy.nginx --env /etc/gobroad/gobroad.env > /etc/nginx/conf.d/gobroad.conf

Values come from the environment file (deploy/gobroad.env.example), then the process
environment: NGINX_APP_SERVERS (host:port of each gunicorn, space-separated),
NGINX_SERVER_NAME, NGINX_STATIC_ROOT (the collected static files on the nginx host),
NGINX_CACHE_DIR, and NGINX_TLS_CERTIFICATE with NGINX_TLS_CERTIFICATE_KEY for HTTPS on
443 (with port 80 redirecting); without a certificate nginx listens on port 80 alone, as
it must for the first certbot run.
"""

import argparse
import os
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "nginx" / "gobroad.conf.in"

# Seen failing once, an app server is left out for 10 s; requests go to the others meanwhile.
APP_SERVER_LINE = "    server {address} max_fails=1 fail_timeout=10s;"

REDIRECT_SERVER = """server {
    listen 80;
    listen [::]:80;
    server_name @@SERVER_NAME@@;
    server_tokens off;
    location /.well-known/acme-challenge/ { root /var/www/html; }
    location / { return 301 https://$host$request_uri; }
}"""

TLS_LISTEN = """    listen 443 ssl http2;
    listen [::]:443 ssl http2;
    ssl_certificate {certificate};
    ssl_certificate_key {key};
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache shared:gobroad_tls:10m;
    ssl_session_timeout 1d;"""

PLAIN_LISTEN = """    listen {port};
    listen [::]:{port};
    location /.well-known/acme-challenge/ {{ root /var/www/html; }}"""


def render(app_servers, server_name, static_root, cache_dir, tls_certificate="", tls_certificate_key="",
           port=80):
    """The configuration text. `port` is only for a plain-HTTP nginx (tests, or before TLS)."""
    if not app_servers:
        raise ValueError("NGINX_APP_SERVERS names no app server.")
    if bool(tls_certificate) != bool(tls_certificate_key):
        raise ValueError("Set both NGINX_TLS_CERTIFICATE and NGINX_TLS_CERTIFICATE_KEY, or neither.")
    if tls_certificate:
        listen = TLS_LISTEN.format(certificate=tls_certificate, key=tls_certificate_key)
        redirect = REDIRECT_SERVER
    else:
        listen = PLAIN_LISTEN.format(port=port)
        redirect = ""
    text = TEMPLATE.read_text()
    for name, value in (
        ("APP_SERVERS", "\n".join(APP_SERVER_LINE.format(address=address) for address in app_servers)),
        ("REDIRECT_SERVER", redirect),
        ("LISTEN", listen),
        ("SERVER_NAME", server_name),
        ("STATIC_ROOT", str(static_root).rstrip("/")),
        ("CACHE_DIR", str(cache_dir)),
    ):
        text = text.replace(f"@@{name}@@", value)
    return text


def read_env_file(path):
    """KEY=VALUE lines, as systemd's EnvironmentFile reads them (comments and blanks skipped)."""
    values = {}
    for line in Path(path).read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip().strip("'\"")
    return values


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--env", help="the environment file (deploy/gobroad.env.example)")
    arguments = parser.parse_args(argv)
    values = {**(read_env_file(arguments.env) if arguments.env else {}), **os.environ}
    try:
        text = render(
            app_servers=values.get("NGINX_APP_SERVERS", "127.0.0.1:8000").split(),
            server_name=values.get("NGINX_SERVER_NAME", "_"),
            static_root=values.get("NGINX_STATIC_ROOT", "/srv/gobroad/app/staticfiles"),
            cache_dir=values.get("NGINX_CACHE_DIR", "/var/cache/nginx/gobroad"),
            tls_certificate=values.get("NGINX_TLS_CERTIFICATE", ""),
            tls_certificate_key=values.get("NGINX_TLS_CERTIFICATE_KEY", ""),
        )
    except ValueError as error:
        sys.exit(str(error))
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
