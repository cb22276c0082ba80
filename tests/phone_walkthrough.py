"""Render a walkthrough of the Telegram bot as phone screens, to look at (not a test).

Drives the real bot (:func:`ipbot.frontends.telegram.bot.build_application`) against the stand-in
Bot API server (tests/fake_botapi.py), step by step as a user would: /start, every command on
every plan, a card and its buttons, a chart album, inline queries, a complaint, failures. After
each step it writes the chat as an HTML mock of Telegram on a phone (360 × 740 CSS pixels, the
newest message at the bottom, as a phone shows it) and, when Chromium is installed, a screenshot
of it::

    .venv/bin/python tests/phone_walkthrough.py --out /tmp/phone        # every step
    .venv/bin/python tests/phone_walkthrough.py --out /tmp/phone --only 3 4

The mock uses the phone's proportions and Telegram's default text size (16 px), so a message that
needs scrolling here needs it on a phone too. Nothing here is shipped with the bot.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import html
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fake_botapi import FakeBotAPI
from telegram_helpers import ADMIN_ID, USER_ID, RunningBot, make_settings

from ipbot.assistant import Assistant, build
from ipbot.config import DEFAULT_DATA_DIR
from ipbot.frontends.browse import Browser
from ipbot.frontends.telegram.bot import Services, UserRateLimiter
from ipbot.frontends.telegram.startup import open_state
from ipbot.plans.store import read_knowledge

WIDTH, HEIGHT = 360, 740
GROUP_ID = -1_000_000_000_000 - USER_ID
REPLIES = ("sendMessage", "sendPhoto", "sendDocument", "sendMediaGroup", "editMessageText", "editMessageReplyMarkup")


@dataclass
class Entry:
    """One bubble of the chat: what the user did, or a message the bot sent (shown as last edited)."""

    who: str  # "user", "bot", "note"
    text: str = ""
    message_id: int = 0


@dataclass
class Chat:
    """The walkthrough's state: the chat so far, and the screens written."""

    api: FakeBotAPI
    bot: RunningBot
    out: Path
    chat_id: int = USER_ID
    entries: list[Entry] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)
    screens: list[Path] = field(default_factory=list)

    # ------------------------------------------------------------ actions
    async def say(self, text: str, **kwargs: Any) -> None:
        self.entries.append(Entry("user", text))
        extra = {"chat_type": "group", "chat_id": GROUP_ID} if self.chat_id == GROUP_ID else {}
        before = self._replies()
        self.api.push_update(self.api.message_update(text, **extra, **kwargs))
        await self._collect(before)

    async def tap(self, label: str, message_id: int | None = None) -> None:
        """Tap the button labelled ``label`` (its start) under a message (the newest that has one)."""
        message = self._with_button(label, message_id)
        data = next(b["callback_data"] for b in _buttons(message) if b["text"].startswith(label))
        self.entries.append(Entry("note", f"bấm «{label}»"))
        update = self.api.callback_update(data, chat_id=self.chat_id, user_id=USER_ID, message_id=message["message_id"])
        before = self._replies()
        self.api.push_update(update)
        await self._collect(before)

    async def inline(self, query: str) -> list[dict[str, Any]]:
        before = len(self.api.calls("answerInlineQuery"))
        self.api.push_update(self.api.inline_update(query))
        calls = await self.api.wait_for("answerInlineQuery", count=before + 1, timeout=20)
        return list(calls[-1].params.get("results") or [])

    def _replies(self) -> int:
        return sum(len(self.api.calls(m)) for m in REPLIES)

    async def _collect(self, before: int) -> None:
        """Wait for the bot's reply (a chart takes seconds to draw), then for it to go quiet."""
        for _ in range(600):
            if self._replies() > before:
                break
            await asyncio.sleep(0.1)
        await self.bot.settle(1.5, limit=60)  # a chart is drawn between two calls
        for message in sorted(self.api.sent_messages(), key=lambda m: m["message_id"]):
            if message["chat"]["id"] == self.chat_id and message["message_id"] not in self.seen:
                self.seen.add(message["message_id"])
                self.entries.append(Entry("bot", message_id=message["message_id"]))

    def _with_button(self, label: str, message_id: int | None) -> dict[str, Any]:
        messages = {m["message_id"]: m for m in self.api.sent_messages() if m["chat"]["id"] == self.chat_id}
        ids = [message_id] if message_id else sorted(messages, reverse=True)
        for i in ids:
            if any(b["text"].startswith(label) for b in _buttons(messages[i])):
                return messages[i]
        shown = [b["text"] for i in ids[:1] for b in _buttons(messages[i])]
        raise LookupError(f"no button {label!r}; the newest message has {shown}")

    # ------------------------------------------------------------ screens
    def screen(self, name: str, inline: list[dict[str, Any]] | None = None, query: str = "") -> Path:
        n = len(self.screens) + 1
        page = self.out / f"{n:02d}-{name}.html"
        page.write_text(self._html(inline, query), encoding="utf-8")
        self.screens.append(page)
        return page

    def _html(self, inline: list[dict[str, Any]] | None, query: str) -> str:
        messages = {m["message_id"]: m for m in self.api.sent_messages() if m["chat"]["id"] == self.chat_id}
        bubbles = []
        album: list[str] = []
        album_caption = ""
        group_id = None
        for entry in self.entries:
            message = messages.get(entry.message_id) if entry.who == "bot" else None
            if message is not None and message.get("media_group_id"):
                if group_id not in (None, message["media_group_id"]):
                    bubbles.append(_album(album, album_caption))
                    album, album_caption = [], ""
                group_id = message["media_group_id"]
                album.append(self._image(message))
                album_caption = album_caption or message.get("caption", "")
                continue
            if album:
                bubbles.append(_album(album, album_caption))
                album, album_caption, group_id = [], "", None
            if entry.who == "user":
                bubbles.append(f'<div class="msg user"><div class="bubble">{html.escape(entry.text)}</div></div>')
            elif entry.who == "note":
                bubbles.append(f'<div class="note">{html.escape(entry.text)}</div>')
            elif message is not None:
                bubbles.append(self._bot_message(message))
        if album:
            bubbles.append(_album(album, album_caption))
        panel = _inline_panel(inline, query) if inline is not None else ""
        return PAGE.format(width=WIDTH, height=HEIGHT, bubbles="\n".join(bubbles), panel=panel)

    def _image(self, message: dict[str, Any]) -> str:
        data = self.api.photo_of(self.chat_id, message["message_id"]) or b""
        return "data:image/png;base64," + base64.b64encode(data).decode()

    def _bot_message(self, message: dict[str, Any]) -> str:
        body = ""
        if "photo" in message:
            body += f'<img class="photo" src="{self._image(message)}">'
        if "document" in message:
            name = html.escape(message["document"].get("file_name", "tệp"))
            body += f'<div class="doc">📄 {name}</div>'
        text = message.get("text") or message.get("caption") or ""
        body += f'<div class="text">{_telegram_html(text)}</div>' if text else ""
        rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
        keys = "".join(
            '<div class="row">' + "".join(f'<div class="key">{html.escape(b["text"])}</div>' for b in row) + "</div>"
            for row in rows
        )
        return f'<div class="msg bot"><div class="bubble">{body}</div><div class="keys">{keys}</div></div>'


def _buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
    return [b for row in rows for b in row]


def _telegram_html(text: str) -> str:
    """Telegram HTML as it shows: tags kept (b, i), line breaks as lines, /commands as links."""
    return text.replace("\n", "<br>")


def _album(images: list[str], caption: str) -> str:
    cells = "".join(f'<img src="{src}">' for src in images)
    text = f'<div class="text">{_telegram_html(caption)}</div>' if caption else ""
    grid = f'<div class="grid n{len(images)}">{cells}</div>'
    return f'<div class="msg bot"><div class="bubble album">{grid}{text}</div></div>'


def _inline_panel(results: list[dict[str, Any]], query: str) -> str:
    items = "".join(
        f'<div class="result"><b>{html.escape(r.get("title", ""))}</b><br>'
        f"<span>{html.escape(r.get('description', ''))}</span></div>"
        for r in results
    )
    return (
        f'<div class="inline"><div class="results">{items}</div>'
        f'<div class="input">@ipbot_test_bot {html.escape(query)}</div></div>'
    )


PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width={width}">
<style>
 html, body {{ margin: 0; width: {width}px; height: {height}px; overflow: hidden;
   font-family: Roboto, "Noto Sans", "DejaVu Sans", sans-serif; font-size: 16px; line-height: 1.3; }}
 .phone {{ position: relative; width: {width}px; height: {height}px; background: #cfdce6; display: flex;
   flex-direction: column; }}
 .top {{ height: 48px; background: #517da2; color: #fff; font-weight: bold; display: flex; align-items: center;
   padding-left: 16px; flex: none; }}
 .chat {{ flex: 1; overflow: hidden; display: flex; flex-direction: column; justify-content: flex-end;
   padding: 0 8px 6px; }}
 .msg {{ display: flex; flex-direction: column; margin-top: 6px; }}
 .msg.user {{ align-items: flex-end; }}
 .msg.bot {{ align-items: flex-start; }}
 .bubble {{ max-width: 300px; padding: 6px 9px; border-radius: 12px; background: #fff; word-wrap: break-word;
   box-shadow: 0 1px 1px rgba(0,0,0,.15); }}
 .user .bubble {{ background: #effdde; }}
 .photo {{ width: 282px; display: block; border-radius: 8px; margin-bottom: 4px; }}
 .album {{ padding: 3px; }}
 .album .text {{ padding: 4px 6px; }}
 .grid {{ display: flex; flex-wrap: wrap; gap: 2px; width: 294px; }}
 .grid img {{ width: 146px; height: 182px; object-fit: cover; border-radius: 6px; }}
 .grid.n1 img {{ width: 294px; height: auto; }}
 .doc {{ padding: 6px 0; color: #2a6ea6; }}
 .keys {{ width: 318px; margin-top: 2px; }}
 .row {{ display: flex; gap: 2px; margin-top: 2px; }}
 .key {{ flex: 1; min-width: 0; background: rgba(60,80,100,.45); color: #fff; font-size: 14px; text-align: center;
   padding: 9px 4px; border-radius: 8px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }}
 .note {{ align-self: center; font-size: 13px; color: #fff; background: rgba(0,0,0,.25); border-radius: 10px;
   padding: 2px 8px; margin-top: 6px; }}
 .inline {{ position: absolute; left: 0; right: 0; bottom: 0; background: #fff; }}
 .results {{ max-height: 420px; overflow: hidden; }}
 .result {{ padding: 8px 12px; border-top: 1px solid #e5e5e5; font-size: 15px; }}
 .result span {{ color: #777; font-size: 14px; }}
 .input {{ padding: 12px; border-top: 1px solid #ccc; color: #333; }}
</style></head><body><div class="phone"><div class="top">ipbot</div>
<div class="chat">{bubbles}</div>{panel}</div></body></html>"""


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _shoot(page: Path) -> None:
    """A PNG of the page as a phone shows it (device scale 2), when Chromium is installed."""
    browser = _chromium()
    if browser is None:
        return
    target = page.with_suffix(".png")
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--window-size={WIDTH},{HEIGHT}",
            "--force-device-scale-factor=2",
            f"--screenshot={target}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )


# ---------------------------------------------------------------- the walkthrough
Step = Callable[[Chat], Awaitable[None]]


async def walk(chat: Chat, browser: Browser, only: set[int]) -> None:
    """Every screen, in order; ``only`` limits which are written (all steps still run, so the
    chat and its context are as a user would have them)."""
    numbered = 0

    def wanted() -> bool:
        nonlocal numbered
        numbered += 1
        return not only or numbered in only

    async def shot(name: str, *args: Any, **kwargs: Any) -> None:
        if wanted():
            chat.screen(name, *args, **kwargs)
        else:
            chat.screens.append(chat.out / f"{numbered:02d}-{name}.skipped")

    await chat.say("/start")
    await shot("start")
    await chat.say("Tổng kinh phí kế hoạch năm 2023 của Ninh Thuận là bao nhiêu?")
    await shot("plan-budget")
    await chat.tap("So sánh năm trước")
    await shot("plan-budget-previous-year")
    await chat.tap("Ai chủ trì")
    await shot("start-example-answer")
    await chat.say("Ai chủ trì nhiệm vụ 3.3?")
    await shot("question-lead")
    await chat.tap("Kinh phí")
    await shot("question-lead-tap-budget")
    await chat.say("nhiệm vụ 3.3 năm 2023")
    await shot("card")
    await chat.tap("Chi tiết")
    await shot("card-details")
    await chat.tap("Thu gọn")
    await shot("card-collapsed")
    await chat.say("Quý II năm 2023 có những việc gì?")
    await shot("quarter-list")
    await chat.tap("Kinh phí")
    await shot("quarter-list-budget")
    for plan in browser.plans():
        await chat.say("/kehoach")
        await chat.tap(plan.label)
        await shot(f"{plan.id}-chosen")
        await chat.say("/nhiemvu")
        await shot(f"{plan.id}-nhiemvu")
        groups = browser.groups(plan.id)
        await chat.tap(groups[min(2, len(groups) - 1)].label)
        await shot(f"{plan.id}-nhiemvu-group")
        first = browser.tasks(plan.id, groups[min(2, len(groups) - 1)].id)[0]
        await chat.tap(first.label)
        await shot(f"{plan.id}-nhiemvu-card")
        await chat.say("/coquan")
        await shot(f"{plan.id}-coquan")
        await chat.tap(browser.agencies(plan.id)[0].label)
        await shot(f"{plan.id}-coquan-agency")
        await chat.say("/quy")
        await shot(f"{plan.id}-quy")
        if browser.has_quarters(plan.id):
            await chat.tap("Quý II")
            await shot(f"{plan.id}-quy-2")
        await chat.say("/kinhphi")
        await shot(f"{plan.id}-kinhphi")
        await chat.say("/bieudo")
        await shot(f"{plan.id}-bieudo")
        await chat.say("/xuat")
        await shot(f"{plan.id}-xuat")
        await chat.say("/nhacnho")
        await shot(f"{plan.id}-nhacnho")
    await chat.say("/kehoach")
    await chat.tap("Tất cả")
    await chat.say("/kinhphi")
    await shot("all-kinhphi")
    await chat.tap("Chi tiết")
    await shot("all-kinhphi-details")
    await chat.say("/bieudo")
    await shot("all-bieudo")
    await chat.say("/timkiem OCOP")
    await shot("timkiem")
    await chat.say("Sở KH&CN Thái Bình có trách nhiệm gì?")
    await shot("duties")
    await chat.say("thời tiết hôm nay thế nào")
    await shot("failure-out-of-scope")
    await chat.say("kế hoạch SHTT năm 2024 của Hà Nội")
    await shot("failure-no-plan")
    await chat.say("sai rồi bot ơi")
    await shot("complaint")
    await chat.say("/lichhop")
    await shot("unknown-command")
    await chat.say("/help")
    await shot("help")
    results = await chat.inline("")
    await shot("inline-empty", results, "")
    results = await chat.inline("ai chu tri nha dam")
    await shot("inline-one-plan", results, "ai chu tri nha dam")
    results = await chat.inline("OCOP")
    await shot("inline-per-plan", results, "OCOP")
    await chat.say("/thongke", user_id=ADMIN_ID, chat_id=USER_ID)
    await shot("admin-stats")


async def main(out: Path, only: set[int]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="ipbot-walk-"))
    db = folder / "ipbot.db"
    build(DEFAULT_DATA_DIR, db)
    assistant = Assistant(read_knowledge(db))
    with FakeBotAPI() as api:
        settings = make_settings(api, folder / "state.sqlite3", db)
        services = Services(
            settings, assistant, Browser(assistant.knowledge), open_state(settings), UserRateLimiter(10_000)
        )
        try:
            async with RunningBot(api, settings, services) as bot:
                chat = Chat(api, bot, out)
                await walk(chat, services.browser, only)
        finally:
            services.store.close()
    for page in chat.screens:  # after the walk: a screenshot takes a second, and the bot must not wait
        if page.suffix == ".html":
            _shoot(page)
    return chat.screens


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("phone-screens"))
    parser.add_argument("--only", type=int, nargs="*", default=[], help="write only these screens (numbers)")
    args = parser.parse_args()
    screens = asyncio.run(main(args.out, set(args.only)))
    print(f"{len(screens)} screens in {args.out}" + ("" if _chromium() else " (HTML only: Chromium not found)"))
