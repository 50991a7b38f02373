"""``coachkit serve``: open the course in your browser (Voila, on this computer only)."""

from __future__ import annotations

import argparse


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Declare ``coachkit serve [--port 8866] [--no-browser] [--config FILE]``."""
    parser = subparsers.add_parser(
        "serve",
        help="open the course in your browser",
        description="Start the course on this computer and open its home page in your "
                    "browser. Keep the window open while you work; Ctrl+C stops it.",
    )
    parser.add_argument("--port", type=int, default=8866,
                        help="port on this computer (default: %(default)s)")
    parser.add_argument("--no-browser", action="store_true",
                        help="do not open a browser; print the address instead")
    parser.add_argument("--config", metavar="FILE", default=None,
                        help="Jupyter configuration file (default: the kit's jupyter_config.py)")
    return parser


def run(args: argparse.Namespace) -> int:
    """Start the course server and block until Ctrl+C."""
    from coachkit.server import serve

    serve(port=args.port, open_browser=not args.no_browser, config=args.config)
    return 0
