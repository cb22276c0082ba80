"""The ``ipbot`` command: ask, chat, build-db, check-data, plans, run.

Each command is a thin wrapper: parse arguments, call the library, print. The answer
path imports neither telegram nor anything else heavy, so ``ipbot ask`` starts fast.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

from pydantic import ValidationError

from ipbot.answers import Context
from ipbot.assistant import Assistant, build, open_knowledge, settle
from ipbot.config import Paths, light_paths
from ipbot.frontends.batch import batch
from ipbot.frontends.render import plain_text
from ipbot.plans.store import DataInvalid
from ipbot.requests import Field, Items, Request

if TYPE_CHECKING:
    from ipbot.config import Settings

__all__ = ["batch", "chat", "main"]

CHAT_BANNER = (
    "ipbot — hỏi đáp về Kế hoạch triển khai Chiến lược SHTT (gõ /thoat để thoát, /moi để bắt đầu lại).\n"
    "Chưa đặt TELEGRAM_BOT_TOKEN nên bot chạy ở chế độ trò chuyện trên terminal; "
    "đặt biến này (hoặc ghi vào tệp .env) để chạy bot Telegram."
)


def chat(assistant: Assistant, stdin: IO[str], stdout: IO[str], interactive: bool) -> None:
    """A terminal conversation; without a terminal, answer each line read."""
    context = Context()
    if interactive:
        print(CHAT_BANNER, file=stdout)
    while True:
        if interactive:
            stdout.write("\nBạn: ")
            stdout.flush()
        line = stdin.readline()
        if not line:
            break
        question = line.strip()
        if not question:
            continue
        if question in ("/thoat", "/quit", "/exit"):
            break
        if question in ("/moi", "/reset"):
            context = Context()
            print("Đã bắt đầu cuộc trò chuyện mới.", file=stdout)
            continue
        answer = assistant.ask(question, context)
        context = answer.context
        prefix = "ipbot: " if interactive else ""
        print(prefix + plain_text(answer), file=stdout)
        if not interactive:
            print(file=stdout)
        stdout.flush()


def _cmd_ask(args: argparse.Namespace, settings: Settings | Paths) -> int:
    if not args.batch:  # one question, then the process ends: what loading makes is never scanned (below)
        gc.disable()
    assistant = Assistant.open(settings)
    if args.batch:
        settle()
        # bytes, not text: a line with an invalid UTF-8 byte gets its own error line instead of
        # ending the run (or being silently altered by a decoder's replacement characters)
        if args.batch == "-":
            batch(assistant, getattr(sys.stdin, "buffer", sys.stdin), sys.stdout)
        else:
            with open(args.batch, "rb") as stream:
                batch(assistant, stream, sys.stdout)
        return 0
    if not args.question:
        print('Hãy nhập câu hỏi, ví dụ: ipbot ask "Ai chủ trì nhiệm vụ 3.3?"', file=sys.stderr)
        return 2
    gc.freeze()  # out of the collector's sight before it runs again: 0.1-0.2 s at 300 plans
    gc.enable()
    answer = assistant.ask(" ".join(args.question))
    print(plain_text(answer))
    return 0


def _cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    assistant = Assistant.open(settings)
    settle()
    chat(assistant, sys.stdin, sys.stdout, sys.stdin.isatty())
    return 0


def _cmd_build_db(args: argparse.Namespace, settings: Settings) -> int:
    target = Path(args.output) if args.output else settings.database
    try:
        cat = build(settings.data_dir, target)
    except DataInvalid as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"Không dựng được cơ sở dữ liệu: {len(exc.problems)} lỗi dữ liệu.", file=sys.stderr)
        return 1
    print(f"Đã dựng {target} từ {len(cat.plans)} kế hoạch, {len(cat.agencies)} cơ quan.")
    return 0


def _cmd_check_data(args: argparse.Namespace, settings: Settings) -> int:
    from ipbot.plans.checks import check_catalogue
    from ipbot.plans.load import load_catalogue

    data_dir = Path(args.data) if args.data else settings.data_dir
    cat = load_catalogue(data_dir)
    problems = check_catalogue(cat)
    for problem in problems:
        if problem.level != "note" or not args.quiet:
            print(problem)
    errors = sum(p.level == "error" for p in problems)
    warnings = sum(p.level == "warning" for p in problems)
    notes = sum(p.level == "note" for p in problems)
    summary = f"{len(cat.plans)} kế hoạch; {errors} lỗi, {warnings} cảnh báo"
    print(f"\n{summary}, {notes} ghi nhận (sai lệch đã ghi trong dữ liệu).")
    return 1 if errors else 0


def _cmd_plans(args: argparse.Namespace, settings: Settings) -> int:
    knowledge = open_knowledge(settings.data_dir, settings.database)
    for plan in knowledge.plans.values():
        agencies = {s for t in plan.tasks for s in (*t.lead, *t.cooperating)}
        agencies |= {s for r in plan.responsibilities for s in r.agencies}
        print(
            f"{plan.id}: {plan.short_title} — {len(plan.tasks)} nhiệm vụ, {len(agencies)} cơ quan, "
            f"{len(plan.targets)} chỉ tiêu, {len(plan.responsibilities)} mục trách nhiệm, "
            f"{len(plan.discrepancies)} sai lệch ghi nhận"
        )
    return 0


def _cmd_files(args: argparse.Namespace, settings: Settings) -> int:
    """ipbot chart / ipbot export: write the files the bot would send."""
    from ipbot.files.attachments import render

    assistant = Assistant.open(settings)
    knowledge = assistant.knowledge
    plans = [p for p in (args.plan or knowledge.plans) if p in knowledge.plans]
    if not plans:
        print(f"Không có kế hoạch {', '.join(args.plan)}; hiện có: {', '.join(knowledge.plans)}.", file=sys.stderr)
        return 2
    kinds = (Field.CHART,) if args.command == "chart" else (Field.EXPORT, Field.CSV)
    wanted = assistant.run(Request(items=Items.FILES, plans=tuple(plans), show=kinds)).attachments
    if args.command == "export":
        wanted = [a for a in wanted if a.what in (args.format or ["xlsx", "csv"])]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for attachment in wanted:
        file = render(knowledge, attachment)
        if file is not None:
            (out / file.filename).write_bytes(file.data)
            print(f"{out / file.filename}: {file.caption.splitlines()[0]}")
    if not wanted:
        print("Kế hoạch đã chọn không có số liệu kinh phí để vẽ biểu đồ.", file=sys.stderr)
        return 1
    return 0


def _cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    """ipbot import-text FILE [--out PATH] [--review HTML]: draft a plan data file (and its review page)."""
    from ipbot.plans.importing import draft_plan, finish, read_document, to_yaml
    from ipbot.plans.load import AGENCIES_FILE, PLANS_DIR, SOURCES_DIR, load_registry

    source = Path(args.file)
    registry = load_registry(settings.data_dir / AGENCIES_FILE)
    draft = finish(draft_plan(source, registry, settings.data_dir))
    plan_id = str(draft.data["id"])
    if args.review:
        from ipbot.plans.importing.review import review_page

        Path(args.review).write_text(review_page(draft), encoding="utf-8")
        print(f"Trang kiểm tra: {args.review}")
    out = Path(args.out) if args.out else settings.data_dir / PLANS_DIR / f"{plan_id}.yaml"
    if out.exists() and not args.force:
        print(f"{out} đã có (có thể là dữ liệu đã được kiểm tra): dùng --out hoặc --force.", file=sys.stderr)
        return 1
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(to_yaml(draft), encoding="utf-8")
    if not args.out:  # into data/: the NFC source text goes beside it, so check-data and citations work
        text = "\n".join(read_document(source)) + "\n"
        (settings.data_dir / SOURCES_DIR / f"{plan_id}.txt").write_text(text, encoding="utf-8")
    else:
        print(f"Khi đưa bản nháp vào data/plans/, đặt văn bản (NFC) ở data/sources/{plan_id}.txt.")
    tasks = draft.data["tasks"]
    print(f"Đã viết bản nháp {out}: {len(tasks)} nhiệm vụ, {len(draft.notes)} điểm cần kiểm tra.")  # type: ignore[arg-type]
    for note in draft.notes:
        print(f"  - {note}")
    return 0


def _cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    return run(settings)


def run(settings: Settings) -> int:
    """Start the Telegram bot when a token is set, the terminal chat otherwise."""
    if settings.telegram_bot_token is None or not settings.telegram_bot_token.get_secret_value():
        chat(Assistant.open(settings), sys.stdin, sys.stdout, sys.stdin.isatty())
        return 0
    from ipbot.frontends.telegram.bot import run_bot  # imported only here: the answer path never needs telegram

    run_bot(settings)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ipbot", description="Hỏi đáp về Kế hoạch triển khai Chiến lược SHTT.")
    sub = parser.add_subparsers(dest="command", required=True)
    ask = sub.add_parser("ask", help="trả lời một câu hỏi, hoặc một tệp JSON lines (--batch)")
    ask.add_argument("question", nargs="*")
    ask.add_argument("--batch", metavar="FILE", help="tệp JSON lines {id, question, session?}; - là stdin")
    ask.set_defaults(func=_cmd_ask)
    sub.add_parser("chat", help="trò chuyện trên terminal").set_defaults(func=_cmd_chat)
    build = sub.add_parser("build-db", help="dựng cơ sở dữ liệu SQLite từ data/")
    build.add_argument("--output", help="đường dẫn tệp cơ sở dữ liệu")
    build.set_defaults(func=_cmd_build_db)
    check = sub.add_parser("check-data", help="kiểm tra dữ liệu kế hoạch")
    check.add_argument("--data", help="thư mục dữ liệu (mặc định data/)")
    check.add_argument("--quiet", action="store_true", help="không in các ghi nhận")
    check.set_defaults(func=_cmd_check_data)
    sub.add_parser("plans", help="liệt kê các kế hoạch").set_defaults(func=_cmd_plans)
    chart_cmd = sub.add_parser("chart", help="vẽ biểu đồ kinh phí (PNG)")
    chart_cmd.add_argument("--plan", action="append", help="mã kế hoạch (mặc định: tất cả)")
    chart_cmd.add_argument("--out", default=".", help="thư mục ghi ảnh")
    chart_cmd.set_defaults(func=_cmd_files)
    export_cmd = sub.add_parser("export", help="xuất danh sách nhiệm vụ (Excel, CSV)")
    export_cmd.add_argument("--plan", action="append", help="mã kế hoạch (mặc định: tất cả)")
    export_cmd.add_argument("--format", action="append", choices=["xlsx", "csv"], help="định dạng (mặc định: cả hai)")
    export_cmd.add_argument("--out", default=".", help="thư mục ghi tệp")
    export_cmd.set_defaults(func=_cmd_files, format=None)
    sub.add_parser("run", help="chạy bot Telegram (hoặc chat khi chưa có token)").set_defaults(func=_cmd_run)
    imp = sub.add_parser("import-text", help="dựng bản nháp dữ liệu kế hoạch từ văn bản (.txt, .docx)")
    imp.add_argument("file")
    imp.add_argument("--out", help="tệp YAML (mặc định: data/plans/<mã kế hoạch>.yaml)")
    imp.add_argument("--force", action="store_true", help="ghi đè tệp đã có")
    imp.add_argument("--review", metavar="HTML", help="trang HTML để kiểm tra: từng dữ kiện bên đoạn văn bản nguồn")
    imp.set_defaults(func=_cmd_import)
    return parser


def settings_problem(exc: ValidationError) -> str:
    """Every bad setting on one line, by the name it is set under, without its value (it may be a
    secret): ``invalid settings: IPBOT_REMINDER_TIME: must be a time of day…``."""
    parts = []
    for error in exc.errors():
        name = str(error["loc"][0]) if error["loc"] else "?"
        message = str(error["msg"]).removeprefix("Value error, ")
        parts.append(f"{name if name.isupper() else name.upper()}: {message}")
    return "invalid settings: " + "; ".join(parts)


def _settings() -> Settings:
    from ipbot.config import Settings

    return Settings()


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    if hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(encoding="utf-8", errors="replace")
    args = _parser().parse_args(argv)
    try:
        # one question needs only where the data is: the full settings (pydantic-settings, asyncio,
        # ssl) are not loaded for it unless a .env file is there to be read
        settings = (light_paths() if args.command == "ask" else None) or _settings()
    except ValidationError as exc:  # one line naming each bad setting, never a traceback
        print(f"ipbot: {settings_problem(exc)}", file=sys.stderr)
        return 2
    except (OSError, UnicodeDecodeError) as exc:
        print(f"ipbot: cannot read the settings (.env): {exc}", file=sys.stderr)
        return 2
    try:
        return int(args.func(args, settings))
    except DataInvalid as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print("Dữ liệu kế hoạch có lỗi; chạy `ipbot check-data` để xem chi tiết.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        print(f"Không đọc/ghi được tệp: {exc}", file=sys.stderr)
        return 2
