"""A font that draws Chinese as well as Latin text: an installed CJK TrueType font embedded in
the PDF when there is one, else Adobe's STSong CID font, which PDF viewers supply."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

CANDIDATES = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
)


@lru_cache(maxsize=1)
def cjk_font() -> str:
    """Register and return the name of the font to draw every sheet with."""
    configured = os.environ.get("SMALLBALL_PDF_FONT")
    for path in ([Path(configured)] if configured else []) + list(CANDIDATES):
        if path.exists():
            try:
                pdfmetrics.registerFont(TTFont("SmallballCJK", str(path), subfontIndex=0))
            except Exception:  # a broken font file: try the next
                continue
            return "SmallballCJK"
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"
