"""Posts under load: wrk posts at c=8 and each answer must carry its own request's comment."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path

from bench import seed
from bench.servers import drain, fetch, wrk


def bench_posts(server, seconds: int, workdir: Path, page: str = "") -> dict:
    """Posts at c=8; every answer must carry its own request's comment.

    `page`: the thread posted to (a run repeats its texts: a second run on one thread
    would be refused as duplicates).
    """
    page = page or f"{seed.ORIGIN}/posts"
    _, body, _ = fetch(f"{server.base}/api/form-token?url={page}")
    time.sleep(1.2)  # the token's minimum age
    out = workdir / f"posts-{uuid.uuid4().hex[:6]}.txt"
    result = wrk(
        server.base,
        8,
        seconds,
        script="post.lua",
        WRK_TOKEN=json.loads(body)["form_token"],
        WRK_ORIGIN=seed.ORIGIN,
        WRK_PAGE=page,
        WRK_OUT=str(out),
    )
    result["drain_s"] = round(drain(server), 1)
    lines = [
        line for part in workdir.glob(out.name + ".*") for line in part.read_text().splitlines()
    ]
    accepted = [line.split() for line in lines if not line.startswith("status")]
    ids = [cid for cid, _ in accepted]
    result["accepted"] = len(accepted)
    result["refused"] = len(lines) - len(accepted)
    result["accepted_per_s"] = round(len(accepted) / result["seconds"], 1)
    result["own_comment"] = all(marker != "?" for _, marker in accepted) and len(set(ids)) == len(
        ids
    )
    result["markers_unique"] = len({marker for _, marker in accepted}) == len(accepted)
    return result
