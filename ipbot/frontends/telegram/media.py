"""Telegram commands that send files or run on a schedule: /bieudo, /xuat, /nhacnho, /huynhac.

Kept apart from :mod:`ipbot.frontends.telegram.bot` (the conversation) because they add the heavy
parts: charts and spreadsheets are rendered by :mod:`ipbot.files.attachments` off the event
loop, and reminders run from PTB's JobQueue once a day. Subscriptions live in the
state database, so they survive restarts.
"""

from __future__ import annotations

import datetime as dt
import html
import logging

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.ext import Application, CommandHandler, ContextTypes

from ipbot import phrases
from ipbot.frontends.browse import Browser, plan_label
from ipbot.frontends.telegram.bot import (
    _BUTTONS,
    VIETNAM,
    Services,
    _button,
    _chat_context,
    _chosen_plan,
    _default_plan,
    _retrying,
    _send_answer,
    _services,
    send_attachments,
)
from ipbot.frontends.telegram.reminders import due, upcoming
from ipbot.plans.models import Plan
from ipbot.requests import Field

__all__ = [
    "REMINDER_TIME",
    "chart_command",
    "export_command",
    "register",
    "send_reminders",
    "subscribe_command",
    "unsubscribe_command",
]

log = logging.getLogger(__name__)

REMINDER_TIME = dt.time(7, 30, tzinfo=VIETNAM)
SUBSCRIPTIONS = "reminders"


async def chart_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/bieudo: the budget charts of the chat's plan (or of every plan), as photos."""
    services = _services(context)
    message = update.effective_message
    if message is None:
        return
    plan_id = _chosen_plan(context)
    plan_ids = (plan_id,) if plan_id else tuple(p.id for p in services.browser.plans())
    answer = services.assistant.run(Browser.files_request(plan_ids, Field.CHART), _chat_context(context))
    await _send_answer(message, answer, services)


async def export_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/xuat: the chat's plan as Excel and CSV, or a choice of plan first."""
    services = _services(context)
    message = update.effective_message
    if message is None:
        return
    plan_id = _chosen_plan(context)
    if plan_id:
        await _send_export(update, services, plan_id)
        return
    rows = [[_button(p.label, f"x:{p.id}", services.store)] for p in services.browser.plans()]
    await message.reply_text(html.escape(phrases.PICK_EXPORT), reply_markup=InlineKeyboardMarkup(rows))


async def _send_export(update: Update, services: Services, plan_id: str) -> None:
    message = update.effective_message
    if message is not None:
        await _send_file(message, services, plan_id, Field.EXPORT)


async def _send_file(message: Message, services: Services, plan_id: str, field: Field) -> None:
    """The workbook with a button for the CSV under it, or the CSV asked for with that button."""
    answer = services.assistant.run(Browser.files_request((plan_id,), field))
    csv = [[_button(phrases.CSV_BUTTON, f"x:csv:{plan_id}", services.store)]] if field is Field.EXPORT else None
    await send_attachments(message, services.knowledge, answer.attachments, InlineKeyboardMarkup(csv) if csv else None)


async def _on_export(update: Update, context: ContextTypes.DEFAULT_TYPE, services: Services, rest: str) -> None:
    """x:<plan> sends the workbook, x:csv:<plan> the CSV."""
    query = update.callback_query
    field, plan_id = (Field.CSV, rest[4:]) if rest.startswith("csv:") else (Field.EXPORT, rest)
    if not services.browser.has_plan(plan_id) or query is None or not isinstance(query.message, Message):
        return
    await _send_file(query.message, services, plan_id, field)


async def subscribe_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/nhacnho: remind this chat of the dates the plans set (the chat's plan, or all)."""
    services = _services(context)
    chat, message = update.effective_chat, update.effective_message
    if chat is None or message is None:
        return
    plan_id = _default_plan(context)
    plans = _plans_for(services, plan_id)
    dates = upcoming(services.knowledge, plans, services.today())
    if not dates:  # a subscription that can never fire would be a silent dead end
        names = ", ".join(plan_label(p) for p in plans)
        await message.reply_text(html.escape(phrases.NOTHING_TO_REMIND.format(plans=names)))
        return
    services.store.put(SUBSCRIPTIONS, chat.id, {"plan": plan_id})
    lines = [phrases.SUBSCRIBED]
    lines += [f"• {o.date:%d/%m/%Y}: {o.text}" for o in dates]
    await message.reply_text(html.escape("\n".join(lines)))


async def unsubscribe_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/huynhac: stop the reminders for this chat."""
    services = _services(context)
    chat, message = update.effective_chat, update.effective_message
    if chat is None or message is None:
        return
    services.store.delete(SUBSCRIPTIONS, chat.id)
    await message.reply_text(html.escape(phrases.UNSUBSCRIBED))


def _plans_for(services: Services, plan_id: str | None) -> list[Plan]:
    plans = services.knowledge.plans
    return [plans[plan_id]] if plan_id in plans else list(plans.values())


async def send_reminders(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The daily job: every subscribed chat gets the reminders due today (the day before and the day)."""
    services = _services(context)
    today = services.today()
    knowledge = services.knowledge
    for chat_id, value in services.store.all(SUBSCRIPTIONS).items():
        plan_id = value.get("plan") if isinstance(value, dict) else None
        for reminder in due(knowledge, _plans_for(services, plan_id), today):
            await _retrying(lambda c=int(chat_id), r=reminder: context.bot.send_message(c, html.escape(r.text)))


def register(application: Application) -> None:
    """Add the commands, the export button and the daily reminder job."""
    application.add_handler(CommandHandler("bieudo", chart_command))
    application.add_handler(CommandHandler("xuat", export_command))
    application.add_handler(CommandHandler("nhacnho", subscribe_command))
    application.add_handler(CommandHandler("huynhac", unsubscribe_command))
    _BUTTONS["x"] = _on_export
    if application.job_queue is not None:
        application.job_queue.run_daily(send_reminders, REMINDER_TIME, name="reminders")
    else:  # python-telegram-bot installed without the job-queue extra
        log.warning("no JobQueue: reminders are not scheduled")
