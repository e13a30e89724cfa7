"""How fast `reviewer server` answers an edit of a 1,000-line training file.

    python benchmarks/server.py [--lines 1000] [--findings 3] [--changes 50] [--json FILE]

Protocol: the file is whole synthetic training files of benchmarks/corpus.py (seed 0)
concatenated until it has `--lines` lines, as in benchmarks/scaling.py, then a scheduler
set-up and `--findings` statements `lr_i = scheduler.get_lr()` (scaling.py's findings
file). Those make the rules run: no rule's trigger lets the synthetic files of seed 0
through, so with `--findings 0` (nothing added) only the triggers and CPython's parser run,
not libcst; findings at the end are also the costliest to locate. The file lies in a temporary project (a
`pyproject.toml` with an empty [tool.reviewer] table). One server is started
(`python -m reviewer server`, the interpreter running this script) and initialised by a
pygls client; the file is opened and the time to its first diagnostics is reported apart
(the server imports libcst and the rules meanwhile). Then `--warm-up` changes, not
counted, and `--changes` changes, one at a time: each appends `  # edit N` to a line in
the middle of the file (the server gets the whole text, as it asks for full sync, and
lints it whole), and its time is from just before the client sends the didChange to the
client's receipt of the publishDiagnostics of that version; the next change is sent after
it. Printed: the median and the 95th percentile (nearest rank) in milliseconds, with the
number of lines and diagnostics and the load average before and after.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import statistics
import sys
import tempfile
import time
from typing import List

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import bench  # noqa: E402
import scaling  # noqa: E402
from lsprotocol import types  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402


async def measure(path: str, text: str, warm_up: int, changes: int) -> dict:
    client = LanguageClient("reviewer-benchmark", "1")
    published: asyncio.Queue = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def received(params: types.PublishDiagnosticsParams) -> None:
        published.put_nowait((params.version, time.perf_counter(), len(params.diagnostics)))

    async def diagnostics_of(version: int):
        while True:
            got, arrived, count = await published.get()
            if got == version:
                return arrived, count

    await client.start_io(sys.executable, "-m", "reviewer", "server", cwd=os.path.dirname(path))
    await client.initialize_async(types.InitializeParams(types.ClientCapabilities(), process_id=os.getpid()))
    client.initialized(types.InitializedParams())
    uri = "file://" + path
    sent = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "python", 1, text)))
    arrived, count = await diagnostics_of(1)
    first = arrived - sent
    lines = text.splitlines(keepends=True)
    middle = len(lines) // 2
    times: List[float] = []
    for version in range(2, 2 + warm_up + changes):
        edited = lines[:]
        line = middle + version % 10  # a few lines, all in the middle of the file
        edited[line] = edited[line].rstrip("\n") + f"  # edit {version}\n"
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version, uri),
            [types.TextDocumentContentChangeWholeDocument("".join(edited))]))
        arrived, count = await diagnostics_of(version)
        if version >= 2 + warm_up:
            times.append(arrived - sent)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    ordered = sorted(times)
    return {"lines": len(lines), "diagnostics": count, "first_diagnostics_ms": 1000 * first,
            "changes": changes, "median_ms": 1000 * statistics.median(ordered),
            "p95_ms": 1000 * ordered[math.ceil(0.95 * len(ordered)) - 1],
            "times_ms": [round(1000 * t, 2) for t in times]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=1000, help="lines of the file (at least)")
    parser.add_argument("--findings", type=int, default=3, help="findings added at the end of the file")
    parser.add_argument("--changes", type=int, default=50, help="changes measured")
    parser.add_argument("--warm-up", type=int, default=5, help="changes before those measured")
    parser.add_argument("--json", default=None, metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args(argv)
    bench.compile_reviewer()
    before = bench.load_average()
    with tempfile.TemporaryDirectory(prefix="reviewer-server-") as work:
        with open(os.path.join(work, "pyproject.toml"), "w", encoding="utf-8") as handle:
            handle.write("[tool.reviewer]\n")
        path = os.path.join(work, "train.py")
        text = scaling.training_text(args.lines, work)
        if args.findings:
            text += scaling.findings_text("get_lr", args.findings)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        result = asyncio.run(measure(path, text, args.warm_up, args.changes))
    result.update(bench.provenance([sys.executable, "-m", "reviewer"], os.environ), protocol={
        "changes": args.changes, "warm_up": args.warm_up, "lines": args.lines, "findings": args.findings,
        "timed": "from just before the client sends a didChange to its receipt of that version's publishDiagnostics",
        "statistic": "median and 95th percentile (nearest rank) of the changes; times_ms holds each",
        "cold": "the server lints in its own process without the cache; the first diagnostics are reported apart",
    }, load_average={"before": before, "after": bench.load_average()})
    print(f"{result['lines']} lines, {result['diagnostics']} diagnostics; load average before "
          f"{before}, after {result['load_average']['after']}")
    print(f"first diagnostics after didOpen: {result['first_diagnostics_ms']:.0f} ms")
    print(f"didChange -> publishDiagnostics over {result['changes']} changes: "
          f"median {result['median_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms")
    if args.json:
        bench.write_result(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
